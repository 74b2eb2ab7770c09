package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.Capture;
import dev.rowguard.audit.MariaDb;
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
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore-plan --dialect mysql} end to end on a real MariaDB ({@link MariaDb}; skipped where
 * it is not installed): the incident through the audited DataSource, the plan, applied with the
 * {@code mariadb} client as {@code mysql DATABASE < FILE}, and the tables equal to their snapshot;
 * with captured rows and with keys plus a backup database, cascades included.
 */
class RestoreMariaDbTest {

  @TempDir Path tmp;

  /** tenant -> call_log -> recording, each by ON DELETE CASCADE (InnoDB). */
  private static void schema(DataSource ds) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table tenant (id bigint primary key, name varchar(50) not null,"
              + " created_at datetime(6) not null, active boolean, credit decimal(10,2))"
              + " engine=InnoDB");
      s.execute(
          "create table call_log (id bigint primary key, tenant_id bigint not null,"
              + " note varchar(100), audio varbinary(16),"
              + " foreign key (tenant_id) references tenant(id) on delete cascade) engine=InnoDB");
      s.execute(
          "create table recording (id bigint primary key, call_log_id bigint not null,"
              + " url varchar(200) not null,"
              + " foreign key (call_log_id) references call_log(id) on delete cascade)"
              + " engine=InnoDB");
    }
    try (Connection c = ds.getConnection();
        PreparedStatement t = c.prepareStatement("insert into tenant values (?, ?, ?, ?, ?)");
        PreparedStatement l = c.prepareStatement("insert into call_log values (?, ?, ?, ?)");
        PreparedStatement r = c.prepareStatement("insert into recording values (?, ?, ?)")) {
      for (int i = 1; i <= 120; i++) {
        t.setLong(1, i);
        t.setString(2, "Tenant " + i + (i == 7 ? " O'Brien \\ back" : ""));
        t.setObject(
            3, java.time.LocalDateTime.of(2026, 11, 21, 14, 0, 0, 123456000).plusMinutes(i));
        if (i % 5 == 0) {
          t.setNull(4, java.sql.Types.BOOLEAN);
        } else {
          t.setBoolean(4, i % 2 == 0);
        }
        t.setBigDecimal(5, new java.math.BigDecimal(i + ".50"));
        t.addBatch();
        for (int k = 0; k < 3; k++) {
          long logId = i * 10L + k;
          l.setLong(1, logId);
          l.setLong(2, i);
          l.setString(3, k == 1 ? null : "line\\n" + k);
          l.setBytes(4, new byte[] {(byte) i, (byte) k, (byte) 0xff});
          l.addBatch();
          if (k == 0) {
            r.setLong(1, logId);
            r.setLong(2, logId);
            r.setString(3, "s3://recordings/" + i + "/1.ogg");
            r.addBatch();
          }
        }
      }
      t.executeBatch();
      l.executeBatch();
      r.executeBatch();
    }
  }

  private Path plan(Path log, List<String> extra) throws Exception {
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
        .contains("-- rowguard restore plan (mysql)")
        .contains("-- restores: tenant, 120 row(s)")
        .contains("-- restores: call_log, 360 row(s)")
        .contains("-- restores: recording, 120 row(s)");
    return plan;
  }

  private void applyAndCompare(
      MariaDb server, String db, DataSource raw, Map<String, List<List<String>>> before, Path plan)
      throws Exception {
    Path output = tmp.resolve("apply.out");
    assertThat(server.apply(db, plan, output)).as(Files.readString(output)).isZero();
    assertThat(RestorePlanTest.snapshot(raw)).isEqualTo(before);
    // Applied again, the guard fails the script and nothing changes.
    assertThat(server.apply(db, plan, output)).isNotZero();
    assertThat(Files.readString(output)).contains("rowguard restore: tenant rows exist again");
    assertThat(RestorePlanTest.snapshot(raw)).isEqualTo(before);
  }

  @Test
  void capturedRowsOfACascadeRestoreEveryTable() throws Exception {
    MariaDb server = MariaDb.server();
    DataSource raw = server.fresh("restorerows");
    schema(raw);
    Map<String, List<List<String>>> before = RestorePlanTest.snapshot(raw);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(log).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("delete from tenant where id > 0")).isEqualTo(120);
      c.commit();
    }
    assertThat(RestorePlanTest.snapshot(raw).get("recording")).isEmpty();
    applyAndCompare(server, "restorerows", raw, before, plan(log, List.of()));
  }

  /** The ORM's way, one id at a time, keys only, the rows read back from a backup by key. */
  @Test
  void keysAndABackupRestoreEveryTable() throws Exception {
    MariaDb server = MariaDb.server();
    DataSource raw = server.fresh("restorekeys");
    schema(raw);
    Map<String, List<List<String>>> before = RestorePlanTest.snapshot(raw);
    server.fresh("restorekeysbackup");
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      for (String t : List.of("tenant", "call_log", "recording")) {
        s.execute("create table restorekeysbackup." + t + " like restorekeys." + t);
        s.execute("insert into restorekeysbackup." + t + " select * from restorekeys." + t);
      }
    }
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, log); // capture=keys, the default
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      c.setAutoCommit(false);
      for (int i = 1; i <= 120; i++) {
        p.setLong(1, i);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      c.commit();
    }
    assertThat(RestorePlanTest.snapshot(raw).get("call_log")).isEmpty();
    Path plan = plan(log, List.of("--backup-url", server.url("restorekeysbackup")));
    assertThat(Files.readString(plan))
        .contains("-- rows of keys-only captures read from the backup");
    applyAndCompare(server, "restorekeys", raw, before, plan);
  }
}
