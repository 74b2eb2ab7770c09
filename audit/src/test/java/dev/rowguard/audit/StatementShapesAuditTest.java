package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.count;
import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Deleting shapes beyond one statement per call, on H2 and PostgreSQL. */
class StatementShapesAuditTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void eachStatementOfAMultiStatementTextIsJudgedOnItsOwn(Databases db) throws Exception {
    DataSource raw = db.get();
    customers(raw, 150);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      // What the application sees is the driver's answer: the first statement's count.
      assertThat(s.executeUpdate("delete from customer where id = 1; delete from customer"))
          .isEqualTo(1);
    }
    assertThat(count(raw)).isZero();
    List<LogRecord> events = events(dir);
    assertThat(events).hasSize(1);
    LogRecord r = events.get(0);
    assertThat(r.kindName()).isEqualTo("delete");
    assertThat(r.string(Fields.DB_QUERY_TEXT)).isEqualTo("delete from customer");
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("no_where");
    assertThat(r.number(Fields.ROWS_UNKNOWN)).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aFirstStatementThatDeletesManyKeepsItsCount(Databases db) throws Exception {
    DataSource raw = db.get();
    customers(raw, 150);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("delete from customer where id > 20; delete from customer where id = 1");
    }
    List<LogRecord> events = events(dir);
    assertThat(events)
        .extracting(x -> x.string(Fields.TRIGGER))
        .containsExactly("row_threshold", "rows_unknown");
    assertThat(events.get(0).number(Fields.AFFECTED_ROWS)).isEqualTo(130);
    assertThat(events.get(0).string(Fields.DB_QUERY_TEXT))
        .isEqualTo("delete from customer where id > ?");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void aBatchOfDistinctSingleRowTextsInAutocommitIsSummed(Databases db) throws Exception {
    DataSource raw = db.get();
    customers(raw, 200);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      for (int id = 1; id <= 150; id++) {
        s.addBatch("delete from customer where id = " + id);
      }
      int[] counts = s.executeBatch();
      assertThat(counts).hasSize(150).containsOnly(1);
    }
    assertThat(count(raw)).isEqualTo(50);
    List<LogRecord> events = events(dir);
    assertThat(events).hasSize(1);
    LogRecord r = events.get(0);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("row_threshold");
    assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    assertThat(r.number(Fields.DB_BATCH_SIZE)).isEqualTo(150);
    assertThat(r.string(Fields.DB_QUERY_TEXT)).isEqualTo("delete from customer where id = ?");
  }
}
