package dev.rowguard.checker.uniqueness;

import com.google.errorprone.CompilationTestHelper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mapping claims NOT NULL or a unique key; the migrations, fully read, do not create it. */
final class MappingSchemaMismatchTest {

  private static final String V1 =
      """
      CREATE TABLE job_information (
        uuid UUID PRIMARY KEY,
        project_id VARCHAR(150) NOT NULL,
        owner VARCHAR(60),
        external_ref VARCHAR(40),
        status VARCHAR(10),
        note VARCHAR(10),
        project_ref BIGINT,
        CONSTRAINT uk_ref UNIQUE (external_ref)
      );
      CREATE TABLE project (id BIGINT PRIMARY KEY, name VARCHAR(50));
      """;

  @Test
  void notNullAndUniqueOnlyInTheMapping(@TempDir Path migrations) throws IOException {
    Files.writeString(migrations.resolve("V1__jobs.sql"), V1);
    CompilationTestHelper.newInstance(MappingSchemaMismatch.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + migrations))
        .addSourceLines(
            "JobInformation.java",
            "package app;",
            "import jakarta.persistence.*;",
            "import java.util.UUID;",
            "@Entity",
            "// BUG: Diagnostic contains: @UniqueConstraint on project_id, owner, but no migration"
                + " creates a unique constraint or index within (project_id, owner)",
            "@Table(name = \"job_information\",",
            "    uniqueConstraints = @UniqueConstraint(columnNames = {\"project_id\", \"owner\"}))",
            "public class JobInformation {",
            "  @Id UUID uuid;",
            "  @Column(name = \"project_id\", nullable = false) String projectId;",
            "  // BUG: Diagnostic contains: @Column(nullable = false) on owner, but the migrations"
                + " leave column owner nullable",
            "  @Column(nullable = false) String owner;",
            "  @Column(unique = true) String externalRef;",
            "  // BUG: Diagnostic contains: unique = true on status, but no migration creates a"
                + " unique constraint or index within (status)",
            "  @Column(unique = true) String status;",
            "  String note;",
            "  // BUG: Diagnostic contains: @JoinColumn(nullable = false) on project",
            "  @ManyToOne @JoinColumn(name = \"project_ref\", nullable = false) Project project;",
            "}")
        .addSourceLines(
            "Project.java",
            "package app;",
            "import jakarta.persistence.*;",
            "@Entity",
            "public class Project {",
            "  @Id Long id;",
            "  @Column(nullable = false, unique = true, name = \"title\") String title;",
            "}")
        .doTest();
  }

  @Test
  void silentWhenTheTableIsOnlyPartlyReadOrNoMigrations(@TempDir Path migrations)
      throws IOException {
    Files.writeString(migrations.resolve("V1__jobs.sql"), V1);
    Files.writeString(
        migrations.resolve("V2__oracle.sql"),
        "ALTER TABLE job_information MODIFY (owner VARCHAR2(60));");
    String[] entity = {
      "package app;",
      "import jakarta.persistence.*;",
      "import java.util.UUID;",
      "@Entity",
      "@Table(name = \"job_information\")",
      "public class JobInformation {",
      "  @Id UUID uuid;",
      "  @Column(nullable = false) String owner;",
      "  @Column(unique = true) String status;",
      "}"
    };
    CompilationTestHelper.newInstance(MappingSchemaMismatch.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + migrations))
        .addSourceLines("JobInformation.java", entity)
        .doTest();
    CompilationTestHelper.newInstance(MappingSchemaMismatch.class, getClass())
        .addSourceLines("JobInformation.java", entity)
        .doTest();
  }

  @Test
  void liquibaseChangelog(@TempDir Path dir) throws IOException {
    Path changelog = dir.resolve("changelog.xml");
    Files.writeString(
        changelog,
        """
        <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
          <changeSet id="1" author="a">
            <createTable tableName="project">
              <column name="id" type="bigint"><constraints primaryKey="true"/></column>
              <column name="name" type="varchar(50)"/>
            </createTable>
            <createIndex tableName="project" indexName="ix_name" unique="true">
              <column name="name"/>
            </createIndex>
          </changeSet>
        </databaseChangeLog>
        """);
    CompilationTestHelper.newInstance(MappingSchemaMismatch.class, getClass())
        .setArgs(List.of("-XepOpt:Rowguard:Migrations=" + changelog))
        .addSourceLines(
            "Project.java",
            "package app;",
            "import jakarta.persistence.*;",
            "@Entity",
            "public class Project {",
            "  @Id Long id;",
            "  // BUG: Diagnostic contains: leave column name nullable",
            "  @Column(nullable = false, unique = true) String name;",
            "}")
        .doTest();
  }
}
