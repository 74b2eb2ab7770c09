package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rowguard audit stats} on logs of two hosts. */
class StatsCommandTest {

  @TempDir Path dir;

  @Test
  void totalsPerTableTenantCallSiteAndDayAndTheLargestDeletes() throws Exception {
    Instant day1 = Instant.parse("2026-11-20T22:30:00Z");
    Path a = IncidentLogs.host(dir, "app-1", day1, day1.plusSeconds(3600));
    IncidentLogs.Incident incident = IncidentLogs.incident(dir);

    CliRun r =
        CliRun.run(
            "audit",
            "stats",
            a.toString(),
            incident.log().toString(),
            "--format",
            "json",
            "--top",
            "2",
            "--zone",
            "Europe/Berlin");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("by_table").get("orders").get("rows").asLong()).isEqualTo(1000);
    assertThat(s.get("by_table").get("customer").get("deletes").asLong()).isEqualTo(2);
    assertThat(s.get("by_tenant").get("acme").get("rows").asLong()).isEqualTo(150);
    assertThat(
            s.get("by_call_site").get("com.example.OrderArchiver.archive").get("deletes").asLong())
        .isEqualTo(2);
    // 22:30Z and 23:30Z are 23:30 and 00:30 in Berlin: two days.
    assertThat(s.get("by_day").get("2026-11-20").get("rows").asLong()).isEqualTo(500);
    assertThat(s.get("by_day").get("2026-11-21").get("rows").asLong()).isEqualTo(500 + 570);
    assertThat(s.get("largest")).hasSize(2);
    assertThat(s.get("largest").get(0).get("rows").asLong()).isEqualTo(500);

    CliRun text = CliRun.run("audit", "stats", a.toString(), incident.log().toString());
    assertThat(text.exit()).isZero();
    assertThat(text.out())
        .contains("BY TABLE", "BY TENANT", "BY CALL SITE", "BY REQUEST", "BY OUTCOME", "BY DAY")
        .contains("LARGEST RECORDED STATEMENTS");
  }

  /**
   * 150 single-row deletes in one transaction leave a tx_aggregate record at 100 rows and a commit
   * record with 150: stats counts the final 150 once, not 100 and not 250.
   */
  @Test
  void aRowByRowTransactionCountsItsFinalRowsOnce() throws Exception {
    Path log = IncidentLogs.rowByRow(dir);
    CliRun r = CliRun.run("audit", "stats", log.toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("by_table").get("customer").get("rows").asLong()).isEqualTo(150);
    assertThat(s.get("by_table").get("customer").get("deletes").asLong()).isEqualTo(1);
    assertThat(s.get("by_outcome").get("committed").get("rows").asLong()).isEqualTo(150);
    assertThat(s.get("largest")).isEmpty();
  }

  @Test
  void requestsAndOutcomesAreGroupsToo() throws Exception {
    IncidentLogs.Incident incident = IncidentLogs.incident(dir);
    CliRun r = CliRun.run("audit", "stats", incident.log().toString(), "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = new ObjectMapper().readTree(r.out());
    assertThat(s.get("by_request").get("req-1").get("rows").asLong()).isEqualTo(150);
    assertThat(s.get("by_request").get("req-2").get("rows").asLong()).isEqualTo(300);
    assertThat(s.get("by_outcome").get("rolled back").get("rows").asLong()).isEqualTo(300);
  }
}
