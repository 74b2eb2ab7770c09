package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema read from Flyway migrations agrees with what a real database (H2) makes of the same
 * scripts applied in the same order.
 */
final class FlywayMigrationsTest {

  /** sechub's shape: NOT NULL only in the migration, added after the table was created. */
  private static final Map<String, String> POSTGRES_STYLE =
      Map.of(
          "V1__create_jobs.sql",
          """
          -- jobs and their owners
          CREATE TABLE job_information (
            uuid UUID NOT NULL,
            project_id VARCHAR(150) NOT NULL,
            owner VARCHAR(60),
            info TEXT,
            note VARCHAR(20) NULL,
            CONSTRAINT pk_job_information PRIMARY KEY (uuid)
          );
          CREATE TABLE scratch (id BIGINT PRIMARY KEY, label VARCHAR(10) NOT NULL);
          /* a comment; with a semicolon */
          INSERT INTO scratch (id, label) VALUES (1, 'a;b');
          """,
          "V1_1__owner_required.sql",
          """
          UPDATE job_information SET owner = 'system' WHERE owner IS NULL;
          ALTER TABLE job_information ALTER COLUMN owner SET NOT NULL;
          ALTER TABLE job_information ADD COLUMN status VARCHAR(10) DEFAULT 'NEW' NOT NULL;
          """,
          "V2__relax.sql",
          """
          ALTER TABLE job_information ALTER COLUMN project_id DROP NOT NULL;
          ALTER TABLE job_information RENAME COLUMN info TO details;
          DROP TABLE scratch;
          """,
          "V10__later.sql",
          "ALTER TABLE job_information ADD COLUMN configuration VARCHAR(200);",
          "R__views.sql",
          "CREATE OR REPLACE VIEW open_jobs AS SELECT uuid FROM job_information WHERE status = 'NEW';",
          "U2__undo.sql",
          "DROP TABLE job_information;",
          "README.txt",
          "not a migration");

  /** MySQL's dialect, as the Cloud Foundry labels table was written. */
  private static final Map<String, String> MYSQL_STYLE =
      Map.of(
          "V1__labels.sql",
          """
          CREATE TABLE `labels` (
            `id` BIGINT NOT NULL AUTO_INCREMENT,
            `key_prefix` VARCHAR(253) DEFAULT NULL,
            `key_name` VARCHAR(63) NOT NULL,
            `value` VARCHAR(63),
            PRIMARY KEY (`id`),
            UNIQUE KEY `uk_labels` (`key_prefix`, `key_name`)
          ) ENGINE=InnoDB;
          """,
          "V2__modify.sql",
          """
          ALTER TABLE `labels` MODIFY `value` VARCHAR(63) NOT NULL;
          ALTER TABLE labels MODIFY COLUMN key_name VARCHAR(63);
          """);

  @Test
  void nullabilityAgreesWithTheDatabase(@TempDir Path dir) throws Exception {
    assertAgreesWithH2(dir, POSTGRES_STYLE, "jdbc:h2:mem:pg;MODE=PostgreSQL");
    Schema schema = FlywayMigrations.schema(List.of(dir));
    assertThat(schema.column("job_information", "owner").orElseThrow().notNull()).isTrue();
    assertThat(schema.column("public.JOB_INFORMATION", "\"status\"").orElseThrow().notNull())
        .isTrue();
    assertThat(schema.column("job_information", "project_id").orElseThrow().notNull()).isFalse();
    assertThat(schema.column("job_information", "details")).isPresent();
    assertThat(schema.column("job_information", "info")).isEmpty();
    assertThat(schema.column("job_information", "configuration").orElseThrow().notNull()).isFalse();
    assertThat(schema.hasTable("scratch")).isFalse();
  }

  @Test
  void mysqlModifyRedefinesTheColumn(@TempDir Path dir) throws Exception {
    assertAgreesWithH2(dir, MYSQL_STYLE, "jdbc:h2:mem:my;MODE=MySQL;DATABASE_TO_LOWER=TRUE");
    Schema schema = FlywayMigrations.schema(List.of(dir));
    assertThat(schema.column("labels", "key_name").orElseThrow().notNull()).isFalse();
    assertThat(schema.column("labels", "value").orElseThrow().notNull()).isTrue();
    assertThat(schema.column("labels", "key_prefix").orElseThrow().notNull()).isFalse();
    assertThat(schema.column("labels", "id").orElseThrow().notNull()).isTrue();
  }

