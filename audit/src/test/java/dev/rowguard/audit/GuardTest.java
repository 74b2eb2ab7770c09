package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.count;
import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

class GuardTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Databases.class)
  void blocksAStatementAboveTheLimitInATransactionAndKeepsTheRest(Databases db) throws Exception {
    DataSource raw = db.get();
    customers(raw, 300);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerStatement(100).build();
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("delete from customer where id <= 50")).isEqualTo(50);
        assertThatThrownBy(() -> s.executeUpdate("delete from customer where tenant = 'acme'"))
            .isInstanceOf(MassDeleteBlockedException.class)
            .hasMessageContaining("affected 125 rows")
            .hasMessageContaining("maxRowsPerStatement limit of 100");
        // The transaction is still usable (also on PostgreSQL, which aborts a transaction on
        // errors).
        assertThat(s.executeUpdate("delete from customer where id = 300")).isEqualTo(1);
      }
      c.commit();
    }
    assertThat(count(raw)).isEqualTo(249);
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).containsExactly("blocked", "commit");
    LogRecord blocked = events.get(0);
    assertThat(blocked.number(Fields.AFFECTED_ROWS)).isEqualTo(125);
    assertThat(blocked.number(Fields.GUARD_LIMIT)).isEqualTo(100);
    assertThat(blocked.string(Fields.GUARD_SCOPE)).isEqualTo("statement");
    assertThat(blocked.string(Fields.TRIGGER)).isEqualTo("max_rows_per_statement");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void blocksOnAnAutocommitConnectionAndRestoresAutocommit(Databases db) throws Exception {
    DataSource raw = db.get();
    customers(raw, 300);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerStatement(100).build();
        Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(() -> s.executeUpdate("delete from customer"))
          .isInstanceOf(MassDeleteBlockedException.class);
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(s.executeUpdate("delete from customer where id <= 10")).isEqualTo(10);
    }
    assertThat(count(raw)).isEqualTo(290);
    assertThat(events(dir)).extracting(LogRecord::kindName).containsExactly("blocked");
  }

  @ParameterizedTest
  @EnumSource(Databases.class)
  void blocksTheDeleteThatTakesTheTransactionAboveItsLimit(Databases db) throws Exception {
    DataSource raw = db.get();
    customers(raw, 300);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerTransaction(100).build();
        Connection c = ds.getConnection()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        assertThat(s.executeUpdate("delete from customer where id <= 60")).isEqualTo(60);
        assertThatThrownBy(
                () -> s.executeUpdate("delete from customer where id > 60 and id <= 120"))
            .isInstanceOf(MassDeleteBlockedException.class)
            .satisfies(
                e -> assertThat(((MassDeleteBlockedException) e).scope()).isEqualTo("transaction"));
      }
      c.commit();
    }
    assertThat(count(raw)).isEqualTo(240);
    LogRecord blocked = events(dir).get(0);
    assertThat(blocked.number(Fields.AFFECTED_ROWS)).isEqualTo(120);
    assertThat(blocked.string(Fields.GUARD_SCOPE)).isEqualTo("transaction");
  }
}
