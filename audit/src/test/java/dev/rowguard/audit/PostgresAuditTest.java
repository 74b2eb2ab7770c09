package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.count;
import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PostgreSQL-only statement shapes: DELETE ... USING and a deleting CTE. */
class PostgresAuditTest {

  @TempDir Path dir;

  @Test
  void deleteUsingAndDeletingCte() throws Exception {
    DataSource raw = Databases.POSTGRESQL.get();
    customers(raw, 400);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists offboarded");
      s.execute("create table offboarded (tenant varchar(20))");
      s.execute("insert into offboarded values ('acme')");
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      int using =
          s.executeUpdate(
              "delete from customer c using offboarded o where c.tenant = o.tenant and c.id <= 300");
      assertThat(using).isEqualTo(150);
      try (ResultSet r =
          s.executeQuery(
              "with gone as (delete from customer where id > 300 returning id) select count(*) from gone")) {
        r.next();
        assertThat(r.getInt(1)).isEqualTo(100);
      }
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "delete");
    assertThat(events.get(0).string(Fields.DB_SYSTEM)).isEqualTo("postgresql");
    assertThat(events.get(0).string(Fields.DB_NAMESPACE)).isEqualTo("postgres");
    assertThat(events.get(0).string(Fields.DB_COLLECTION)).isEqualTo("customer");
    assertThat(events.get(0).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    // USING is read as a join; the CTE is not read, and its record says so, and why.
    assertThat(events.get(0).string(Fields.CAPTURE)).isEqualTo("keys");
    assertThat(events.get(0).number(Fields.ROWS_CAPTURED)).isEqualTo(150);
    assertThat(events.get(0).string(Fields.ROWS_NOT_CAPTURED)).isNull();
    assertThat(events.get(1).string(Fields.CAPTURE)).isNull();
    assertThat(events.get(1).number(Fields.ROWS_NOT_CAPTURED_STATEMENTS)).isEqualTo(1);
    assertThat(events.get(1).string(Fields.ROWS_NOT_CAPTURED))
        .isEqualTo("a DELETE inside WITH (a deleting CTE)");
    assertThat(events.get(1).string(Fields.TRIGGER)).isEqualTo("rows_unknown");
    assertThat(events.get(1).string(Fields.DB_QUERY_TEXT))
        .isEqualTo(
            "with gone as (delete from customer where id > ? returning id) select count(*) from gone");
  }

  /**
   * {@code DELETE ... USING} joined to a list that matches each row twice: the read, {@code SELECT
   * c.* FROM customer c, offboarded o WHERE ... FOR UPDATE OF c}, keeps each deleted row once.
   */
  @Test
  void deleteUsingCapturesExactlyTheDeletedRows() throws Exception {
    DataSource raw = Databases.POSTGRESQL.fresh("pgusing");
    customers(raw, 400);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table offboarded (tenant varchar(20))");
      s.execute("insert into offboarded values ('acme'), ('acme')");
    }
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).capture(Capture.ROWS).build();
        Connection c = ds.getConnection();
        java.sql.PreparedStatement p =
            c.prepareStatement(
                "delete from customer as c using offboarded o"
                    + " where c.tenant = o.tenant and c.id <= ?")) {
      c.setAutoCommit(false);
      p.setInt(1, 300);
      assertThat(p.executeUpdate()).isEqualTo(150);
      c.commit();
    }
    assertThat(count(raw)).isEqualTo(250);
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.CAPTURE)).isEqualTo("rows");
    assertThat(r.number(Fields.ROWS_CAPTURED)).isEqualTo(150);
    dev.rowguard.audit.log.RowBatch.Table t =
        dev.rowguard.audit.log.RowsFiles.find(
                dir,
                new dev.rowguard.audit.log.RowsFiles.Reference(
                    r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256)))
            .orElseThrow()
            .batch()
            .tables()
            .get(0);
    assertThat(t.columns()).containsExactly("id", "tenant", "name");
    java.util.Set<Long> ids = new java.util.TreeSet<>();
    t.rows().forEach(row -> ids.add((Long) row.get(0)));
    java.util.Set<Long> expected = new java.util.TreeSet<>();
    for (long i = 2; i <= 300; i += 2) {
      expected.add(i);
    }
    assertThat(ids).isEqualTo(expected);
  }

  /**
   * The cascades of a {@code DELETE ... USING} are read through the same join, the parent's key
   * qualified by its alias (the USING table has an {@code id} too).
   */
  @Test
  void deleteUsingReadsItsCascadesThroughTheJoin() throws Exception {
    DataSource raw = Databases.POSTGRESQL.fresh("pgusingcascade");
    CascadeCaptureTest.schema(raw, 40, 3);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table offboarded (id int, tenant_id int)");
      s.execute("insert into offboarded select g, g from generate_series(1, 30) g");
      s.execute("insert into offboarded values (31, 1)"); // tenant 1 joins twice
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      assertThat(
              s.executeUpdate("delete from tenant t using offboarded o where t.id = o.tenant_id"))
          .isEqualTo(30);
      c.commit();
    }
    assertThat(CascadeCaptureTest.count(raw, "call_log")).isEqualTo(30);
    LogRecord r = events(dir).get(0);
    assertThat(r.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(java.util.Map.of("call_log", 90L, "recording", 90L));
    assertThat(r.number(Fields.ROWS_CAPTURED)).isEqualTo(30 + 90 + 90);
    List<dev.rowguard.audit.log.RowBatch.Table> tables =
        dev.rowguard.audit.log.RowsFiles.find(
                dir,
                new dev.rowguard.audit.log.RowsFiles.Reference(
                    r.string(Fields.ROWS_FILE), r.string(Fields.ROWS_SHA256)))
            .orElseThrow()
            .batch()
            .tables();
    assertThat(tables)
        .extracting(dev.rowguard.audit.log.RowBatch.Table::table)
        .containsExactly("tenant", "call_log", "recording");
    assertThat(tables.get(0).rows()).hasSize(30);
  }
}
