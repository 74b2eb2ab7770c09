package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static dev.rowguard.audit.AuditTestSupport.h2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.annotations.MassDelete;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.MDC;

class PlainJdbcAuditTest {

  @TempDir Path dir;

  @Test
  void ordinaryStatementsAndSmallDeletesLeaveNoRecord() throws Exception {
    DataSource raw = h2();
    customers(raw, 300);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from customer").close();
      s.executeUpdate("update customer set name = 'x' where id < 200");
      assertThat(s.executeUpdate("delete from customer where id < 10")).isEqualTo(9);
    }
    assertThat(events(dir)).isEmpty();
  }

  @Test
  void recordsAnUnboundedDeleteWithContextCallSiteAndMaskedText() throws Exception {
    DataSource raw = h2();
    customers(raw, 300);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir)) {
      MDC.put("requestId", "req-42");
      try (AuditContext.Scope scope = AuditContext.with("tenant", "acme", "user", "bob")) {
        new Purge().purge(ds);
      } finally {
        MDC.clear();
      }
    }
    List<LogRecord> events = events(dir);
    assertThat(events).hasSize(1);
    LogRecord r = events.get(0);
    assertThat(r.kindName()).isEqualTo("delete");
    assertThat(r.string(Fields.DB_SYSTEM)).isEqualTo("h2database");
    assertThat(r.string(Fields.DB_NAMESPACE)).startsWith("AUDIT");
    assertThat(r.string(Fields.DB_COLLECTION)).isEqualTo("customer");
    assertThat(r.string(Fields.DB_OPERATION)).isEqualTo("DELETE");
    assertThat(r.string(Fields.DB_QUERY_TEXT)).isEqualTo("delete from customer where ?=?");
    assertThat(r.number(Fields.AFFECTED_ROWS)).isEqualTo(300);
    assertThat(r.string(Fields.TRIGGER)).isEqualTo("tautology");
    assertThat(r.string(Fields.CODE_FUNCTION)).isEqualTo(Purge.class.getName() + ".purge");
    assertThat(r.string(Fields.CODE_FILE)).isEqualTo("PlainJdbcAuditTest.java");
    assertThat(r.number(Fields.CODE_LINE)).isPositive();
    assertThat(r.string(Fields.REASON)).isEqualTo("test purge");
    assertThat(r.context())
        .containsEntry("tenant", "acme")
        .containsEntry("user", "bob")
        .containsEntry("requestId", "req-42");
    assertThat(r.number(Fields.PID)).isEqualTo(ProcessHandle.current().pid());
    assertThat(r.string(Fields.TX)).isNotBlank();
    assertThat(Files.readString(dir.resolve("audit-000001.jsonl")))
        .doesNotContain("secret-password");
  }

  @Test
  void callSiteExcludesSkipTheApplicationsOwnDataAccessLayer() throws Exception {
    DataSource raw = h2();
    customers(raw, 10);
    try (AuditedDataSource ds =
        AuditedDataSource.builder(raw)
            .logDirectory(dir)
            .callSiteExcludes(Purge.class.getName())
            .maskQueryText(false)
            .build()) {
      new Purge().purge(ds);
    }
    LogRecord r = events(dir).get(0);
    assertThat(r.string(Fields.CODE_FUNCTION))
        .isEqualTo(
            PlainJdbcAuditTest.class.getName()
                + ".callSiteExcludesSkipTheApplicationsOwnDataAccessLayer");
    assertThat(r.string(Fields.REASON))
        .isEqualTo("test purge"); // read from every frame, excluded or not
    assertThat(r.string(Fields.DB_QUERY_TEXT)).isEqualTo("delete from customer where 1=1");
  }

  static final class Purge {
    @MassDelete(reason = "test purge")
    void purge(DataSource ds) throws Exception {
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("delete from customer where 1=1");
      }
    }
  }

  @Test
  void recordsRowThresholdTruncateAndTransactionAggregate() throws Exception {
    DataSource raw = h2();
    customers(raw, 1000);
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, dir);
        Connection c = ds.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.executeUpdate("delete from customer where id <= 150"); // autocommit, 150 rows
      }
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement("delete from customer where id = ?")) {
        for (int id = 151; id <= 300; id++) {
          p.setInt(1, id);
          p.executeUpdate();
        }
      }
      c.commit();
      try (PreparedStatement p = c.prepareStatement("delete from customer where id = ?")) {
        for (int id = 301; id <= 420; id++) {
          p.setInt(1, id);
          p.addBatch();
        }
        p.executeBatch();
      }
      c.rollback();
      c.setAutoCommit(true);
      try (Statement s = c.createStatement()) {
        s.execute("truncate table customer");
      }
    }
    List<LogRecord> events = events(dir);
    assertThat(events)
        .extracting(LogRecord::kindName)
        .containsExactly("delete", "tx_aggregate", "commit", "delete", "rollback", "truncate");
    assertThat(events.get(0).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    assertThat(events.get(0).string(Fields.TRIGGER)).isEqualTo("row_threshold");
    LogRecord agg = events.get(1);
    assertThat(agg.number(Fields.AFFECTED_ROWS)).isEqualTo(100);
    assertThat(agg.number(Fields.TX_STATEMENTS)).isEqualTo(100);
    assertThat(events.get(2).string(Fields.TX)).isEqualTo(agg.string(Fields.TX));
    assertThat(events.get(2).number(Fields.AFFECTED_ROWS)).isEqualTo(150);
    assertThat(events.get(2).counts(Fields.TX_DELETED_ROWS))
        .containsExactly(java.util.Map.entry("customer", 150L));
    LogRecord batch = events.get(3);
    assertThat(batch.number(Fields.DB_BATCH_SIZE)).isEqualTo(120);
    assertThat(batch.number(Fields.AFFECTED_ROWS)).isEqualTo(120);
    assertThat(events.get(4).string(Fields.TX)).isEqualTo(batch.string(Fields.TX));
    assertThat(events.get(5).string(Fields.DB_OPERATION)).isEqualTo("TRUNCATE");
  }
}
