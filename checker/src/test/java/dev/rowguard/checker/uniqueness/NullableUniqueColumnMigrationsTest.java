package dev.rowguard.checker.uniqueness;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.errorprone.CompilationTestHelper;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A column NOT NULL in the Flyway migrations holds no NULL, whatever the mapping says: sechub's
 * {@code JobInformation} declares NOT NULL only in its migration.
 */
final class NullableUniqueColumnMigrationsTest {

  private static final String V1 =
      """
      CREATE TABLE job_information (
        uuid UUID NOT NULL,
        project_id VARCHAR(150) NOT NULL,
        owner VARCHAR(60),
        job_uuid UUID,
        info VARCHAR(200),
        CONSTRAINT pk_job_information PRIMARY KEY (uuid)
      );
      """;

  private static final String V2 =
      """
      ALTER TABLE job_information ALTER COLUMN owner SET NOT NULL;
      ALTER TABLE job_information ADD COLUMN external_ref VARCHAR(40) NOT NULL DEFAULT 'x';
      """;

  private static final String[] JOB_INFORMATION = {
    "package app;",
    "import jakarta.persistence.*;",
    "@Entity",
    "@Table(name = JobInformation.TABLE_NAME,",
    "    uniqueConstraints = @UniqueConstraint(columnNames = {\"project_id\", \"owner\"}))",
    "public class JobInformation {",
    "  static final String TABLE_NAME = \"job_information\";",
    "  @Id UUID uuid;",
    "  @Column(name = \"project_id\") String projectId;",
    "  @Column(name = \"owner\", unique = true) String owner;",
    "  @Column(unique = true) String externalRef;",
    "  // BUG: Diagnostic contains: nullable column job_uuid",
    "  @Column(name = \"job_uuid\", unique = true) UUID jobUUID;",
    "  // BUG: Diagnostic contains: nullable column info",
    "  @Column(unique = true) String info;",
    "}"
  };

  private static final String[] NOT_MIGRATED = {
    "package app;",
    "import jakarta.persistence.*;",
    "@Entity",
    "public class ProjectWhitelist {",
    "  @Id Long id;",
    "  // BUG: Diagnostic contains: nullable column owner",
    "  @Column(unique = true) String owner;",
    "}"
  };

  @Test
  void migrationsNamedByTheFlag(@TempDir Path migrations) throws IOException {
    Files.writeString(migrations.resolve("V1__jobs.sql"), V1);
    Files.writeString(migrations.resolve("V2__owner_required.sql"), V2);
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(
            List.of("-XepOpt:Rowguard:Migrations=" + migrations + "," + migrations.resolve("none")))
        .addSourceLines("JobInformation.java", withUuidImport(JOB_INFORMATION))
        .addSourceLines("ProjectWhitelist.java", NOT_MIGRATED)
        .doTest();
  }

  @Test
  void withoutMigrationsTheMappingDecides() {
    List<String> unmarked = new ArrayList<>();
    for (String line : withUuidImport(JOB_INFORMATION)) {
      unmarked.add(line);
    }
    unmarked.add(
        unmarked.indexOf("  @Column(name = \"owner\", unique = true) String owner;"),
        "  // BUG: Diagnostic contains: nullable column owner");
    unmarked.add(
        unmarked.indexOf("  @Column(unique = true) String externalRef;"),
        "  // BUG: Diagnostic contains: nullable column external_ref");
    unmarked.add(
        unmarked.indexOf("@Table(name = JobInformation.TABLE_NAME,"),
        "// BUG: Diagnostic contains: nullable columns project_id, owner");
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .addSourceLines("JobInformation.java", unmarked.toArray(String[]::new))
        .doTest();
  }