  @Test
  void flywayOrderAndWhatIsLeftOut(@TempDir Path dir) throws IOException {
    write(dir, POSTGRES_STYLE);
    Files.createDirectories(dir.resolve("nested"));
    Files.writeString(dir.resolve("nested/V1_2__nested.sql"), "SELECT 1;");
    assertThat(FlywayMigrations.scripts(List.of(dir)).stream().map(p -> p.getFileName().toString()))
        .containsExactly(
            "V1__create_jobs.sql",
            "V1_1__owner_required.sql",
            "V1_2__nested.sql",
            "V2__relax.sql",
            "V10__later.sql",
            "R__views.sql");
    assertThat(FlywayMigrations.scripts(List.of(dir.resolve("missing")))).isEmpty();
    assertThat(FlywayMigrations.schema(List.of(dir.resolve("missing")))).isSameAs(Schema.EMPTY);
  }

  @Test
  void unparseableStatementsChangeNothing() {
    Schema schema =
        Schema.of(
            List.of(
                """
                CREATE TABLE t (a INT NOT NULL, b INT);
                ALTER TABLE t FROBNICATE b;
                CREATE FUNCTION f() RETURNS trigger AS $$ BEGIN NEW.b := 1; RETURN NEW; END; $$ LANGUAGE plpgsql;
                ALTER TABLE unknown ALTER COLUMN x SET NOT NULL;
                ALTER TABLE t ALTER COLUMN b SET NOT NULL;
                """));
    assertThat(schema.column("t", "a").orElseThrow().notNull()).isTrue();
    assertThat(schema.column("t", "b").orElseThrow().notNull()).isTrue();
    assertThat(schema.hasTable("unknown")).isFalse();
    assertThat(schema.isFullyRead("t")).isFalse();
  }

  @Test
  void tablesChangedByStatementsNotUnderstoodAreOnlyPartlyRead() {
    Schema schema =
        Schema.of(
            List.of(
                """
                CREATE TABLE a (x INT, y INT);
                CREATE TABLE b (x INT);
                CREATE TABLE c (x INT);
                CREATE TABLE d (x INT NOT NULL);
                ALTER TABLE IF EXISTS ONLY public.a ALTER COLUMN x SET NOT NULL;
                ALTER TABLE b MODIFY (x VARCHAR2(20));
                CREATE UNIQUE INDEX ix_c ON c USING frobnicate ((x::text) COLLATE "C") INCLUDE (x) NULLS NOT DISTINCT;
                ALTER TABLE d MODIFY (x NOT NULL);
                """));
    assertThat(schema.isFullyRead("a")).isFalse();
    assertThat(schema.isFullyRead("b")).isFalse();
    assertThat(schema.isFullyRead("c")).isFalse();
    assertThat(schema.isFullyRead("d")).isTrue();
    assertThat(schema.isFullyRead("missing")).isFalse();
    assertThat(
            Schema.of(
                    List.of(
                        "CREATE TABLE a (x INT); ALTER TABLE a FROB x; CREATE TABLE a (x INT);"))
                .isFullyRead("a"))
        .isTrue();
  }

  @Test
  void uniqueKeysAsTheScriptsLeaveThem() {
    Schema schema =
        Schema.of(
            List.of(
                """
                CREATE TABLE labels (
                  id BIGINT PRIMARY KEY,
                  guid VARCHAR(36) NOT NULL UNIQUE,
                  key_prefix VARCHAR(253),
                  key_name VARCHAR(63) NOT NULL,
                  resource_guid VARCHAR(36),
                  CONSTRAINT uk_labels UNIQUE (resource_guid, key_prefix, key_name)
                );
                CREATE UNIQUE INDEX ix_labels_name ON labels (key_name, resource_guid);
                CREATE UNIQUE INDEX ix_live ON labels (key_prefix) WHERE key_prefix IS NOT NULL;
                CREATE INDEX ix_plain ON labels (key_prefix);
                CREATE TABLE other (a INT);
                ALTER TABLE other ADD CONSTRAINT uk_other UNIQUE (a);
                """,
                """
                ALTER TABLE labels DROP CONSTRAINT uk_labels;
                ALTER TABLE labels RENAME COLUMN resource_guid TO owner_guid;
                DROP INDEX IF EXISTS ix_missing;
                ALTER TABLE labels ADD UNIQUE (key_prefix, owner_guid);
                DROP TABLE other;
                """));
    assertThat(schema.uniqueKeys("LABELS").stream().map(Schema.UniqueKey::columns))
        .containsExactly(
            List.of("id"),
            List.of("guid"),
            List.of("key_name", "owner_guid"),
            List.of("key_prefix", "owner_guid"));
    assertThat(schema.uniqueKeys("other")).isEmpty();
    Schema dropped =
        Schema.of(
            List.of(
                "CREATE TABLE t (a INT, b INT); CREATE UNIQUE INDEX ix_a ON t (a);"
                    + " ALTER TABLE t ADD CONSTRAINT uk_b UNIQUE (b); DROP INDEX ix_a;"
                    + " ALTER TABLE t DROP COLUMN b;"));
    assertThat(dropped.uniqueKeys("t")).isEmpty();
  }

