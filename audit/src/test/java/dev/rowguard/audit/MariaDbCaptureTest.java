package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.count;
import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.audit.log.RowsFiles;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capture on the MySQL family, against a real MariaDB server ({@link MariaDb}; skipped where it is
 * not installed): keys and rows of a mass delete, {@code ON DELETE CASCADE} children (InnoDB),
 * MySQL's {@code DELETE ... ORDER BY ... LIMIT}, and a multi-table delete, recorded as not
 * captured.
 */
class MariaDbCaptureTest {

  @TempDir Path dir;

  private static List<RowBatch.Table> batch(Path dir, LogRecord r) throws Exception {
    RowsFiles.Reference ref =
        new RowsFiles.Reference(r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256));
    return RowsFiles.find(dir, ref).orElseThrow().batch().tables();
  }

  private static Set<Long> ids(RowBatch.Table t) {
    Set<Long> out = new TreeSet<>();
    int id = t.columns().indexOf("id");
    t.rows().forEach(r -> out.add((Long) r.get(id)));
    return out;
  }

  private static Set<Long> remaining(DataSource raw, String table) throws SQLException {
    Set<Long> out = new TreeSet<>();
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from " + table)) {
      while (rs.next()) {
        out.add(rs.getLong(1));
      }
    }
    return out;
  }

  @Test
  void keysOfAMassDeleteAreCaptured() throws Exception {
    DataSource raw = MariaDb.server().fresh("capkeys");
    customers(raw, 300);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from customer where id > ?")) {
      p.setInt(1, 100);
      assertThat(p.executeUpdate()).isEqualTo(200);
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.DB_SYSTEM)).isEqualTo("mariadb");
    assertThat(r.string(Fields.CAPTURE)).isEqualTo("keys");
    assertThat(r.number(Fields.ROWS_CAPTURED)).isEqualTo(200);
    assertThat(r.string(Fields.ROWS_NOT_CAPTURED)).isNull();
    RowBatch.Table t = batch(dir, r).get(0);
    assertThat(t.key()).containsExactly("id");
    assertThat(t.columns()).containsExactly("id");
    Set<Long> expected = new TreeSet<>();
    for (long i = 101; i <= 300; i++) {
      expected.add(i);
    }
    assertThat(ids(t)).isEqualTo(expected);
  }

  @Test
  void rowsOfAMassDeleteInATransaction() throws Exception {
    DataSource raw = MariaDb.server().fresh("caprows");
    customers(raw, 300);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("delete from customer where tenant = 'acme'")).isEqualTo(150);
      c.commit();
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.CAPTURE)).isEqualTo("rows");
    RowBatch.Table t = batch(dir, r).get(0);
    assertThat(t.columns()).containsExactly("id", "tenant", "name");
    assertThat(t.rows()).hasSize(150).allSatisfy(row -> assertThat(row.get(1)).isEqualTo("acme"));
    assertThat(count(raw)).isEqualTo(150);
  }

  /**
   * {@code ORDER BY ... LIMIT}: the read takes the same order and limit under the same lock, so the
   * captured rows are exactly those that went.
   */
  @Test
  void orderByLimitCapturesExactlyTheDeletedRows() throws Exception {
    DataSource raw = MariaDb.server().fresh("caplimit");
    customers(raw, 400);
    Set<Long> before = remaining(raw, "customer");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(
              s.executeUpdate(
                  "delete from customer where tenant = 'globex' order by name desc, id limit 120"))
          .isEqualTo(120);
      assertThat(s.executeUpdate("delete from customer order by id desc limit 110")).isEqualTo(110);
      c.commit();
    }
    Set<Long> gone = new TreeSet<>(before);
    gone.removeAll(remaining(raw, "customer"));
    List<LogRecord> events = events(dir);
    assertThat(events)
        .extracting(LogRecord::kindName)
        .containsExactly("delete", "delete", "tx_aggregate", "commit");
    Set<Long> captured = new TreeSet<>(ids(batch(dir, events.get(0)).get(0)));
    assertThat(captured).hasSize(120);
    Set<Long> second = ids(batch(dir, events.get(1)).get(0));
    assertThat(second).hasSize(110);
    captured.addAll(second);
    assertThat(captured).isEqualTo(gone);
  }

  /** Without an ORDER BY on the key, which rows a LIMIT takes is not determined: not captured. */
  @Test
  void limitWithoutAnOrderOnTheKeyIsRecordedAsNotCaptured() throws Exception {
    DataSource raw = MariaDb.server().fresh("caplimitany");
    customers(raw, 400);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("delete from customer where tenant = 'acme' limit 120"))
          .isEqualTo(120);
      assertThat(s.executeUpdate("delete from customer order by tenant limit 110")).isEqualTo(110);
    }
    List<LogRecord> events = events(dir);
    assertThat(events).hasSize(2);
    assertThat(events)
        .allSatisfy(
            r -> {
              assertThat(r.string(Fields.CAPTURE)).isNull();
              assertThat(r.string(Fields.ROWS_NOT_CAPTURED))
                  .startsWith("DELETE ... LIMIT without an ORDER BY on the primary key");
            });
  }

  /** tenant -> call_log -> recording by ON DELETE CASCADE (InnoDB), captured before the delete. */
  @Test
  void cascadedChildrenAreCapturedAndCounted() throws Exception {
    DataSource raw = MariaDb.server().fresh("capcascade");
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table tenant (id bigint primary key, name varchar(50)) engine=InnoDB");
      s.execute(
          "create table call_log (id bigint primary key, tenant_id bigint not null,"
              + " foreign key (tenant_id) references tenant(id) on delete cascade) engine=InnoDB");
      s.execute(
          "create table recording (id bigint primary key, call_log_id bigint not null,"
              + " foreign key (call_log_id) references call_log(id) on delete cascade)"
              + " engine=InnoDB");
      for (int i = 1; i <= 40; i++) {
        s.execute("insert into tenant values (" + i + ", 'tenant " + i + "')");
        for (int k = 0; k < 3; k++) {
          s.execute("insert into call_log values (" + (i * 10 + k) + ", " + i + ")");
        }
        s.execute("insert into recording values (" + i + ", " + (i * 10) + ")");
      }
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      // ORDER BY ... LIMIT on the parent: the cascade's read of it goes through a derived table.
      assertThat(s.executeUpdate("delete from tenant order by id limit 30")).isEqualTo(30);
      c.commit();
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 90L, "recording", 30L));
    List<RowBatch.Table> tables = batch(dir, r);
    assertThat(tables)
        .extracting(RowBatch.Table::table)
        .containsExactly("tenant", "call_log", "recording");
    assertThat(tables.get(0).rows()).hasSize(30);
    assertThat(tables.get(1).rows()).hasSize(90);
    assertThat(tables.get(2).rows()).hasSize(30);
    assertThat(remaining(raw, "call_log")).hasSize(30);
  }

  /**
   * {@code DELETE c FROM customer c JOIN ...}: recorded, and the record says why it has no rows.
   */
  @Test
  void multiTableDeleteIsRecordedAsNotCaptured() throws Exception {
    DataSource raw = MariaDb.server().fresh("capmulti");
    customers(raw, 300);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table offboarded (tenant varchar(20))");
      s.execute("insert into offboarded values ('acme')");
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(
              s.executeUpdate("delete c from customer c join offboarded o on c.tenant = o.tenant"))
          .isEqualTo(150);
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    assertThat(r.string(Fields.CAPTURE)).isNull();
    assertThat(r.string(Fields.ROWS_NOT_CAPTURED)).startsWith("a multi-table DELETE");
    assertThat(r.number(Fields.ROWS_NOT_CAPTURED_STATEMENTS)).isEqualTo(1);
  }
}