  /**
   * Plain javac, as a build runs it: the migrations are found without a flag, in {@code
   * src/main/resources/db/migration} beside the sources, or in {@code db/migration} of a class path
   * directory (where Maven copies resources before compiling).
   */
  @Test
  void migrationsFoundBesideTheSourcesAndOnTheClassPath(@TempDir Path root) throws IOException {
    Path module = root.resolve("sechub-schema");
    Path source = jobInformationSource(module);
    Path besideSources = module.resolve("src/main/resources/db/migration");
    Files.createDirectories(besideSources);
    Files.writeString(besideSources.resolve("V1__jobs.sql"), V1);
    Files.writeString(besideSources.resolve("V2__owner_required.sql"), V2);
    assertThat(reportedColumns(source, List.of())).containsExactly("info", "job_uuid");

    Path elsewhere = root.resolve("elsewhere/src/main/java/app/JobInformation.java");
    Files.createDirectories(elsewhere.getParent());
    Files.copy(source, elsewhere);
    assertThat(reportedColumns(elsewhere, List.of()))
        .containsExactly("external_ref", "info", "job_uuid", "owner", "project_id, owner");
    Path classes = root.resolve("classes");
    Files.createDirectories(classes.resolve("db/migration"));
    Files.writeString(classes.resolve("db/migration/V1__jobs.sql"), V1);
    Files.writeString(classes.resolve("db/migration/V2__owner_required.sql"), V2);
    assertThat(reportedColumns(elsewhere, List.of(classes.toFile())))
        .containsExactly("info", "job_uuid");
  }

  /**
   * A location configured in application.properties ({@code spring.flyway.locations}) instead of
   * Flyway's default: read there, and the default directory (here a stale copy) is not.
   */
  @Test
  void migrationsAtTheLocationsSpringBootIsConfiguredWith(@TempDir Path root) throws IOException {
    Path module = root.resolve("sechub-schema");
    Path source = jobInformationSource(module);
    Path resources = module.resolve("src/main/resources");
    Files.createDirectories(resources.resolve("db/changes"));
    Files.createDirectories(resources.resolve("db/migration"));
    Files.writeString(
        resources.resolve("application.properties"),
        "spring.flyway.locations=classpath:db/changes,filesystem:sql\n");
    Files.writeString(resources.resolve("db/changes/V1__jobs.sql"), V1);
    Files.createDirectories(module.resolve("sql"));
    Files.writeString(module.resolve("sql/V2__owner_required.sql"), V2);
    Files.writeString(
        resources.resolve("db/migration/V3__stale.sql"),
        "ALTER TABLE job_information ALTER COLUMN info SET NOT NULL;");
    assertThat(reportedColumns(source, List.of())).containsExactly("info", "job_uuid");
  }

  /** Cloud Foundry's labels: the unique key exists only in the MySQL migration. */
  private static final String LABELS =
      """
      CREATE TABLE `labels` (
        `id` BIGINT NOT NULL AUTO_INCREMENT,
        `key_prefix` VARCHAR(253) DEFAULT NULL,
        `key_name` VARCHAR(63) NOT NULL,
        `resource_guid` VARCHAR(255) NOT NULL,
        `value` VARCHAR(63),
        PRIMARY KEY (`id`),
        UNIQUE KEY `uk_labels` (`key_prefix`, `key_name`, `resource_guid`),
        UNIQUE KEY `uk_value` (`value`),
        UNIQUE KEY `uk_unmapped` (`key_name`, `selector`)
      ) ENGINE=InnoDB;
      """;

  /** The entity of the labels table, with {@code extra} lines after {@code @Entity}. */
  private static String[] label(String table, String... extra) {
    List<String> lines =
        new ArrayList<>(List.of("package app;", "import jakarta.persistence.*;", "@Entity"));
    lines.addAll(List.of(extra));
    lines.addAll(
        List.of(
            table,
            "public class Label {",
            "  @Id @GeneratedValue Long id;",
            "  String keyPrefix;",
            "  @Column(nullable = false) String keyName;",
            "  @Column(name = \"resource_guid\", nullable = false) String resourceGuid;",
            "}"));
    return lines.toArray(String[]::new);
  }

