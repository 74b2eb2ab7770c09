package dev.rowguard.audit;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rows the database removes by {@code ON DELETE CASCADE}: captured before the parent's delete,
 * counted toward the threshold and named in its record, on H2 and PostgreSQL.
 */
class CascadeCaptureTest {

  @TempDir Path dir;

  /**
   * {@code tenant} 1..tenants; {@code callLogs} call logs per tenant, each with one recording; all
   * by {@code ON DELETE CASCADE}.
   */
  static void schema(DataSource ds, int tenants, int callLogs) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table tenant (id int primary key, name varchar(50))");
      s.execute(
          "create table call_log (id int primary key,"
              + " tenant_id int not null references tenant(id) on delete cascade, note varchar(50))");
      s.execute(
          "create table recording (id int primary key,"
              + " call_log_id int not null references call_log(id) on delete cascade,"
              + " url varchar(100))");
      try (PreparedStatement t = c.prepareStatement("insert into tenant values (?, ?)");
          PreparedStatement l = c.prepareStatement("insert into call_log values (?, ?, ?)");
          PreparedStatement r = c.prepareStatement("insert into recording values (?, ?, ?)")) {
        for (int i = 1; i <= tenants; i++) {
          t.setInt(1, i);
          t.setString(2, "tenant " + i);
          t.addBatch();
          for (int k = 0; k < callLogs; k++) {
            int id = i * 1000 + k;
            l.setInt(1, id);
            l.setInt(2, i);
            l.setString(3, "note " + id);
            l.addBatch();
            r.setInt(1, id);
            r.setInt(2, id);
            r.setString(3, "s3://r/" + id);
            r.addBatch();
          }
        }
        t.executeBatch();
        l.executeBatch();
        r.executeBatch();
      }
    }
  }

  static int count(DataSource ds, String table) throws SQLException {
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select count(*) from " + table)) {
      r.next();
      return r.getInt(1);
    }
  }

  private static Map<String, RowBatch.Table> batch(Path dir, LogRecord r) throws Exception {
    RowsFiles.Reference ref =
        new RowsFiles.Reference(r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256));
    Map<String, RowBatch.Table> out = new LinkedHashMap<>();
    for (RowBatch.Table t : RowsFiles.find(dir, ref).orElseThrow().batch().tables()) {
      out.put(t.table(), t);
    }
    return out;
  }

  private static Set<Long> ids(List<RowBatch.Table> tables, String table) {
    Set<Long> out = new TreeSet<>();
    for (RowBatch.Table t : tables) {
      if (t.table().equals(table)) {
        int id = t.columns().indexOf("id");
        t.rows().forEach(r -> out.add((Long) r.get(id)));
      }
    }
    return out;
  }

  private static Set<Long> ids(long tenantFrom, long tenantTo, int perTenant) {
    Set<Long> out = new TreeSet<>();
    for (long i = tenantFrom; i <= tenantTo; i++) {
      for (int k = 0; k < perTenant; k++) {
        out.add(i * 1000 + k);
      }
    }
    return out;
  }

  /** Issue 12's case: one parent row, 500 rows through cascades; the driver reports 1. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void oneParentWithFiveHundredCascadedRowsIsAMassDelete(Databases db) throws Exception {
    DataSource raw = db.fresh("cascadeone");
    schema(raw, 3, 250);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir); // capture=keys
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      p.setInt(1, 2);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete");
    LogRecord r = events.get(0);
    assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(1);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("cascade_threshold");
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 250L, "recording", 250L));
    assertThat(r.number(Fields.ROWS_CAPTURED)).isEqualTo(501);
    Map<String, RowBatch.Table> tables = batch(dir, r);
    assertThat(tables.keySet()).containsExactly("tenant", "call_log", "recording");
    assertThat(tables.get("call_log").capture()).isEqualTo("keys");
    assertThat(tables.get("call_log").columns()).containsExactly("id");
    assertThat(tables.get("call_log").parents()).containsExactly("tenant");
    assertThat(tables.get("recording").parents()).containsExactly("call_log");
    assertThat(ids(List.copyOf(tables.values()), "call_log")).isEqualTo(ids(2, 2, 250));
    assertThat(ids(List.copyOf(tables.values()), "recording")).isEqualTo(ids(2, 2, 250));
    assertThat(count(raw, "call_log")).isEqualTo(500);
  }

  /** capture=rows of a statement in a transaction: the children's whole rows, before commit. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void rowsOfTheCascadedChildrenOfAMassStatement(Databases db) throws Exception {
    DataSource raw = db.fresh("cascaderows");
    schema(raw, 3, 40);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(s.executeUpdate("delete from tenant t where t.id <= 2 -- the sync")).isEqualTo(2);
      c.commit();
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("cascade_threshold");
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 80L, "recording", 80L));
    RowBatch.Table logs = batch(dir, r).get("call_log");
    assertThat(logs.capture()).isEqualTo("rows");
    assertThat(logs.columns()).containsExactly("id", "tenant_id", "note");
    assertThat(logs.rows())
        .hasSize(80)
        .allSatisfy(row -> assertThat(row.get(2)).isEqualTo("note " + row.get(0)));
    assertThat(count(raw, "recording")).isEqualTo(40);
  }

  /**
   * The sync incident's shape: an ORM deleting tenants one id at a time, the database removing
   * their call logs and recordings; the cascades count toward the transaction's threshold and every
   * row is captured across the tx_aggregate and the commit.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void rowByRowDeletesCaptureEveryCascadedRow(Databases db) throws Exception {
    DataSource raw = db.fresh("cascaderowbyrow");
    schema(raw, 120, 3);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id=?")) {
      c.setAutoCommit(false);
      for (int i = 1; i <= 120; i++) {
        p.setInt(1, i);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      c.commit();
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("tx_aggregate", "commit");
    LogRecord aggregate = events.get(0);
    // 1 tenant + 3 call logs + 3 recordings a statement: the 15th reaches 100
    assertThat(aggregate.number(Fields.AFFECTED_ROWS)).isEqualTo(15);
    assertThat(aggregate.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 45L, "recording", 45L));
    List<RowBatch.Table> all = new ArrayList<>(batch(dir, aggregate).values());
    all.addAll(batch(dir, events.get(1)).values());
    assertThat(ids(all, "tenant")).hasSize(120);
    assertThat(ids(all, "call_log")).isEqualTo(ids(1, 120, 3));
    assertThat(ids(all, "recording")).isEqualTo(ids(1, 120, 3));
  }

  /**
   * A table referencing itself with ON DELETE CASCADE (a tree) is read level by level (issue 12: it
   * once ended the chain, and folders 2 and 3 went uncounted); a child captured as none is counted
   * only; the application's statement is unchanged.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void cyclesEndTheChainAndNoneIsCountedOnly(Databases db) throws Exception {
    DataSource raw = db.fresh("cascadecycle");
    schema(raw, 2, 120);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "create table folder (id int primary key,"
              + " parent_id int references folder(id) on delete cascade,"
              + " tenant_id int references tenant(id) on delete cascade)");
      s.execute("insert into folder values (1, null, 1)");
      s.execute("insert into folder values (2, 1, 2)");
      s.execute("insert into folder values (3, 2, 2)");
    }
    java.util.Properties props = new java.util.Properties();
    props.setProperty("rowguard.audit.captureNone", "recording");
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).properties(props).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate("delete from tenant where id = 1")).isEqualTo(1);
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 120L, "folder", 3L, "recording", 120L));
    Map<String, RowBatch.Table> tables = batch(dir, r);
    assertThat(tables.keySet()).containsExactlyInAnyOrder("tenant", "call_log", "folder");
    List<RowBatch.Table> all = new ArrayList<>();
    RowsFiles.find(
            dir, new RowsFiles.Reference(r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256)))
        .orElseThrow()
        .batch()
        .tables()
        .forEach(all::add);
    assertThat(ids(all, "folder")).containsExactly(1L, 2L, 3L);
    assertThat(count(raw, "folder")).isZero();
  }

  /** capture=none: the cascades are counted (one SELECT 1 each), nothing is kept. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void withCaptureNoneTheCascadeIsStillCounted(Databases db) throws Exception {
    DataSource raw = db.fresh("cascadenone");
    schema(raw, 2, 250);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).capture(Capture.NONE).build();
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      p.setInt(1, 1);
      assertThat(p.executeUpdate()).isEqualTo(1);
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("cascade_threshold");
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 250L, "recording", 250L));
    assertThat(r.string(Fields.CAPTURE)).isNull();
    assertThat(RowsFiles.list(dir)).isEmpty();
  }
}
