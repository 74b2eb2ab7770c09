package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema read from Liquibase changelogs agrees with what real Liquibase makes of the same
 * changelogs on a real database (H2): every column's nullability, every unique key and every
 * foreign key with its ON DELETE action.
 */
final class LiquibaseChangelogsTest {

  private static final String MASTER = "db/changelog/db.changelog-master.xml";

  /** XML master, a YAML include, an includeAll of formatted SQL and XML, an sqlFile. */
  private static final Map<String, String> CHANGELOGS =
      Map.of(
          MASTER,
          """
          <?xml version="1.0" encoding="UTF-8"?>
          <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
              xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            <changeSet id="1" author="cf">
              <comment>the Cloud Foundry labels table</comment>
              <createTable tableName="labels">
                <column name="id" type="bigint" autoIncrement="true">
                  <constraints primaryKey="true" primaryKeyName="pk_labels"/>
                </column>
                <column name="guid" type="varchar(36)">
                  <constraints nullable="false" unique="true" uniqueConstraintName="uk_labels_guid"/>
                </column>
                <column name="key_prefix" type="varchar(253)"/>
                <column name="key_name" type="varchar(63)">
                  <constraints nullable="false"/>
                </column>
                <column name="resource_guid" type="varchar(36)"/>
              </createTable>
              <addUniqueConstraint tableName="labels" constraintName="uk_labels"
                  columnNames="resource_guid, key_prefix, key_name"/>
              <insert tableName="labels">
                <column name="guid" value="g"/>
                <column name="key_name" value="k"/>
              </insert>
            </changeSet>
            <include file="db/changelog/changes/002-owners.yaml"/>
            <includeAll path="more/" relativeToChangelogFile="true"/>
          </databaseChangeLog>
          """,
          "db/changelog/changes/002-owners.yaml",
          """
          databaseChangeLog:
            - changeSet:
                id: 2
                author: cf
                changes:
                  - addNotNullConstraint:
                      tableName: labels
                      columnName: resource_guid
                      columnDataType: varchar(36)
                      defaultNullValue: none
                  - createTable:
                      tableName: owners
                      columns:
                        - column:
                            name: id
                            type: int
                            constraints:
                              primaryKey: true
                        - column:
                            name: name
                            type: varchar(50)
                        - column:
                            name: email
                            type: varchar(80)
                            constraints:
                              nullable: false
                  - createIndex:
                      tableName: owners
                      indexName: ix_owner_name
                      unique: true
                      columns:
                        - column:
                            name: name
                  - createIndex:
                      tableName: owners
                      indexName: ix_owner_email
                      columns:
                        - column:
                            name: email
                  - renameColumn:
                      tableName: owners
                      oldColumnName: name
                      newColumnName: display_name
                      columnDataType: varchar(50)
                  - dropNotNullConstraint:
                      tableName: labels
                      columnName: key_name
                      columnDataType: varchar(63)
          """,
          "db/changelog/more/003-notes.sql",
          """
          --liquibase formatted sql

          --changeset cf:3
          CREATE TABLE notes (
            id INT PRIMARY KEY,
            body VARCHAR(10) NOT NULL,
            owner_id INT,
            CONSTRAINT fk_notes_owner FOREIGN KEY (owner_id) REFERENCES owners (id) ON DELETE CASCADE
          );
          ALTER TABLE notes ADD COLUMN extra VARCHAR(5);
          --rollback DROP TABLE notes;

          --changeset cf:4
          CREATE UNIQUE INDEX ix_notes_body ON notes (body);
          """,
          "db/changelog/more/004-links.xml",
          """
          <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
              xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
              xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog
                http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd">
            <changeSet id="5" author="cf">
              <addColumn tableName="labels">
                <column name="owner_id" type="int"/>
              </addColumn>
              <addForeignKeyConstraint baseTableName="labels" baseColumnNames="owner_id"
                  constraintName="fk_labels_owner" referencedTableName="owners"
                  referencedColumnNames="id" onDelete="SET NULL"/>
              <renameTable oldTableName="notes" newTableName="memos"/>
              <dropIndex tableName="memos" indexName="ix_notes_body"/>
              <sqlFile path="db/changelog/scripts/006.sql"/>
              <sql>ALTER TABLE owners ADD CONSTRAINT uk_owner_email UNIQUE (email)</sql>
            </changeSet>
            <changeSet id="6" author="cf">
              <addPrimaryKey tableName="scratch" columnNames="a, b" constraintName="pk_scratch"/>
              <dropUniqueConstraint tableName="owners" constraintName="uk_owner_email"/>
            </changeSet>
          </databaseChangeLog>
          """,
          "db/changelog/scripts/006.sql",
          """
          CREATE TABLE scratch (a INT NOT NULL, b INT NOT NULL, c INT);
          ALTER TABLE memos ALTER COLUMN extra SET NOT NULL;
          """);

