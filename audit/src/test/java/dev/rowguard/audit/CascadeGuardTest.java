package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.events;
import static dev.rowguard.audit.CascadeCaptureTest.count;
import static dev.rowguard.audit.CascadeCaptureTest.schema;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 12: the rows {@code ON DELETE CASCADE} removes count in the guard's limits and in the
 * transaction's outcome record, while {@code db.response.affected_rows} stays the driver's count;
 * on H2 and PostgreSQL.
 */
class CascadeGuardTest {

  @TempDir Path dir;

  /** 1 tenant, 250 call logs and 250 recordings by cascade: the driver says 1; 501 > 100. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aStatementLimitCountsTheCascadedRows(Databases db) throws Exception {
    DataSource raw = db.fresh("cascadeguardone");
    schema(raw, 3, 250);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerStatement(100).build();
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      p.setInt(1, 2);
      assertThatThrownBy(p::executeUpdate)
          .isInstanceOfSatisfying(
              MassDeleteBlockedException.class,
              e -> {
                assertThat(e.affectedRows()).isEqualTo(501);
                assertThat(e.cascadedRows()).isEqualTo(500);
                assertThat(e.scope()).isEqualTo("statement");
              })
          .hasMessageContaining("it affected 501 rows (500 of them by ON DELETE CASCADE)");
      // autocommit: the guard's own transaction was rolled back, the connection is usable
      p.setInt(1, 3);
      assertThatThrownBy(p::executeUpdate).isInstanceOf(MassDeleteBlockedException.class);
    }
    assertThat(count(raw, "tenant")).isEqualTo(3);
    assertThat(count(raw, "call_log")).isEqualTo(750);
    assertThat(count(raw, "recording")).isEqualTo(750);
    LogRecord blocked = events(dir).get(0);
    assertThat(blocked.kindName()).isEqualTo("blocked");
    assertThat(blocked.number(Fields.AFFECTED_ROWS)).isEqualTo(1);
    assertThat(blocked.string(Fields.TRIGGER)).isEqualTo("max_rows_per_statement");
    assertThat(blocked.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 250L, "recording", 250L));
  }

  /** A delete whose cascades stay within the limit runs. */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aDeleteWhoseCascadesStayWithinTheLimitRuns(Databases db) throws Exception {
    DataSource raw = db.fresh("cascadeguardsmall");
    schema(raw, 3, 40);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerStatement(100).build();
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      p.setInt(1, 2);
      assertThat(p.executeUpdate()).isEqualTo(1); // 1 + 40 + 40 = 81 rows
    }
    assertThat(count(raw, "call_log")).isEqualTo(80);
  }

  /**
   * Row by row in a transaction (1 tenant + 3 call logs + 3 recordings a statement): the 15th
   * statement takes the tally to 105 > 100 and is refused; the transaction stays usable, and its
   * commit says what the cascades removed beside the driver's counts.
   */
  @ParameterizedTest
  @EnumSource(Databases.class)
  void aTransactionLimitCountsTheCascadedRowsAndTheCommitNamesThem(Databases db) throws Exception {
    DataSource raw = db.fresh("cascadeguardtx");
    schema(raw, 20, 3);
    try (AuditedDataSource ds =
            AuditedDataSource.builder(raw).logDirectory(dir).maxRowsPerTransaction(100).build();
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      c.setAutoCommit(false);
      for (int i = 1; i <= 14; i++) {
        p.setInt(1, i);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      p.setInt(1, 15);
      assertThatThrownBy(p::executeUpdate)
          .isInstanceOfSatisfying(
              MassDeleteBlockedException.class,
              e -> {
                assertThat(e.scope()).isEqualTo("transaction");
                assertThat(e.affectedRows()).isEqualTo(105);
                assertThat(e.cascadedRows()).isEqualTo(90);
              });
      c.commit();
    }
    assertThat(count(raw, "tenant")).isEqualTo(6);
    assertThat(count(raw, "call_log")).isEqualTo(18);
    List<LogRecord> events = events(dir);
    assertThat(events).extracting(LogRecord::kindName).endsWith("blocked", "commit");
    LogRecord blocked = events.get(events.size() - 2);
    assertThat(blocked.number(Fields.AFFECTED_ROWS)).isEqualTo(15);
    assertThat(blocked.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 45L, "recording", 45L));
    LogRecord commit = events.get(events.size() - 1);
    assertThat(commit.number(Fields.AFFECTED_ROWS)).isEqualTo(14);
    assertThat(commit.counts(Fields.TX_DELETED_ROWS)).isEqualTo(Map.of("tenant", 14L));
    assertThat(commit.counts(Fields.CASCADE_DELETED_ROWS))
        .isEqualTo(Map.of("call_log", 42L, "recording", 42L));
  }
}
