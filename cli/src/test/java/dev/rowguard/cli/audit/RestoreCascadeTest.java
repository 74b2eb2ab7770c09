package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The first incident as the database did it: one statement deletes the tenants and {@code ON DELETE
 * CASCADE} takes their call logs and, through those, their recordings. The audit logger captures
 * the cascaded rows before the delete; the plan puts all three tables back, parents first.
 */
class RestoreCascadeTest {

  @TempDir Path tmp;

  /** tenant -> call_log -> recording, each by ON DELETE CASCADE. */
  static void schema(RestorePlanTest.Db db, DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table tenant (id uuid primary key, name varchar(50) not null)");
      s.execute(
          "create table call_log (id bigint primary key,"
              + " tenant_id uuid not null references tenant(id) on delete cascade,"
              + " note varchar(100), audio "
              + db.binary()
              + ")");
      s.execute(
          "create table recording (id bigint primary key,"
              + " call_log_id bigint not null references call_log(id) on delete cascade,"
              + " url varchar(200) not null)");
    }
    try (Connection c = ds.getConnection();
        PreparedStatement t = c.prepareStatement("insert into tenant values (?, ?)");
        PreparedStatement l = c.prepareStatement("insert into call_log values (?, ?, ?, ?)");
        PreparedStatement r = c.prepareStatement("insert into recording values (?, ?, ?)")) {
      for (int i = 0; i < 120; i++) {
        UUID id = new UUID(0x6f1c, i);
        t.setObject(1, id);
        t.setString(2, "Tenant " + i + (i == 7 ? " O'Brien" : ""));
        t.addBatch();
        for (int k = 0; k < 3; k++) {
          long logId = i * 10L + k;
          l.setLong(1, logId);
          l.setObject(2, id);
          l.setString(3, k == 1 ? null : "line " + k);
          l.setBytes(4, new byte[] {(byte) i, (byte) k, (byte) 0xff});
          l.addBatch();
          if (k == 0) {
            r.setLong(1, logId);
            r.setLong(2, logId);
            r.setString(3, "s3://recordings/" + id + "/1.ogg");
            r.addBatch();
          }
        }
      }
      t.executeBatch();
      l.executeBatch();
      r.executeBatch();
    }
  }

  /** One statement, in a transaction: the database removes the rest. */
  static void incident(DataSource audited) throws SQLException {
    try (Connection c = audited.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("delete from tenant")).isEqualTo(120);
      c.commit();
    }
  }

  private void restoreAndCompare(
      RestorePlanTest.Db db,
      DataSource raw,
      Map<String, List<List<String>>> before,
      Path log,
      List<String> extra)
      throws Exception {
    LogRecord delete =
        LogReader.records(log).stream()
            .filter(r -> r.kindName().equals("delete"))
            .findFirst()
            .orElseThrow();
    assertThat(delete.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 360L, "recording", 120L));
    Path plan = tmp.resolve("plan.sql");
    List<String> args =
        new ArrayList<>(
            List.of(
                "audit",
                "restore-plan",
                log.toString(),
                "--tx",
                RestorePlanTest.txOf(log),
                "-o",
                plan.toString()));
    args.addAll(extra);
    CliRun run = CliRun.run(args.toArray(String[]::new));
    assertThat(run.err()).isEmpty();
    assertThat(run.exit()).isZero();
    String script = Files.readString(plan);
    assertThat(script)
        .contains("-- restores: tenant, 120 row(s)")
        .contains("-- restores: call_log, 360 row(s)")
        .contains("-- restores: recording, 120 row(s)")
        .contains("-- cascade: tenant -> call_log 360, recording 120 row(s) by ON DELETE CASCADE");
    assertThat(script.indexOf("INSERT INTO tenant"))
        .isLessThan(script.indexOf("INSERT INTO call_log"));
    assertThat(script.indexOf("INSERT INTO call_log"))
        .isLessThan(script.indexOf("INSERT INTO recording"));
    db.apply(raw, script);
    assertThat(RestorePlanTest.snapshot(raw)).isEqualTo(before);
  }

  @ParameterizedTest
  @EnumSource(RestorePlanTest.Db.class)
  void capturedRowsOfTheCascadeRestoreEveryTable(RestorePlanTest.Db db) throws Exception {
    DataSource raw = db.fresh("cascaderows");
    schema(db, raw);
    Map<String, List<List<String>>> before = RestorePlanTest.snapshot(raw);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds =
        AuditedDataSource.builder(raw).logDirectory(log).capture(Capture.ROWS).build()) {
      incident(ds);
    }
    assertThat(RestorePlanTest.snapshot(raw).get("recording")).isEmpty();
    restoreAndCompare(db, raw, before, log, List.of());
  }

  @ParameterizedTest
  @EnumSource(RestorePlanTest.Db.class)
  void cascadedKeysAndABackupRestoreEveryTable(RestorePlanTest.Db db) throws Exception {
    DataSource raw = db.fresh("cascadekeys");
    schema(db, raw);
    Map<String, List<List<String>>> before = RestorePlanTest.snapshot(raw);
    String backup = db.backup("cascadekeys", "cascadekeysbackup");
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, log)) { // capture=keys, the default
      incident(ds);
    }
    assertThat(RestorePlanTest.snapshot(raw).get("call_log")).isEmpty();
    restoreAndCompare(db, raw, before, log, List.of("--backup-url", backup));
  }
}
