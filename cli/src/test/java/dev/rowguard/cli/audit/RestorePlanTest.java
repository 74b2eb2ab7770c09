package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.report.CliRun;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.RunScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The incident end to end on real databases: snapshot the tables, delete through the audited
 * DataSource, write the plan with the command, apply it with the database's own tools, and compare
 * the tables with the snapshot.
 */
class RestorePlanTest {

  private static EmbeddedPostgres postgres;

  @TempDir Path tmp;

  enum Db {
    H2,
    POSTGRESQL;

    DataSource fresh(String name) {
      if (this == H2) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        return ds;
      }
      try (Connection c = postgres().getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + name);
        s.execute("create database " + name);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return postgres().getDatabase("postgres", name);
    }

    /** A copy of {@code name} as a backup database; its JDBC URL. */
    String backup(String name, String backup) throws SQLException {
      if (this == H2) {
        Path script = Path.of(System.getProperty("java.io.tmpdir"), backup + ".sql");
        try (Connection c = fresh(name).getConnection();
            Statement s = c.createStatement()) {
          s.execute("script to '" + script + "'");
        }
        String url = "jdbc:h2:mem:" + backup + ";DB_CLOSE_DELAY=-1";
        try (Connection c = java.sql.DriverManager.getConnection(url);
            Statement s = c.createStatement()) {
          s.execute("runscript from '" + script + "'");
        }
        return url;
      }
      try (Connection c = postgres().getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("drop database if exists " + backup);
        s.execute("create database " + backup + " template " + name);
      }
      return postgres().getJdbcUrl("postgres", backup);
    }

    String binary() {
      return this == H2 ? "varbinary(64)" : "bytea";
    }

