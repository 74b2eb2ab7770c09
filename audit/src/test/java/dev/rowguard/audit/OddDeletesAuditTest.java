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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12: deleting forms JSqlParser cannot parse, and other deleting shapes, through a real
 * DataSource on the database that accepts them. Each is a delete (where unknown when the parser
 * cannot judge its WHERE), and the row threshold (100) still applies. 200 customers each.
 */
class OddDeletesAuditTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          POSTGRESQL | DELETE FROM ONLY customer                        | delete   | no_where      | 200
          POSTGRESQL | DELETE FROM ONLY customer WHERE id > 80          | delete   | row_threshold | 120
          POSTGRESQL | DELETE FROM ONLY customer WHERE id > 150         |          |               | 50
          POSTGRESQL | TRUNCATE ONLY customer RESTART IDENTITY CASCADE  | truncate | truncate      | 200
          POSTGRESQL | /* a /* b */ c */ DELETE FROM customer           | delete   | no_where      | 200
          H2         | /* a /* b */ c */ DELETE FROM customer           | delete   | no_where      | 200
          H2         | TRUNCATE TABLE customer RESTART IDENTITY         | truncate | truncate      | 200
          H2         | DELETE FROM customer FETCH FIRST 120 ROWS ONLY   | delete   | row_threshold | 120
          H2         | DELETE FROM customer FETCH FIRST 20 ROWS ONLY    |          |               | 20
          """)
  void anUnparseableDeleteIsRecordedAndTheThresholdApplies(
      Databases db, String sql, String kind, String trigger, int deleted) throws Exception {
    DataSource raw = db.get();
    customers(raw, 200);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
    assertThat(count(raw)).isEqualTo(200 - deleted);
    List<LogRecord> events = events(dir);
    if (kind == null) {
      assertThat(events).isEmpty();
      return;
    }
    assertThat(events).hasSize(1);
    LogRecord r = events.get(0);
    assertThat(r.kindName()).isEqualTo(kind);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo(trigger);
    assertThat(r.string(Fields.DB_COLLECTION)).isEqualTo("customer");
    if (kind.equals("delete")) {
      assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(deleted);
    }
  }

  /** Tautologies the sql module's Conditions know: recorded below the threshold, on both. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          H2         | delete from customer where id in (select id from customer)
          POSTGRESQL | delete from customer where id in (select id from customer)
          H2         | delete from customer c where exists (select 1) and lower('A') = 'a'
          POSTGRESQL | delete from customer c where exists (select 1) and lower('A') = 'a'
          """)
  void aTautologyIsRecordedBelowTheThreshold(Databases db, String sql) throws Exception {
    DataSource raw = db.get();
    customers(raw, 50);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(sql)).isEqualTo(50);
    }
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(x -> x.string(Fields.TRIGGER)).containsExactly("tautology");
    assertThat(events.get(0).number(Fields.AFFECTED_ROWS)).isEqualTo(50);
  }

  /** {@code DELETE ... RETURNING} read as a query: never recorded as 0 rows deleted. */
  @Test
  void deleteReturningThroughExecuteQueryIsRecordedWithUnknownRows() throws Exception {
    DataSource raw = Databases.POSTGRESQL.get();
    customers(raw, 200);
    int read = 0;
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("DELETE FROM customer WHERE id > 50 RETURNING id")) {
      while (r.next()) {
        read++;
      }
    }
    assertThat(read).isEqualTo(150);
    List<LogRecord> events = events(dir);
    assertThat(events).hasSize(1);
    LogRecord r = events.get(0);
    assertThat(r.kindName()).isEqualTo("delete");
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("rows_unknown");
    assertThat(r.number(Fields.ROWS_UNKNOWN)).isEqualTo(1);
  }

  /** The archive idiom: the CTE's DELETE is a delete of its table, counted by the INSERT. */
  @Test
  void theCteArchiveIdiomIsADeleteOfItsTable() throws Exception {
    DataSource raw = Databases.POSTGRESQL.get();
    customers(raw, 200);
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement()) {
      s.execute("drop table if exists archive");
      s.execute("create table archive as select * from customer where false");
    }
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThat(
              s.executeUpdate(
                  "WITH d AS (DELETE FROM customer WHERE id > 50 RETURNING *)"
                      + " INSERT INTO archive SELECT * FROM d"))
          .isEqualTo(150);
    }
    assertThat(count(raw)).isEqualTo(50);
    List<LogRecord> events = events(dir);
    assertThat(events).hasSize(1);
    LogRecord r = events.get(0);
    assertThat(r.kindName()).isEqualTo("delete");
    assertThat(r.string(Fields.DB_COLLECTION)).isEqualTo("customer");
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("row_threshold");
    assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(150);
  }

  /** PostgreSQL's EXPLAIN ANALYZE runs the DELETE it explains. */
  @Test
  void explainAnalyzeDeleteIsADelete() throws Exception {
    DataSource raw = Databases.POSTGRESQL.get();
    customers(raw, 200);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("EXPLAIN ANALYZE DELETE FROM customer")) {
        assertThat(r.next()).isTrue();
      }
      try (ResultSet r = s.executeQuery("EXPLAIN (ANALYZE, COSTS OFF) DELETE FROM customer")) {
        assertThat(r.next()).isTrue();
      }
    }
    assertThat(count(raw)).isZero();
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("delete", "delete");
    assertThat(events).extracting(x -> x.string(Fields.TRIGGER)).containsOnly("no_where");
    assertThat(events).extracting(x -> x.string(Fields.DB_COLLECTION)).containsOnly("customer");
  }
}
