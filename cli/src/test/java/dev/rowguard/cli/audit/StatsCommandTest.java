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
        .contains("BY TABLE", "BY TENANT", "BY CALL SITE", "BY DAY", "LARGEST DELETES");
  }
}