    void apply(DataSource ds, String script) throws SQLException {
      try (Connection c = ds.getConnection()) {
        if (this == H2) {
          RunScript.execute(c, new StringReader(script));
        } else {
          try (Statement s = c.createStatement()) {
            s.execute(script);
          }
        }
      }
    }
  }

  static synchronized EmbeddedPostgres postgres() {
    if (postgres == null) {
      try {
        postgres = EmbeddedPostgres.start();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return postgres;
  }

  /** tenant, with call_log and recording referencing it: the sample's incident. */
  static void schema(Db db, DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table tenant (id "
              + "uuid"
              + " primary key, name varchar(50) not null, created_at timestamp with time zone not null,"
              + " active boolean, credit numeric(10,2))");
      s.execute(
          "create table call_log (id bigint primary key, tenant_id "
              + "uuid"
              + " not null references tenant(id), caller_number varchar(20), note varchar(100),"
              + " audio "
              + db.binary()
              + ")");
      s.execute(
          "create table recording (id bigint primary key, tenant_id "
              + "uuid"
              + " not null references tenant(id), url varchar(200) not null)");
    }
    Instant base = Instant.parse("2026-11-21T14:00:00.123456Z");
    try (Connection c = ds.getConnection();
        PreparedStatement t = c.prepareStatement("insert into tenant values (?, ?, ?, ?, ?)");
        PreparedStatement l = c.prepareStatement("insert into call_log values (?, ?, ?, ?, ?)");
        PreparedStatement r = c.prepareStatement("insert into recording values (?, ?, ?)")) {
      for (int i = 0; i < 120; i++) {
        UUID id = new UUID(0x6f1c, i);
        t.setObject(1, id);
        t.setString(2, "Tenant " + i + (i == 7 ? " O'Brien" : ""));
        t.setObject(
            3,
            java.time.OffsetDateTime.ofInstant(
                base.plus(i, ChronoUnit.MINUTES), java.time.ZoneOffset.UTC));
        if (i % 5 == 0) {
          t.setNull(4, java.sql.Types.BOOLEAN);
        } else {
          t.setBoolean(4, i % 2 == 0);
        }
        t.setBigDecimal(5, new java.math.BigDecimal(i + ".50"));
        t.addBatch();
        for (int k = 0; k < 3; k++) {
          l.setLong(1, i * 10L + k);
          l.setObject(2, id);
          l.setString(3, "+4930" + (1000000 + i * 10 + k));
          l.setString(4, k == 1 ? null : "line\\n" + k);
          l.setBytes(5, new byte[] {(byte) i, (byte) k, (byte) 0xff});
          l.addBatch();
        }
        r.setLong(1, i);
        r.setObject(2, id);
        r.setString(3, "s3://recordings/" + id + "/1.ogg");
        r.addBatch();
      }
      t.executeBatch();
      l.executeBatch();
      r.executeBatch();
    }
  }

  /** Every table's rows as text, ordered by key. */
  static Map<String, List<List<String>>> snapshot(DataSource ds) throws SQLException {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (String table : List.of("tenant", "call_log", "recording")) {
        List<List<String>> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select * from " + table + " order by id")) {
          int n = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
              Object v = rs.getObject(i);
              row.add(
                  v instanceof byte[] b
                      ? java.util.HexFormat.of().formatHex(b)
                      : String.valueOf(v));
            }
            rows.add(row);
          }
        }
        out.put(table, rows);
      }
    }
    return out;
  }

  /** The sync incident: children by statement, tenants one id at a time, in one transaction. */
  static void incident(DataSource audited) throws SQLException {
    try (Connection c = audited.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.executeUpdate("delete from call_log where tenant_id in (select id from tenant)");
        s.executeUpdate("delete from recording");
      }
      try (PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
        for (int i = 0; i < 120; i++) {
          p.setObject(1, new UUID(0x6f1c, i));
          p.executeUpdate();
        }
      }
      c.commit();
    }
  }

  static String txOf(Path dir) throws IOException {
    for (LogRecord r : LogReader.records(dir)) {
      if (r.kindName().equals("commit")) {
        return r.string(Fields.TX);
      }
    }
    throw new AssertionError("no commit in " + dir);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void capturedRowsRestoreTheTablesExactly(Db db) throws Exception {
    DataSource raw = db.fresh("restorerows");
    schema(db, raw);
    Map<String, List<List<String>>> before = snapshot(raw);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds =
        AuditedDataSource.builder(raw).logDirectory(log).capture(Capture.ROWS).build()) {
      incident(ds);
    }
    assertThat(snapshot(raw).get("tenant")).isEmpty();

    Path plan = tmp.resolve("plan.sql");
    CliRun run =
        CliRun.run(
            "audit", "restore-plan", log.toString(), "--tx", txOf(log), "-o", plan.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    String script = Files.readString(plan);
    assertThat(script)
        .contains("-- restores: tenant, 120 row(s)")
        .contains("-- restores: call_log, 360 row(s)")
        .contains("-- restores: recording, 120 row(s)")
        .contains("-- transaction: " + txOf(log) + " (committed");
    assertThat(script.indexOf("INSERT INTO tenant"))
        .isLessThan(script.indexOf("INSERT INTO call_log"));

    db.apply(raw, script);
    assertThat(snapshot(raw)).isEqualTo(before);

    // Applied twice: the guard fails the script and nothing changes.
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> db.apply(raw, script))
        .hasMessageContaining("rowguard restore: rows of tenant exist again");
    assertThat(snapshot(raw)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(Db.class)
  void keysAndABackupRestoreTheTablesExactly(Db db) throws Exception {
    DataSource raw = db.fresh("restorekeys");
    schema(db, raw);
    Map<String, List<List<String>>> before = snapshot(raw);
    String backup = db.backup("restorekeys", "restorekeysbackup");
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, log)) { // capture=keys, the default
      incident(ds);
    }
    Path plan = tmp.resolve("plan.sql");
    CliRun run =
        CliRun.run(
            "audit",
            "restore-plan",
            log.toString(),
            "--tx",
            txOf(log),
            "--backup-url",
            backup,
            "-o",
            plan.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    String script = Files.readString(plan);
    assertThat(script).contains("-- rows of keys-only captures read from the backup ");
    db.apply(raw, script);
    assertThat(snapshot(raw)).isEqualTo(before);

    // A backup that lacks a deleted row: the plan is refused, naming it.
    try (Connection c = java.sql.DriverManager.getConnection(backup);
        Statement s = c.createStatement()) {
      s.executeUpdate("delete from call_log where id = 52");
    }
    CliRun lacking =
        CliRun.run(
            "audit", "restore-plan", log.toString(), "--tx", txOf(log), "--backup-url", backup);
    assertThat(lacking.exit()).isEqualTo(2);
    assertThat(lacking.err().lines())
        .singleElement()
        .asString()
        .contains("lacks 1 of the 360 deleted row(s) of call_log (first: id = 52)");
  }

  @Test
  void encryptedCapturesNeedThePrivateKey() throws Exception {
    DataSource raw = Db.H2.fresh("restoreencrypted");
    schema(Db.H2, raw);
    Map<String, List<List<String>>> before = snapshot(raw);
    java.security.KeyPair pair = dev.rowguard.audit.log.RowsEncryption.generate();
    Path privateKey = tmp.resolve("rows-private.pem");
    Path publicKey = tmp.resolve("rows-public.pem");
    dev.rowguard.audit.log.RowsEncryption.write(pair, privateKey, publicKey);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds =
        AuditedDataSource.builder(raw)
            .logDirectory(log)
            .capture(Capture.ROWS)
            .set(dev.rowguard.audit.AuditOption.CAPTURE_PUBLIC_KEY, publicKey)
            .build()) {
      incident(ds);
    }
    assertThat(Files.readString(log.resolve("rows-000001.jsonl")))
        .contains("\"encrypted\":")
        .doesNotContain("Tenant 7");
    assertThat(CliRun.run("audit", "verify", log.toString()).exit()).isZero();
    CliRun noKey = CliRun.run("audit", "restore-plan", log.toString(), "--tx", txOf(log));
    assertThat(noKey.exit()).isEqualTo(2);
    assertThat(noKey.err().lines())
        .singleElement()
        .asString()
        .contains("encrypted")
        .contains("--private-key");
    Path plan = tmp.resolve("plan.sql");
    CliRun run =
        CliRun.run(
            "audit",
            "restore-plan",
            log.toString(),
            "--tx",
            txOf(log),
            "--private-key",
            privateKey.toString(),
            "-o",
            plan.toString());
    assertThat(run.err()).isEmpty();
    Db.H2.apply(raw, Files.readString(plan));
    assertThat(snapshot(raw)).isEqualTo(before);
  }

  @Test
  void badInputIsOneLineAndExit2() throws Exception {
    DataSource raw = Db.H2.fresh("restorebad");
    schema(Db.H2, raw);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, log)) { // capture=keys, the default
      incident(ds);
    }
    CliRun unknown = CliRun.run("audit", "restore-plan", log.toString(), "--tx", "nope-1");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err().lines()).singleElement().asString().contains("no transaction nope-1");
    CliRun keys = CliRun.run("audit", "restore-plan", log.toString(), "--tx", txOf(log));
    assertThat(keys.exit()).isEqualTo(2);
    assertThat(keys.err().lines())
        .singleElement()
        .asString()
        .contains("only the keys of")
        .contains("--backup-url");
    CliRun none = CliRun.run("audit", "restore-plan", log.toString());
    assertThat(none.exit()).isEqualTo(2);
    assertThat(none.err()).contains("say which incident");
  }
}