  @Test
  void uniqueKeysOnlyInTheMigrations(@TempDir Path migrations) throws IOException {
    Files.writeString(migrations.resolve("V1__labels.sql"), LABELS);
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + migrations))
        .addSourceLines(
            "Label.java",
            label(
                "@Table(name = \"labels\")",
                "// BUG: Diagnostic contains: The unique key uk_labels that the migrations create on"
                    + " key_prefix, key_name, resource_guid covers nullable column key_prefix"))
        .addSourceLines(
            "AuditedLabel.java",
            "package app;",
            "import jakarta.persistence.*;",
            "@Entity",
            "@Table(name = \"labels\")",
            "public class AuditedLabel {",
            "  @Id @GeneratedValue Long id;",
            "  @Column(nullable = false) String keyPrefix;",
            "  @Column(nullable = false) String keyName;",
            "  @Column(name = \"resource_guid\", nullable = false) String resourceGuid;",
            "  @Column(nullable = true) String value;",
            "}")
        .doTest();
  }

  /** A later statement the model does not fully understand (Oracle's MODIFY) silences the key. */
  @Test
  void notReportedWhenTheTableIsOnlyPartlyRead(@TempDir Path migrations) throws IOException {
    Files.writeString(migrations.resolve("V1__labels.sql"), LABELS);
    Files.writeString(
        migrations.resolve("V2__widen.sql"),
        "ALTER TABLE labels MODIFY (key_prefix VARCHAR(400));");
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + migrations))
        .addSourceLines("Label.java", label("@Table(name = \"labels\")"))
        .doTest();
  }

  @Test
  void aKeyInBothIsReportedOnce(@TempDir Path root) throws IOException {
    Path source = root.resolve("cf/src/main/java/app/Label.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        String.join(
            "\n",
            label(
                "@Table(name = \"labels\", uniqueConstraints = @UniqueConstraint(name = \"uk_labels\","
                    + " columnNames = {\"key_prefix\", \"key_name\", \"resource_guid\"}))")));
    Path migrations = root.resolve("cf/src/main/resources/db/migration");
    Files.createDirectories(migrations);
    Files.writeString(migrations.resolve("V1__labels.sql"), LABELS);
    assertThat(reportedColumns(source, List.of())).containsExactly("key_prefix");
  }

  /** sechub's migrations as a Liquibase YAML changelog: NOT NULL only there. */
  private static final String JOBS_YAML =
      """
      databaseChangeLog:
        - changeSet:
            id: 1
            author: sechub
            changes:
              - createTable:
                  tableName: job_information
                  columns:
                    - column: {name: uuid, type: uuid, constraints: {primaryKey: true}}
                    - column: {name: project_id, type: varchar(150), constraints: {nullable: false}}
                    - column: {name: owner, type: varchar(60)}
                    - column: {name: job_uuid, type: uuid}
                    - column: {name: info, type: varchar(200)}
        - include:
            file: db/changelog/changes/002-owner.xml
      """;

  private static final String OWNER_XML =
      """
      <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
        <changeSet id="2" author="sechub">
          <addNotNullConstraint tableName="job_information" columnName="owner"/>
          <addColumn tableName="job_information">
            <column name="external_ref" type="varchar(40)" defaultValue="x">
              <constraints nullable="false"/>
            </column>
          </addColumn>
        </changeSet>
      </databaseChangeLog>
      """;

  /**
   * Liquibase: Spring Boot's default master {@code db/changelog/db.changelog-master.yaml} beside
   * the sources, its include resolved against the resources root; and the same changelog named by
   * the flag.
   */
  @Test
  void liquibaseChangelogsBesideTheSourcesAndByTheFlag(@TempDir Path root) throws IOException {
    Path module = root.resolve("sechub-schema");
    Path source = jobInformationSource(module);
    Path resources = module.resolve("src/main/resources");
    Files.createDirectories(resources.resolve("db/changelog/changes"));
    Path master = resources.resolve("db/changelog/db.changelog-master.yaml");
    Files.writeString(master, JOBS_YAML);
    Files.writeString(resources.resolve("db/changelog/changes/002-owner.xml"), OWNER_XML);
    assertThat(reportedColumns(source, List.of())).containsExactly("info", "job_uuid");

    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + master))
        .addSourceLines("JobInformation.java", withUuidImport(JOB_INFORMATION))
        .addSourceLines("ProjectWhitelist.java", NOT_MIGRATED)
        .doTest();
  }

  /**
   * A NOT NULL that a Liquibase changeSet adds only in some contexts (or under a precondition that
   * marks it ran) may be missing in production: it silences nothing, and the table, now only partly
   * read, gives no finding from the migrations either.
   */
  @Test
  void aNotNullThatMayNotRunSilencesNothing(@TempDir Path dir) throws IOException {
    Path changelog = dir.resolve("changelog.xml");
    Files.writeString(
        changelog,
        """
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <changeSet id="1" author="sechub">
            <createTable tableName="job_information">
              <column name="uuid" type="uuid"><constraints primaryKey="true"/></column>
              <column name="project_id" type="varchar(150)"><constraints nullable="false"/></column>
              <column name="owner" type="varchar(60)"/>
              <column name="job_uuid" type="uuid"/>
              <column name="info" type="varchar(200)"/>
              <column name="external_ref" type="varchar(40)"><constraints nullable="false"/></column>
            </createTable>
          </changeSet>
          <changeSet id="2" author="sechub" context="test">
            <addNotNullConstraint tableName="job_information" columnName="owner"/>
          </changeSet>
          <changeSet id="3" author="sechub">
            <preConditions onFail="MARK_RAN"><sqlCheck expectedResult="0">SELECT 1</sqlCheck></preConditions>
            <addNotNullConstraint tableName="job_information" columnName="info"/>
          </changeSet>
        </databaseChangeLog>
        """);
    List<String> lines = new ArrayList<>(Arrays.asList(withUuidImport(JOB_INFORMATION)));
    lines.add(
        lines.indexOf("@Table(name = JobInformation.TABLE_NAME,"),
        "// BUG: Diagnostic contains: nullable column owner");
    lines.add(
        lines.indexOf("  @Column(name = \"owner\", unique = true) String owner;"),
        "  // BUG: Diagnostic contains: nullable column owner");
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + changelog))
        .addSourceLines("JobInformation.java", lines.toArray(String[]::new))
        .doTest();
  }

  /** A change the model does not read (modifyDataType) leaves the mapping to decide. */
  @Test
  void liquibaseChangeNotUnderstoodSilencesTheMigrationKey(@TempDir Path dir) throws IOException {
    Path changelog = dir.resolve("changelog.xml");
    Files.writeString(
        changelog,
        """
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <changeSet id="1" author="cf">
            <createTable tableName="labels">
              <column name="id" type="bigint"><constraints primaryKey="true"/></column>
              <column name="key_prefix" type="varchar(253)"/>
              <column name="key_name" type="varchar(63)"><constraints nullable="false"/></column>
              <column name="resource_guid" type="varchar(255)"><constraints nullable="false"/></column>
            </createTable>
            <addUniqueConstraint tableName="labels" constraintName="uk_labels"
                columnNames="key_prefix, key_name, resource_guid"/>
          </changeSet>
        </databaseChangeLog>
        """);
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + changelog))
        .addSourceLines(
            "Label.java",
            label(
                "@Table(name = \"labels\")",
                "// BUG: Diagnostic contains: The unique key uk_labels that the migrations create on"
                    + " key_prefix, key_name, resource_guid covers nullable column key_prefix"))
        .doTest();
    Files.writeString(
        changelog,
        Files.readString(changelog)
            .replace(
                "</changeSet>",
                "<modifyDataType tableName=\"labels\" columnName=\"key_prefix\""
                    + " newDataType=\"varchar(400)\"/></changeSet>"));
    CompilationTestHelper.newInstance(NullableUniqueColumn.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + changelog))
        .addSourceLines("Label.java", label("@Table(name = \"labels\")"))
        .doTest();
  }

  /** {@code JobInformation.java} under {@code module}'s {@code src/main/java}. */
  private static Path jobInformationSource(Path module) throws IOException {
    Path source = module.resolve("src/main/java/app/JobInformation.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, String.join("\n", withUuidImport(JOB_INFORMATION)));
    return source;
  }

  private static List<String> reportedColumns(Path source, List<File> extraClassPath)
      throws IOException {
    List<File> classPath =
        new ArrayList<>(
            Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(File::new)
                .toList());
    List<File> compileClassPath = new ArrayList<>(classPath);
    compileClassPath.addAll(extraClassPath);
    Compilation compilation =
        Compiler.javac()
            .withClasspath(compileClassPath)
            .withAnnotationProcessorPath(classPath)
            .withOptions(
                "-XDcompilePolicy=simple",
                "--should-stop=ifError=FLOW",
                "-Xplugin:ErrorProne -XepDisableAllChecks -Xep:NullableUniqueColumn:WARN")
            .compile(JavaFileObjects.forResource(source.toUri().toURL()));
    assertThat(compilation.status()).isEqualTo(Compilation.Status.SUCCESS);
    return compilation.warnings().stream()
        .map(d -> d.getMessage(Locale.ROOT))
        .filter(m -> m.startsWith("[NullableUniqueColumn]"))
        .map(m -> m.replaceAll("(?s).*covers nullable columns? ([a-z_, ]+):.*", "$1"))
        .sorted()
        .toList();
  }

  private static String[] withUuidImport(String[] lines) {
    List<String> out = new ArrayList<>(Arrays.asList(lines));
    out.add(1, "import java.util.UUID;");
    return out.toArray(String[]::new);
  }
}