  @Test
  void schemaAgreesWithLiquibaseOnH2(@TempDir Path root) throws Exception {
    write(root, CHANGELOGS);
    Schema schema = LiquibaseChangelogs.schema(List.of(root.resolve(MASTER)));

    Map<String, Object> database = new TreeMap<>();
    String url = "jdbc:h2:mem:lb;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    Database db =
        DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(
                new JdbcConnection(DriverManager.getConnection(url)));
    try (Connection c = DriverManager.getConnection(url)) {
      try (Liquibase liquibase = new Liquibase(MASTER, new DirectoryResourceAccessor(root), db)) {
        liquibase.update(new Contexts(), new LabelExpression()); // closes its connection
      }
      DatabaseMetaData meta = c.getMetaData();
      for (String table : List.of("labels", "owners", "memos", "scratch")) {
        database.put(table, describe(meta, table));
      }
      try (ResultSet tables = meta.getTables(null, "public", "%", new String[] {"TABLE"})) {
        Set<String> names = new TreeSet<>();
        while (tables.next()) {
          names.add(tables.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
        }
        assertThat(names)
            .containsExactlyInAnyOrder(
                "labels",
                "owners",
                "memos",
                "scratch",
                "databasechangelog",
                "databasechangeloglock");
      }
    }
    Map<String, Object> model = new TreeMap<>();
    for (String table : List.of("labels", "owners", "memos", "scratch")) {
      model.put(table, describe(schema, table));
    }
    assertThat(model).isEqualTo(database);
    assertThat(describe(Migrations.schema(List.of(root)), "memos")).isEqualTo(model.get("memos"));
    assertThat(Migrations.masterChangelogs(root)).containsExactly(root.resolve(MASTER));
    assertThat(schema.hasTable("notes")).isFalse();
    assertThat(schema.isFullyRead("labels")).isTrue();
    assertThat(schema.column("labels", "key_prefix").orElseThrow().type())
        .isEqualTo("varchar(253)");
    Schema.UniqueKey uk =
        schema.uniqueKeys("labels").stream()
            .filter(k -> "uk_labels".equals(k.name()))
            .findFirst()
            .orElseThrow();
    assertThat(uk.origin())
        .isEqualTo(
            new Schema.Origin(
                root.resolve(MASTER).toString(), lineOf(MASTER, "<addUniqueConstraint")));
  }

  @Test
  void changesNotUnderstoodMarkTheirTablePartlyRead(@TempDir Path root) throws IOException {
    write(
        root,
        Map.of(
            "changelog.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 1
                  author: a
                  changes:
                    - createTable:
                        tableName: a
                        columns:
                          - column: {name: x, type: varchar(10)}
                    - createTable:
                        tableName: b
                        columns:
                          - column: {name: x, type: varchar(10)}
                    - createTable:
                        tableName: c
                        columns:
                          - column: {name: x, type: varchar(10)}
                    - modifyDataType: {tableName: a, columnName: x, newDataType: varchar(20)}
                    - insert:
                        tableName: b
                        columns:
                          - column: {name: x, value: v}
              - changeSet:
                  id: 2
                  author: a
                  dbms: postgresql
                  changes:
                    - addNotNullConstraint: {tableName: c, columnName: x}
            """));
    Schema schema = LiquibaseChangelogs.schema(List.of(root.resolve("changelog.yaml")));
    assertThat(schema.isFullyRead("a")).isFalse();
    assertThat(schema.isFullyRead("b")).isTrue();
    assertThat(schema.isFullyRead("c")).isFalse();
    assertThat(LiquibaseChangelogs.isChangelog(root.resolve("changelog.yaml"))).isTrue();
    assertThat(LiquibaseChangelogs.schema(List.of(root.resolve("missing.xml"))))
        .isSameAs(Schema.EMPTY);
  }

  /** A JSON changelog whose names and types come from properties, given and declared. */
  @Test
  void jsonChangelogWithPropertiesAgreesWithLiquibaseOnH2(@TempDir Path root) throws Exception {
    write(
        root,
        Map.of(
            "db/changelog/db.changelog-master.json",
            """
            {"databaseChangeLog": [
              {"property": {"name": "text_type", "value": "varchar(40)"}},
              {"property": {"name": "owner_column", "value": "owner"}},
              {"property": {"name": "suffix", "value": "_ignored"}},
              {"changeSet": {"id": "1", "author": "a", "changes": [
                {"createTable": {"tableName": "jobs${suffix}", "columns": [
                  {"column": {"name": "id", "type": "int", "constraints": {"primaryKey": true}}},
                  {"column": {"name": "${owner_column}", "type": "${text_type}"}},
                  {"column": {"name": "code", "type": "${text_type}",
                              "constraints": {"nullable": false, "unique": true}}},
                  {"column": {"name": "note", "type": "${text_type}"}}
                ]}},
                {"addNotNullConstraint": {"tableName": "jobs${suffix}",
                    "columnName": "${owner_column}", "columnDataType": "${text_type}"}}
              ]}}
            ]}
            """));
    String master = "db/changelog/db.changelog-master.json";
    Schema schema =
        Migrations.schema(
            new MigrationHistory(List.of(root.resolve(master)), Map.of(), Map.of("suffix", "_x")));

    String url = "jdbc:h2:mem:lbjson;DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
    Database db =
        DatabaseFactory.getInstance()
            .findCorrectDatabaseImplementation(
                new JdbcConnection(DriverManager.getConnection(url)));
    List<String> database;
    try (Connection c = DriverManager.getConnection(url)) {
      try (Liquibase liquibase = new Liquibase(master, new DirectoryResourceAccessor(root), db)) {
        liquibase.setChangeLogParameter("suffix", "_x");
        liquibase.update(new Contexts(), new LabelExpression());
      }
      database = describe(c.getMetaData(), "jobs_x");
    }
    assertThat(database).isNotEmpty();
    assertThat(describe(schema, "jobs_x")).isEqualTo(database);
    assertThat(schema.column("jobs_x", "owner").orElseThrow().type()).isEqualTo("varchar(40)");
    assertThat(schema.isFullyRead("jobs_x")).isTrue();
  }

  /**
   * A changeSet that may not run (contexts, labels, dbms, preconditions that mark it ran or
   * continue) neither makes nor silences a finding: what it changes is unknown, its table partly
   * read. Preconditions that halt (the default) do not count; ignored changeSets never run.
   */
  @Test
  void changeSetsThatMayNotRunLeaveWhatTheyChangeUnknown(@TempDir Path root) throws IOException {
    write(
        root,
        Map.of(
            "changelog.xml",
            """
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
              <changeSet id="1" author="a">
                <createTable tableName="t">
                  <column name="a" type="int"><constraints nullable="false"/></column>
                  <column name="b" type="int"/>
                  <column name="c" type="int"/>
                  <column name="d" type="int"><constraints nullable="false"/></column>
                  <column name="e" type="int"/>
                </createTable>
                <addUniqueConstraint tableName="t" columnNames="e" constraintName="uk_e"/>
              </changeSet>
              <changeSet id="2" author="a" context="test">
                <addNotNullConstraint tableName="t" columnName="b"/>
              </changeSet>
              <changeSet id="3" author="a" labels="eu">
                <dropNotNullConstraint tableName="t" columnName="d"/>
              </changeSet>
              <changeSet id="4" author="a">
                <preConditions onFail="MARK_RAN"><columnExists tableName="t" columnName="c"/></preConditions>
                <addUniqueConstraint tableName="t" columnNames="c" constraintName="uk_c"/>
              </changeSet>
              <changeSet id="5" author="a">
                <preConditions><tableExists tableName="t"/></preConditions>
                <addNotNullConstraint tableName="t" columnName="e"/>
              </changeSet>
              <changeSet id="6" author="a" ignore="true">
                <dropTable tableName="t"/>
              </changeSet>
              <changeSet id="7" author="a" contextFilter="!prod">
                <createTable tableName="test_only">
                  <column name="x" type="int"><constraints nullable="false"/></column>
                </createTable>
              </changeSet>
              <include file="more.yaml" relativeToChangelogFile="true"/>
              <include file="more.sql" relativeToChangelogFile="true" context="dev"/>
            </databaseChangeLog>
            """,
            "more.yaml",
            """
            databaseChangeLog:
              - changeSet:
                  id: 8
                  author: a
                  preConditions:
                    - onFail: MARK_RAN
                    - not:
                        - tableExists:
                            tableName: u
                  changes:
                    - createTable:
                        tableName: u
                        columns:
                          - column: {name: x, type: int}
                  rollback:
                    - dropTable:
                        tableName: t
              - changeSet:
                  id: 9
                  author: a
                  changes:
                    - createTable:
                        tableName: v
                        columns:
                          - column: {name: x, type: int}
                  rollback:
                    - dropTable:
                        tableName: t
            """,
            "more.sql",
            """
            --liquibase formatted sql
            --changeset a:10
            CREATE TABLE w (x INT NOT NULL);
            """,
            "other.sql",
            """
            --liquibase formatted sql
            --changeset a:11
            CREATE TABLE s (x INT, y INT NOT NULL);
            --changeset a:12 context:test
            ALTER TABLE s ALTER COLUMN x SET NOT NULL;
            --changeset a:13
            --preconditions onFail:MARK_RAN
            --precondition-sql-check expectedResult:0 SELECT COUNT(*) FROM s
            ALTER TABLE s ALTER COLUMN y DROP NOT NULL;
            """));
    Schema schema = LiquibaseChangelogs.schema(List.of(root.resolve("changelog.xml")));
    assertThat(schema.column("t", "a").orElseThrow().notNull()).isTrue();
    assertThat(schema.column("t", "b")).isEmpty();
    assertThat(schema.column("t", "c").orElseThrow().notNull()).isFalse();
    assertThat(schema.column("t", "d")).isEmpty();
    assertThat(schema.column("t", "e").orElseThrow().notNull()).isTrue();
    assertThat(schema.uniqueKeys("t")).extracting(Schema.UniqueKey::name).containsExactly("uk_e");
    assertThat(schema.isFullyRead("t")).isFalse();
    assertThat(schema.hasTable("test_only")).isFalse();
    assertThat(schema.hasTable("u")).isFalse();
    assertThat(schema.isFullyRead("v")).isTrue();
    assertThat(schema.hasTable("w")).isFalse();

    Schema sql = LiquibaseChangelogs.schema(List.of(root.resolve("other.sql")));
    assertThat(sql.column("s", "x")).isEmpty();
    assertThat(sql.column("s", "y")).isEmpty();
    assertThat(sql.isFullyRead("s")).isFalse();
  }

  /**
   * An include, includeAll or sqlFile that cannot be found here (a jar on the class path, an
   * unresolved name) may have changed every table created before it; later ones are read whole.
   */
  @Test
  void whatCannotBeFoundLeavesEarlierTablesPartlyRead(@TempDir Path root) throws IOException {
    String table =
        "<changeSet id=\"%s\" author=\"a\"><createTable tableName=\"%s\">"
            + "<column name=\"x\" type=\"int\"/></createTable></changeSet>";
    for (String missing :
        List.of(
            "<include file=\"classpath:db/common/changelog.xml\"/>",
            "<include file=\"${common}/changelog.xml\"/>",
            "<includeAll path=\"db/elsewhere/\"/>",
            "<changeSet id=\"2\" author=\"a\"><sqlFile path=\"missing.sql\"/></changeSet>")) {
      write(
          root,
          Map.of(
              "changelog.xml",
              "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">"
                  + table.formatted("1", "before")
                  + missing
                  + table.formatted("3", "after")
                  + "<include file=\"changelog.xml\" relativeToChangelogFile=\"true\"/>"
                  + "</databaseChangeLog>"));
      Schema schema = LiquibaseChangelogs.schema(List.of(root.resolve("changelog.xml")));
      assertThat(schema.isFullyRead("before")).as(missing).isFalse();
      assertThat(schema.isFullyRead("after")).as(missing).isTrue();
    }
  }

  /**
   * Keycloak's layout: the master is {@code META-INF/jpa-changelog-master.xml} and names its
   * includes from the class path root ({@code META-INF/jpa-changelog-1.0.xml}), not from its own
   * directory.
   */
  @Test
  void includesNamedFromTheClassPathRootAreFoundAboveAMasterOutsideDbChangelog(@TempDir Path root)
      throws IOException {
    write(
        root,
        Map.of(
            "META-INF/jpa-changelog-master.xml",
            "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">"
                + "<include file=\"META-INF/jpa-changelog-1.0.xml\"/>"
                + "</databaseChangeLog>",
            "META-INF/jpa-changelog-1.0.xml",
            "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\">"
                + "<changeSet id=\"1\" author=\"a\"><createTable tableName=\"realm\">"
                + "<column name=\"id\" type=\"varchar(36)\"><constraints nullable=\"false\""
                + " primaryKey=\"true\"/></column>"
                + "<column name=\"name\" type=\"varchar(255)\"><constraints nullable=\"false\""
                + " unique=\"true\"/></column>"
                + "</createTable></changeSet></databaseChangeLog>"));
    Schema schema =
        LiquibaseChangelogs.schema(List.of(root.resolve("META-INF/jpa-changelog-master.xml")));
    assertThat(schema.isFullyRead("realm")).isTrue();
    assertThat(describe(schema, "realm"))
        .contains("column id not null", "column name not null", "unique name");
  }

  /** What a {@code ${...}} without a value shapes is unknown, never a guess. */
  @Test
  void unresolvedPropertiesMakeWhatTheyShapeUnknown(@TempDir Path root) throws IOException {
    write(
        root,
        Map.of(
            "changelog.xml",
            """
            <databaseChangeLog xmlns="http://www.liquibase.org/xml/ns/dbchangelog">
              <property name="labels" value="labels"/>
              <property name="uuid_type" value="uuid" dbms="postgresql"/>
              <changeSet id="1" author="a">
                <createTable tableName="${labels}" schemaName="${schema}">
                  <column name="id" type="bigint"><constraints primaryKey="true"/></column>
                  <column name="ext" type="${uuid_type}"><constraints nullable="false"/></column>
                  <column name="${mystery}" type="int"><constraints nullable="false"/></column>
                </createTable>
                <createTable tableName="other">
                  <column name="x" type="int"><constraints nullable="false"/></column>
                </createTable>
                <addNotNullConstraint tableName="other" columnName="${column}"/>
                <createTable tableName="third">
                  <column name="x" type="int"/>
                  <column name="y" type="int"/>
                </createTable>
                <sql>ALTER TABLE ${schema}.third ALTER COLUMN x SET NOT NULL</sql>
                <sql>ALTER TABLE third ALTER COLUMN ${column} SET NOT NULL</sql>
                <createTable tableName="${unknown_table}">
                  <column name="x" type="int"/>
                </createTable>
              </changeSet>
            </databaseChangeLog>
            """));
    Schema schema = LiquibaseChangelogs.schema(List.of(root.resolve("changelog.xml")));
    assertThat(schema.column("labels", "ext").orElseThrow())
        .isEqualTo(new Schema.Column("ext", true, null));
    assertThat(schema.columns("labels")).hasSize(2);
    assertThat(schema.isFullyRead("labels")).isFalse();
    assertThat(schema.hasTable("other")).isTrue();
    assertThat(schema.columns("other")).isEmpty();
    assertThat(schema.isFullyRead("other")).isFalse();
    assertThat(schema.columns("third")).isEmpty();
    assertThat(schema.tables()).containsExactlyInAnyOrder("labels", "other", "third");
  }

  /** Columns with nullability, unique keys and foreign keys, as sorted text. */
  private static List<String> describe(DatabaseMetaData meta, String table) throws Exception {
    List<String> out = new ArrayList<>();
    try (ResultSet columns = meta.getColumns(null, "public", table, "%")) {
      while (columns.next()) {
        out.add(
            "column "
                + columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT)
                + ("NO".equals(columns.getString("IS_NULLABLE")) ? " not null" : ""));
      }
    }
    Map<String, TreeMap<Integer, String>> indexes = new TreeMap<>();
    try (ResultSet index = meta.getIndexInfo(null, "public", table, true, false)) {
      while (index.next()) {
        indexes
            .computeIfAbsent(index.getString("INDEX_NAME"), k -> new TreeMap<>())
            .put(index.getInt("ORDINAL_POSITION"), index.getString("COLUMN_NAME"));
      }
    }
    indexes.values().forEach(k -> out.add("unique " + String.join(",", k.values())));
    try (ResultSet fk = meta.getImportedKeys(null, "public", table)) {
      while (fk.next()) {
        int rule = fk.getInt("DELETE_RULE");
        out.add(
            "fk "
                + fk.getString("FKCOLUMN_NAME")
                + " -> "
                + fk.getString("PKTABLE_NAME")
                + (rule == DatabaseMetaData.importedKeyCascade
                    ? " CASCADE"
                    : rule == DatabaseMetaData.importedKeySetNull ? " SET NULL" : ""));
      }
    }
    out.sort(null);
    return out;
  }

  private static List<String> describe(Schema schema, String table) {
    List<String> out = new ArrayList<>();
    for (Schema.Column c : schema.columns(table)) {
      out.add("column " + c.name().toLowerCase(Locale.ROOT) + (c.notNull() ? " not null" : ""));
    }
    for (Schema.UniqueKey k : schema.uniqueKeys(table)) {
      out.add("unique " + String.join(",", k.columns()));
    }
    for (Schema.ForeignKey k : schema.foreignKeys(table)) {
      out.add(
          "fk "
              + String.join(",", k.columns())
              + " -> "
              + k.referencedTable()
              + (k.onDelete().isEmpty()
                      || k.onDelete().equals("NO ACTION")
                      || k.onDelete().equals("RESTRICT")
                  ? ""
                  : " " + k.onDelete()));
    }
    out.sort(null);
    return out;
  }

  private static int lineOf(String file, String text) {
    String[] lines = CHANGELOGS.get(file).split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(text)) {
        return i + 1;
      }
    }
    throw new AssertionError(text);
  }

  private static void write(Path root, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue(), StandardCharsets.UTF_8);
    }
  }
}