  /**
   * Real Flyway migrating the locations and placeholders a Spring Boot configuration names ({@link
   * MigrationConfig}) builds the schema the model reads from them.
   */
  @Test
  void configuredLocationsAgreeWithFlywayOnH2(@TempDir Path project) throws Exception {
    Path resources = project.resolve("src/main/resources");
    Files.createDirectories(resources.resolve("db/changes"));
    Files.createDirectories(project.resolve("sql"));
    Files.writeString(
        resources.resolve("application.properties"),
        "spring.flyway.locations=classpath:db/changes,filesystem:sql\n"
            + "spring.flyway.placeholders.owner_type=VARCHAR(60)\n");
    Files.writeString(
        resources.resolve("db/changes/V1__jobs.sql"),
        "CREATE TABLE jobs (id INT PRIMARY KEY, owner ${owner_type}, note ${owner_type});");
    Files.writeString(
        project.resolve("sql/V2__owner.sql"),
        "ALTER TABLE ${flyway:defaultSchema}.jobs ALTER COLUMN owner SET NOT NULL;");
    List<MigrationHistory> histories = MigrationConfig.histories(List.of(resources), project);
    assertThat(histories).hasSize(1);
    MigrationHistory history = histories.get(0);
    Schema schema = Migrations.schema(history);

    String url = "jdbc:h2:mem:flywayconfig;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    org.flywaydb.core.Flyway.configure()
        .dataSource(url, "sa", "")
        .locations(history.paths().stream().map(p -> "filesystem:" + p).toArray(String[]::new))
        .placeholders(history.flywayPlaceholders())
        .load()
        .migrate();
    Map<String, Boolean> database = new TreeMap<>();
    Map<String, Boolean> model = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url, "sa", "");
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT column_name, is_nullable FROM information_schema.columns"
                    + " WHERE table_name = 'jobs'")) {
      while (rows.next()) {
        database.put(rows.getString(1), "NO".equals(rows.getString(2)));
        model.put(
            rows.getString(1),
            schema.column("jobs", rows.getString(1)).map(Schema.Column::notNull).orElse(null));
      }
    }
    assertThat(database).containsEntry("owner", true).containsEntry("note", false);
    assertThat(model).isEqualTo(database);
  }

  /** Applies the scripts to H2 in Flyway's order and compares every column's nullability. */
  private static void assertAgreesWithH2(Path dir, Map<String, String> files, String url)
      throws IOException, SQLException {
    write(dir, files);
    Schema schema = FlywayMigrations.schema(List.of(dir));
    Map<String, Boolean> database = new TreeMap<>();
    Map<String, Boolean> model = new TreeMap<>();
    try (Connection c = DriverManager.getConnection(url + ";DB_CLOSE_DELAY=0")) {
      for (Path script : FlywayMigrations.scripts(List.of(dir))) {
        for (String statement :
            LexicalClassifier.statements(Files.readString(script, StandardCharsets.UTF_8))) {
          try (Statement s = c.createStatement()) {
            s.execute(statement);
          }
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rows =
              s.executeQuery(
                  "SELECT table_name, column_name, is_nullable FROM information_schema.columns"
                      + " WHERE UPPER(table_schema) = 'PUBLIC' AND table_name IN"
                      + " (SELECT table_name FROM information_schema.tables"
                      + " WHERE table_type = 'BASE TABLE')")) {
        while (rows.next()) {
          String table = rows.getString(1);
          String column = rows.getString(2);
          database.put(table + "." + column, "NO".equals(rows.getString(3)));
          model.put(
              table + "." + column,
              schema.column(table, column).map(Schema.Column::notNull).orElse(null));
        }
      }
    }
    assertThat(database).isNotEmpty();
    assertThat(model).isEqualTo(database);
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
    }
  }
}
