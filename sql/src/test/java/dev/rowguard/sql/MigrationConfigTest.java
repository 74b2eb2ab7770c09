package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations a project's configuration names, in real project layouts. */
final class MigrationConfigTest {

  @TempDir Path project;

  private Path resources() {
    return project.resolve("src/main/resources");
  }

  private void write(String path, String text) throws IOException {
    Path file = project.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Test
  void withoutConfigurationFlywaysAndLiquibasesDefaults() throws IOException {
    write("src/main/resources/db/migration/V1__a.sql", "CREATE TABLE a (x INT NOT NULL);");
    write("src/main/resources/db/changelog/db.changelog-master.yaml", "databaseChangeLog: []\n");
    assertThat(MigrationConfig.histories(List.of(resources()), project))
        .containsExactly(
            MigrationHistory.of(
                List.of(
                    resources().resolve("db/migration"),
                    resources().resolve("db/changelog/db.changelog-master.yaml"))));
  }

  /** Comma lists, classpath: and filesystem: prefixes, an unprefixed location, placeholders. */
  @Test
  void springFlywayLocationsAndPlaceholders() throws IOException {
    write(
        "src/main/resources/application.properties",
        """
        spring.flyway.locations=classpath:db/changes, filesystem:sql/extra,db/more,s3:bucket/x
        spring.flyway.placeholders.owner_type=VARCHAR(60)
        spring.liquibase.enabled=false
        """);
    write(
        "src/main/resources/db/changes/V1__jobs.sql",
        "CREATE TABLE jobs (id INT PRIMARY KEY, owner ${owner_type});");
    write("sql/extra/V2__owner.sql", "ALTER TABLE jobs ALTER COLUMN owner SET NOT NULL;");
    write("src/main/resources/db/more/V3__x.sql", "CREATE TABLE x (id INT);");
    write("src/main/resources/db/migration/V9__ignored.sql", "CREATE TABLE ignored (id INT);");
    List<MigrationHistory> histories = MigrationConfig.histories(List.of(resources()), project);
    assertThat(histories)
        .containsExactly(
            new MigrationHistory(
                List.of(
                    resources().resolve("db/changes"),
                    project.resolve("sql/extra"),
                    resources().resolve("db/more")),
                Map.of("owner_type", "VARCHAR(60)"),
                Map.of()));
    Schema schema = Migrations.agreed(histories);
    assertThat(schema.column("jobs", "owner").orElseThrow().notNull()).isTrue();
    assertThat(schema.column("jobs", "owner").orElseThrow().type()).isEqualTo("VARCHAR (60)");
    assertThat(schema.hasTable("x")).isTrue();
    assertThat(schema.hasTable("ignored")).isFalse();
  }

  /**
   * {@code {vendor}}: one history per vendor directory; the model keeps what they agree on, so a
   * NOT NULL only MySQL's migrations declare is unknown, neither NOT NULL nor nullable.
   */
  @Test
  void vendorDirectoriesAreOneDatabaseEach() throws IOException {
    write(
        "src/main/resources/application.yml",
        """
        spring:
          flyway:
            locations:
              - classpath:db/migration/{vendor}
              - classpath:db/common
        """);
    write(
        "src/main/resources/db/migration/mysql/V1__labels.sql",
        "CREATE TABLE labels (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
            + " key_name VARCHAR(63) NOT NULL, key_prefix VARCHAR(253) NOT NULL);");
    write(
        "src/main/resources/db/migration/postgresql/V1__labels.sql",
        "CREATE TABLE labels (id BIGSERIAL PRIMARY KEY, key_name VARCHAR(63) NOT NULL,"
            + " key_prefix VARCHAR(253));");
    write("src/main/resources/db/common/V2__notes.sql", "CREATE TABLE notes (id INT NOT NULL);");
    List<MigrationHistory> histories = MigrationConfig.histories(List.of(resources()), project);
    assertThat(histories).hasSize(2);
    assertThat(histories.get(0).paths())
        .containsExactly(
            resources().resolve("db/common"), resources().resolve("db/migration/mysql"));
    Schema schema = Migrations.agreed(histories);
    assertThat(schema.column("labels", "key_name").orElseThrow().notNull()).isTrue();
    assertThat(schema.column("labels", "key_prefix")).isEmpty();
    assertThat(schema.column("labels", "id").orElseThrow().type()).isNull();
    assertThat(schema.isFullyRead("labels")).isFalse();
    assertThat(schema.isFullyRead("notes")).isTrue();
    assertThat(
            Migrations.schema(histories.get(0))
                .column("labels", "key_prefix")
                .orElseThrow()
                .notNull())
        .isTrue();
  }

  /**
   * Profiles: each is another configuration of the application; one that turns Flyway off names no
   * history, a YAML document activated on a profile is that profile's.
   */
  @Test
  void profilesAndLiquibaseChangeLog() throws IOException {
    write(
        "src/main/resources/application.yaml",
        """
        spring:
          liquibase:
            change-log: classpath:/db/master.xml
            parameters:
              table.suffix: _v2
        ---
        spring:
          config:
            activate:
              on-profile: legacy
          liquibase:
            changeLog: classpath:db/legacy.xml
        """);
    write("src/main/resources/application-test.properties", "spring.liquibase.enabled=false\n");
    String changelog =
        """
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <changeSet id="1" author="a">
            <createTable tableName="jobs${table.suffix}">
              <column name="id" type="int"><constraints nullable="false"/></column>
            </createTable>
          </changeSet>
        </databaseChangeLog>
        """;
    write("src/main/resources/db/master.xml", changelog);
    write("src/main/resources/db/legacy.xml", changelog);
    write("src/main/resources/db/migration/README.txt", "no scripts");
    List<MigrationHistory> histories = MigrationConfig.histories(List.of(resources()), project);
    assertThat(histories)
        .containsExactly(
            new MigrationHistory(
                List.of(resources().resolve("db/migration"), resources().resolve("db/master.xml")),
                Map.of(),
                Map.of("table.suffix", "_v2")),
            new MigrationHistory(
                List.of(resources().resolve("db/migration"), resources().resolve("db/legacy.xml")),
                Map.of(),
                Map.of("table.suffix", "_v2")),
            new MigrationHistory(
                List.of(resources().resolve("db/migration")),
                Map.of(),
                Map.of("table.suffix", "_v2")));
    assertThat(Migrations.schema(histories.get(0)).hasTable("jobs_v2")).isTrue();
  }

  /** Flyway's own flyway.conf and Liquibase's liquibase.properties in the project directory. */
  @Test
  void flywayConfAndLiquibaseProperties() throws IOException {
    write(
        "flyway.conf",
        """
        flyway.url=jdbc:h2:mem:x
        flyway.locations=filesystem:migrations
        flyway.placeholders.schema=app
        """);
    write(
        "liquibase.properties",
        """
        changeLogFile=db/changelog.yaml
        parameter.kind=int
        """);
    write("migrations/V1__a.sql", "CREATE TABLE ${schema}.a (x INT NOT NULL);");
    write(
        "db/changelog.yaml",
        """
        databaseChangeLog:
          - changeSet:
              id: 1
              author: a
              changes:
                - createTable:
                    tableName: b
                    columns:
                      - column: {name: y, type: "${kind}", constraints: {nullable: false}}
        """);
    List<MigrationHistory> histories = MigrationConfig.histories(List.of(), project);
    assertThat(histories)
        .containsExactly(
            new MigrationHistory(
                List.of(project.resolve("db/changelog.yaml")), Map.of(), Map.of("kind", "int")),
            new MigrationHistory(
                List.of(project.resolve("migrations")), Map.of("schema", "app"), Map.of()));
    assertThat(Migrations.schema(histories.get(0)).column("b", "y").orElseThrow().type())
        .isEqualTo("int");
    assertThat(Migrations.schema(histories.get(1)).column("a", "x").orElseThrow().notNull())
        .isTrue();
  }
}
