package dev.rowguard.cli.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class SchemaCheckCommandTest {

  /** Cloud Foundry's labels table (MySQL): key_prefix DEFAULT NULL inside the unique key. */
  private static final String LABELS =
      """
      CREATE TABLE `labels` (
        `id` BIGINT NOT NULL AUTO_INCREMENT,
        `key_prefix` VARCHAR(253) DEFAULT NULL,
        `key_name` VARCHAR(63) NOT NULL,
        `resource_guid` VARCHAR(255) NOT NULL,
        PRIMARY KEY (`id`),
        UNIQUE KEY `uk_labels` (`key_prefix`, `key_name`, `resource_guid`)
      ) ENGINE=InnoDB;
      """;

  /** A key InnoDB refuses in utf8mb4: 4 * 1000 bytes. */
  private static final String SELECTORS =
      """
      -- label selectors
      CREATE TABLE selectors (
        id BIGINT PRIMARY KEY,
        expression VARCHAR(1000) NOT NULL
      );

      CREATE UNIQUE INDEX ix_expression ON selectors (expression);
      CREATE UNIQUE INDEX ix_prefix ON selectors (expression(100));
      """;

  @TempDir Path dir;

  private Path mysqlMigrations() throws Exception {
    Path mysql = Files.createDirectories(dir.resolve("db/migration/mysql"));
    Files.writeString(mysql.resolve("V1__labels.sql"), LABELS);
    Files.writeString(mysql.resolve("V2__selectors.sql"), SELECTORS);
    return mysql;
  }

  @Test
  void nullableUniqueKeyAndTooLongMysqlKeyAtTheirMigrationLines() throws Exception {
    Path mysql = mysqlMigrations();
    CliRun run = CliRun.run("schema", "check", "--format", "json", mysql.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
    assertThat(findings).hasSize(2);
    JsonNode tooLong = findings.get(0);
    assertThat(tooLong.get("check").asText()).isEqualTo("MysqlKeyTooLong");
    assertThat(tooLong.get("severity").asText()).isEqualTo("error");
    assertThat(tooLong.get("path").asText())
        .isEqualTo(mysql.resolve("V2__selectors.sql").toString());
    assertThat(tooLong.get("line").asInt()).isEqualTo(7);
    assertThat(tooLong.get("message").asText())
        .startsWith("The unique key ix_expression on selectors (expression) takes 4000 bytes");
    JsonNode nullable = findings.get(1);
    assertThat(nullable.get("check").asText()).isEqualTo("NullableUniqueColumn");
    assertThat(nullable.get("severity").asText()).isEqualTo("warning");
    assertThat(nullable.get("path").asText()).isEqualTo(mysql.resolve("V1__labels.sql").toString());
    assertThat(nullable.get("line").asInt()).isEqualTo(1);
    assertThat(nullable.get("message").asText())
        .startsWith(
            "The unique key uk_labels on labels (key_prefix, key_name, resource_guid) covers"
                + " nullable column key_prefix: ");

    CliRun gate =
        CliRun.run("schema", "check", "--fail-on", "warning", mysql.toString(), dir.toString());
    assertThat(gate.exit()).isEqualTo(1);
    assertThat(gate.err())
        .isEqualTo(
            "rowguard schema check: 2 findings at warning or above; failing because of --fail-on"
                + " warning\n");
    assertThat(gate.out()).contains("V2__selectors.sql:7").contains("V1__labels.sql:1");

    CliRun other =
        CliRun.run("schema", "check", "--dialect", "other", "--fail-on", "error", mysql.toString());
    assertThat(other.exit()).as(other.err()).isZero();
    assertThat(other.out()).doesNotContain("MysqlKeyTooLong").contains("NullableUniqueColumn");
  }

  @Test
  void mysqlRuleOnlyForMysqlMigrations() throws Exception {
    Path plain = Files.createDirectories(dir.resolve("migrations"));
    Files.writeString(plain.resolve("V2__selectors.sql"), SELECTORS);
    CliRun auto = CliRun.run("schema", "check", "--fail-on", "note", plain.toString());
    assertThat(auto.exit()).as(auto.out()).isZero();
    CliRun mysql =
        CliRun.run("schema", "check", "--dialect", "mysql", "--fail-on", "error", plain.toString());
    assertThat(mysql.exit()).isEqualTo(1);
    assertThat(mysql.out()).contains("MysqlKeyTooLong");
  }

  @Test
  void liquibaseChangelogInSarif() throws Exception {
    Path changelog = Files.createDirectories(dir.resolve("db/changelog"));
    Files.writeString(
        changelog.resolve("db.changelog-master.yaml"),
        """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: cf
              changes:
                - createTable:
                    tableName: labels
                    columns:
                      - column: {name: id, type: bigint, constraints: {primaryKey: true}}
                      - column: {name: key_prefix, type: varchar(253)}
                      - column: {name: key_name, type: varchar(63), constraints: {nullable: false}}
                - addUniqueConstraint:
                    tableName: labels
                    constraintName: uk_labels
                    columnNames: key_prefix, key_name
        """);
    CliRun run = CliRun.run("schema", "check", "--format", "sarif", dir.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode result = new ObjectMapper().readTree(run.out()).at("/runs/0/results/0");
    assertThat(result.get("ruleId").asText()).isEqualTo("NullableUniqueColumn");
    assertThat(result.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(12);
    assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText())
        .endsWith("db/changelog/db.changelog-master.yaml");
  }

  /**
   * A project directory: the locations its application.yml configures, each {@code {vendor}}
   * directory checked as its own database; scripts elsewhere in the project are not read.
   */
  @Test
  void projectDirectoryByItsConfiguration() throws Exception {
    Path project = dir.resolve("app");
    Path resources = Files.createDirectories(project.resolve("src/main/resources"));
    Files.writeString(
        resources.resolve("application.yml"),
        "spring:\n  flyway:\n    locations: classpath:db/migration/{vendor}\n");
    Path mysql = Files.createDirectories(resources.resolve("db/migration/mysql"));
    Files.writeString(mysql.resolve("V1__labels.sql"), LABELS);
    Path postgres = Files.createDirectories(resources.resolve("db/migration/postgresql"));
    Files.writeString(
        postgres.resolve("V1__labels.sql"),
        "CREATE TABLE labels (id BIGSERIAL PRIMARY KEY, key_prefix VARCHAR(253),"
            + " key_name VARCHAR(63) NOT NULL, CONSTRAINT uk_labels UNIQUE (key_prefix, key_name));");
    Path test = Files.createDirectories(project.resolve("src/test/resources/db/migration"));
    Files.writeString(test.resolve("V2__selectors.sql"), SELECTORS);
    CliRun run = CliRun.run("schema", "check", "--format", "json", project.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    JsonNode findings = new ObjectMapper().readTree(run.out()).get("findings");
    assertThat(findings).hasSize(2);
    assertThat(findings.findValuesAsText("check"))
        .containsExactly("NullableUniqueColumn", "NullableUniqueColumn");
    assertThat(findings.findValuesAsText("path"))
        .containsExactlyInAnyOrder(
            mysql.resolve("V1__labels.sql").toString(),
            postgres.resolve("V1__labels.sql").toString());
  }

  @Test
  void pathsWithoutMigrationsAreExitTwoWithOneLine() throws Exception {
    CliRun missing = CliRun.run("schema", "check", dir.resolve("nope").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err())
        .isEqualTo(
            "rowguard schema check: "
                + dir.resolve("nope")
                + " does not exist: give a migration directory or a Liquibase changelog\n");
    CliRun empty = CliRun.run("schema", "check", dir.toString());
    assertThat(empty.exit()).isEqualTo(2);
    assertThat(empty.err())
        .isEqualTo(
            "rowguard schema check: no Flyway migrations (V*__*.sql) or Liquibase changelog found"
                + " in "
                + dir
                + ": give the directory of the scripts or the master changelog\n");
    CliRun bad = CliRun.run("schema", "check", "--dialect", "sybase", dir.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("'sybase' is not a dialect");
  }
}
