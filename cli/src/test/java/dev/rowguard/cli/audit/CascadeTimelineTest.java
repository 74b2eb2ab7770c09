package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows ON DELETE CASCADE removed ({@code rowguard.cascade.deleted_rows}) in timeline and stats,
 * from logs the real audit logger wrote on H2 with the schema tenant -> call_log -> recording
 * (RestoreCascadeTest's: 120 tenants, 360 call logs, 120 recordings): counted with the parent's
 * rows, each table once, never twice.
 */
class CascadeTimelineTest {

  @TempDir Path tmp;

  /** One {@code delete from tenant} in a transaction; the database removes the rest. */
  private Path oneStatement() throws Exception {
    DataSource raw = RestorePlanTest.Db.H2.fresh("cascadetimeline" + System.nanoTime());
    RestoreCascadeTest.schema(RestorePlanTest.Db.H2, raw);
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, log)) {
      RestoreCascadeTest.incident(ds);
    }
    return log;
  }

  @Test
  void timelineShowsTheCascadedRowsInTheSummaryAndTheDetail() throws Exception {
    Path log = oneStatement();
    CliRun r = CliRun.run("audit", "timeline", log.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("INCIDENTS: 1 ");
    assertThat(lines.get(1))
        .contains(
            "  committed  call_log 360 by cascade, recording 120 by cascade, tenant 120 (600 rows)");
    assertThat(r.out())
        .contains(
            "| cascade: call_log 360, recording 120 removed by ON DELETE CASCADE with these rows")
        .contains(
            "committed: 600 rows deleted in total (call_log 360 by cascade, recording 120 by cascade, tenant 120)");

    CliRun json = CliRun.run("audit", "timeline", log.toString(), "--format", "json");
    assertThat(json.exit()).as(json.err()).isZero();
    JsonNode entries = new ObjectMapper().readTree(json.out());
    JsonNode delete = entries.get(0);
    assertThat(delete.get("kind").asText()).isEqualTo("delete");
    assertThat(delete.get("rows").asLong()).isEqualTo(120);
    assertThat(delete.get("cascaded_rows").get("call_log").asLong()).isEqualTo(360);
    JsonNode tx = delete.get("transaction");
    assertThat(tx.get("rows").asLong()).isEqualTo(600);
    assertThat(tx.get("rows_by_table").get("tenant").asLong()).isEqualTo(120);
    assertThat(tx.get("rows_by_table").has("call_log")).isFalse();
    assertThat(tx.get("cascaded_rows_by_table").get("recording").asLong()).isEqualTo(120);
  }

  @Test
  void statsCountsTheCascadedRowsByTableOnce() throws Exception {
    Path log = oneStatement();
    JsonNode s = stats(log);
    assertThat(s.get("by_table").get("tenant").get("rows").asLong()).isEqualTo(120);
    assertThat(s.get("by_table").get("tenant").has("cascaded_rows")).isFalse();
    assertThat(s.get("by_table").get("call_log").get("rows").asLong()).isEqualTo(360);
    assertThat(s.get("by_table").get("call_log").get("cascaded_rows").asLong()).isEqualTo(360);
    assertThat(s.get("by_table").get("recording").get("rows").asLong()).isEqualTo(120);
    // one delete, 600 rows, in every other group
    assertThat(s.get("by_outcome").get("committed").get("rows").asLong()).isEqualTo(600);
    assertThat(s.get("by_outcome").get("committed").get("deletes").asLong()).isEqualTo(1);
    assertThat(s.get("by_tenant").get("(none)").get("rows").asLong()).isEqualTo(600);

    CliRun text = CliRun.run("audit", "stats", log.toString());
    assertThat(text.exit()).as(text.err()).isZero();
    assertThat(text.out()).containsPattern("call_log +1 +360  \\(360 by ON DELETE CASCADE\\)");
  }

  /**
   * Tenants deleted one by one, each below the row threshold with its cascades: the transaction's
   * tx_aggregate record carries the cascades so far, the outcome record (when it carries them) the
   * final ones; either way each table counts once.
   */
  @Test
  void rowByRowDeletesCountTheirCascadesOnce() throws Exception {
    DataSource raw = RestorePlanTest.Db.H2.fresh("cascaderowbyrow" + System.nanoTime());
    RestoreCascadeTest.schema(RestorePlanTest.Db.H2, raw);
    List<UUID> ids = new ArrayList<>();
    try (Connection c = raw.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select id from tenant order by id")) {
      while (rs.next()) {
        ids.add(rs.getObject(1, UUID.class));
      }
    }
    Path log = tmp.resolve("audit");
    try (AuditedDataSource ds = AuditedDataSource.wrap(raw, log);
        Connection c = ds.getConnection();
        PreparedStatement p = c.prepareStatement("delete from tenant where id = ?")) {
      c.setAutoCommit(false);
      for (UUID id : ids) {
        p.setObject(1, id);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
      c.commit();
    }
    Map<String, Long> expected = null;
    for (LogRecord rec : LogReader.records(log)) {
      Map<String, Long> c = rec.counts(Fields.CASCADE_DELETED_ROWS);
      if (!c.isEmpty() && (rec.kindName().equals("commit") || expected == null)) {
        expected = c; // the outcome's, when it has them, else the tx_aggregate's
      }
    }
    assertThat(expected).isNotNull().containsKeys("call_log", "recording");
    JsonNode s = stats(log);
    assertThat(s.get("by_table").get("tenant").get("rows").asLong()).isEqualTo(120);
    assertThat(s.get("by_table").get("call_log").get("rows").asLong())
        .isEqualTo(expected.get("call_log"));
    assertThat(s.get("by_table").get("recording").get("rows").asLong())
        .isEqualTo(expected.get("recording"));
    long total = 120 + expected.get("call_log") + expected.get("recording");
    assertThat(s.get("by_outcome").get("committed").get("rows").asLong()).isEqualTo(total);

    CliRun r = CliRun.run("audit", "timeline", log.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().toList().get(1))
        .contains(
            "call_log "
                + Columns.grouped(expected.get("call_log"))
                + " by cascade, recording "
                + Columns.grouped(expected.get("recording"))
                + " by cascade, tenant 120 ("
                + Columns.grouped(total)
                + " rows)");
  }

  private static JsonNode stats(Path log) throws Exception {
    CliRun r = CliRun.run("audit", "stats", log.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    return new ObjectMapper().readTree(r.out());
  }
}
