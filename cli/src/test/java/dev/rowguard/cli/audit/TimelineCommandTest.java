package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rowguard audit timeline} on logs written by the real audit module. */
class TimelineCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path dir;

  private static JsonNode json(CliRun r) throws Exception {
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    return JSON.readTree(r.out());
  }

  @Test
  void incidentLinesUpDeletesWithOutcomeRequestAndSource() throws Exception {
    IncidentLogs.Incident i = IncidentLogs.incident(dir);
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            i.log().toString(),
            "--access-log",
            i.accessLog().toString(),
            "--source",
            "src/test/java",
            "--zone",
            "Europe/Berlin");
    assertThat(r.exit()).isZero();
    String out = r.out();
    // The incident summary comes first: one line per request or transaction of 100 rows or more,
    // with final counts, outcome, context, the matched request and the call site.
    List<String> lines = out.lines().toList();
    assertThat(lines.get(0)).startsWith("INCIDENTS: 3 request(s) or transaction(s)");
    assertThat(lines.subList(1, 4))
        .anySatisfy(
            l ->
                assertThat(l)
                    .contains("committed", "customer 150", "requestId=req-1 tenant=acme")
                    .contains("DELETE /admin/tenants/acme -> 204 (same request id)")
                    .contains("removeTenant"))
        .anySatisfy(l -> assertThat(l).contains("rolled back", "customer 300"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("TIME (Europe/Berlin)"));
    assertThat(out).contains("+01:00");
    // Then the detail, one entry per record.
    out = out.substring(out.indexOf("TIME (Europe/Berlin)"));
    String acme = block(out, "removeTenant");
    assertThat(acme)
        .contains("delete", "customer", "150", "committed")
        .contains("request: DELETE /admin/tenants/acme -> 204", "(same request id)")
        .contains(
            "in void removeTenant(DataSource ds, String tenant, boolean commit)",
            "p.executeUpdate();")
        .contains("context: requestId=req-1 tenant=acme");
    String everything = block(out, "removeEverything");
    assertThat(everything)
        .contains("rolled back", "!NO-WHERE", "request: DELETE /admin/customers -> 500");
    assertThat(block(out, "rollback "))
        .contains("!ROLLBACK", "300 rows deleted in total (customer 300)");
    // Outside any request: no request id, so only a request close in time can match, and says so.
    assertThat(block(out, "InvoicePurge"))
        .contains("reason: retention: invoices older than 10 years", "not recorded")
        .doesNotContain("(same request id)");
    assertThat(out).contains("GET /health -> 200");
  }

  @Test
  void commitShowsFinalRowsPerTableNotTheThresholdCrossing() throws Exception {
    Path log = IncidentLogs.rowByRow(dir);
    CliRun r = CliRun.run("audit", "timeline", log.toString());
    assertThat(r.exit()).isZero();
    // The tx_aggregate record is written when the table reaches 100 rows; the commit knows all 150.
    assertThat(block(r.out(), "tx_aggregate")).contains("100", "committed", "!TX-MASS");
    assertThat(block(r.out(), " commit "))
        .contains("150 rows deleted in total (customer 150)", "!TX-MASS");
  }

  /** The entry line containing {@code marker} and its indented details. */
  private static String block(String out, String marker) {
    List<String> lines = out.lines().toList();
    for (int n = 0; n < lines.size(); n++) {
      if (!lines.get(n).startsWith(" ") && lines.get(n).contains(marker)) {
        StringBuilder b = new StringBuilder(lines.get(n)).append('\n');
        for (int k = n + 1; k < lines.size() && lines.get(k).startsWith(" "); k++) {
          b.append(lines.get(k)).append('\n');
        }
        return b.toString();
      }
    }
    throw new AssertionError("no entry with " + marker + " in\n" + out);
  }

  @Test
  void mergesHostsInTimeOrder() throws Exception {
    Path a = IncidentLogs.host(dir, "app-1", T0, T0.plusSeconds(20), T0.plusSeconds(40));
    Path b = IncidentLogs.host(dir, "app-2", T0.plusSeconds(10), T0.plusSeconds(30));
    JsonNode entries =
        json(
            CliRun.run(
                "audit",
                "timeline",
                a.toString(),
                b.toString(),
                "--format",
                "json",
                "--kind",
                "delete"));
    List<String> hosts = new ArrayList<>();
    List<String> times = new ArrayList<>();
    entries.forEach(
        e -> {
          hosts.add(e.get("host").asText());
          times.add(e.get("time").asText());
        });
    assertThat(hosts).containsExactly("app-1", "app-2", "app-1", "app-2", "app-1");
    assertThat(times).isSorted().first().isEqualTo("2026-11-21T13:00:00.000000+00:00");
    assertThat(entries.get(0).get("outcome").asText()).isEqualTo("committed");
  }

  @Test
  void recordsOfConcurrentThreadsComeOutInTimeOrder() throws Exception {
    Path log = dir.resolve("app-1");
    try (var w =
        dev.rowguard.audit.log.AuditLogWriter.open(
            log, dev.rowguard.audit.log.WriterOptions.defaults())) {
      for (int s : new int[] {2, 1, 3, 0}) {
        w.append(
            IncidentLogs.statement(
                T0.plusMillis(s), "app-1", "tx" + s, "orders", 100 + s, Map.of()));
      }
    }
    List<Long> rows = new ArrayList<>();
    json(CliRun.run("audit", "timeline", log.toString(), "--format", "json"))
        .forEach(e -> rows.add(e.get("rows").asLong()));
    assertThat(rows).containsExactly(100L, 101L, 102L, 103L);
  }

  @Test
  void filtersByTimeTableTenantContextRowsAndKind() throws Exception {
    Path log = dir.resolve("app-1");
    try (var w =
        dev.rowguard.audit.log.AuditLogWriter.open(
            log, dev.rowguard.audit.log.WriterOptions.defaults())) {
      w.append(
          IncidentLogs.statement(
              T0, "app-1", "tx1", "orders", 500, Map.of("tenant", "acme", "user", "bob")));
      w.append(
          IncidentLogs.statement(
              T0.plusSeconds(60), "app-1", "tx2", "invoice", 150, Map.of("tenant", "globex")));
      w.append(
          IncidentLogs.statement(
              T0.plusSeconds(120), "app-1", "tx3", "orders", 2000, Map.of("tenant", "globex")));
    }
    assertThat(rows("--table", "orders")).containsExactly(500L, 2000L);
    assertThat(rows("--tenant", "globex")).containsExactly(150L, 2000L);
    assertThat(rows("--context", "user=bob")).containsExactly(500L);
    assertThat(rows("--min-rows", "1000")).containsExactly(2000L);
    assertThat(rows("--from", "2026-11-21T14:01:00", "--zone", "Europe/Berlin"))
        .containsExactly(150L, 2000L);
    assertThat(rows("--from", "2026-11-21T13:00:30Z", "--to", "2026-11-21T13:01:30Z"))
        .containsExactly(150L);
    assertThat(rows("--kind", "log_open")).isEmpty();
  }

  private List<Long> rows(String... filters) throws Exception {
    List<String> args =
        new ArrayList<>(
            List.of("audit", "timeline", dir.resolve("app-1").toString(), "--format", "json"));
    args.addAll(List.of(filters));
    List<Long> rows = new ArrayList<>();
    json(CliRun.run(args.toArray(String[]::new)))
        .forEach(
            e -> {
              if (e.get("kind").asText().equals("delete")) {
                rows.add(e.get("rows").asLong());
              }
            });
    return rows;
  }

  @Test
  void marksTransactionsJobsAndHours() throws Exception {
    Path log = dir.resolve("batch");
    try (var w =
        dev.rowguard.audit.log.AuditLogWriter.open(
            log, dev.rowguard.audit.log.WriterOptions.defaults())) {
      for (int t = 0; t < 4; t++) {
        w.append(
            IncidentLogs.statement(
                T0.plusSeconds(t),
                "batch-1",
                "tx-sync",
                "customer",
                400,
                Map.of("tenant", "tenant-" + t)));
      }
      w.append(
          dev.rowguard.audit.log.LogEntry.of(
                  dev.rowguard.audit.log.RecordKind.COMMIT, T0.plusSeconds(5))
              .put(dev.rowguard.audit.log.Fields.TX, "tx-sync")
              .put(dev.rowguard.audit.log.Fields.AFFECTED_ROWS, 1600)
              .put(dev.rowguard.audit.log.Fields.HOST, "batch-1")
              .put(dev.rowguard.audit.log.Fields.PID, 7));
    }
    JsonNode entries =
        json(
            CliRun.run(
                "audit",
                "timeline",
                log.toString(),
                "--format",
                "json",
                "--allowed-hours",
                "08:00-12:00",
                "--zone",
                "Europe/Berlin"));
    List<String> codes = new ArrayList<>();
    entries.forEach(
        e ->
            e.path("anomalies")
                .forEach(a -> codes.add(e.get("kind").asText() + ":" + a.get("code").asText())));
    assertThat(codes)
        .contains("delete:OFF-HOURS", "delete:TENANTS", "commit:TX-MASS")
        .filteredOn(c -> c.equals("delete:TENANTS"))
        .hasSize(2); // from the third tenant on
    JsonNode commit = entries.get(entries.size() - 1);
    assertThat(commit.get("transaction").get("rows_by_table").get("customer").asLong())
        .isEqualTo(1600);
  }

  @Test
  void matchesByHostAndTimeWhenThereIsNoRequestId() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", T0.plusMillis(300));
    Path access = dir.resolve("access.log");
    Files.write(
        access,
        List.of(
            "10.1.1.1 - - [21/Nov/2026:13:59:50 +0100] \"GET /early HTTP/1.1\" 200 12 \"-\" \"curl\"",
            "10.1.1.2 - - [21/Nov/2026:14:00:01 +0100] \"POST /orders/archive HTTP/1.1\" 200 12 \"-\" \"curl\"",
            "10.1.1.3 - - [21/Nov/2026:14:00:30 +0100] \"GET /late HTTP/1.1\" 200 12 \"-\" \"curl\""));
    JsonNode entries =
        json(
            CliRun.run(
                "audit",
                "timeline",
                log.toString(),
                "--access-log",
                "app-1=" + access,
                "--format",
                "json"));
    List<String> kinds = new ArrayList<>();
    entries.forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).containsExactly("http", "delete", "commit", "http", "http");
    JsonNode delete = entries.get(1);
    assertThat(delete.get("request").get("path").asText()).isEqualTo("/orders/archive");
    assertThat(delete.get("request").get("matched_by").asText()).isEqualTo("host and time");

    JsonNode otherHost =
        json(
            CliRun.run(
                "audit",
                "timeline",
                log.toString(),
                "--access-log",
                "app-9=" + access,
                "--format",
                "json"));
    assertThat(otherHost.get(1).has("request")).isFalse();
  }

  @Test
  void accessLogWithoutOffsetNeedsItsZone() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", T0);
    Path access = dir.resolve("access.log");
    Files.write(
        access,
        List.of("10.1.1.2 - - [21/Nov/2026:14:00:00] \"POST /x HTTP/1.1\" 200 12 \"-\" \"curl\""));
    CliRun without =
        CliRun.run("audit", "timeline", log.toString(), "--access-log", access.toString());
    assertThat(without.exit()).isEqualTo(2);
    assertThat(without.err()).contains(access + ":1").contains("--access-log-zone");
    JsonNode with =
        json(
            CliRun.run(
                "audit",
                "timeline",
                log.toString(),
                "--access-log",
                access.toString(),
                "--access-log-zone",
                "Europe/Berlin",
                "--format",
                "json"));
    assertThat(with.get(0).get("kind").asText()).isEqualTo("delete");
    // the line has whole seconds: it comes after the audit records of its second
    assertThat(with.get(2).get("kind").asText()).isEqualTo("http");
  }

  @Test
  void timesketchLinesCarryTheRequiredFields() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", T0, T0.plusSeconds(1));
    CliRun r = CliRun.run("audit", "timeline", log.toString(), "--format", "timesketch");
    assertThat(r.exit()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(4);
    for (String line : lines) {
      JsonNode n = JSON.readTree(line);
      assertThat(n.get("message").asText()).isNotBlank();
      assertThat(n.get("datetime").asText()).matches("2026-11-21T13:00:0\\d\\.\\d{6}\\+00:00");
      assertThat(n.get("timestamp_desc").asText()).startsWith("rowguard audit ");
      assertThat(n.get("timestamp").asLong()).isGreaterThan(0);
    }
    assertThat(JSON.readTree(lines.get(0)).get("message").asText())
        .isEqualTo(
            "delete orders, 500 rows, committed at com.example.OrderArchiver.archive(OrderArchiver.java:31)");
  }

  @Test
  void tornLastLineIsSkippedWithAWarning() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", T0);
    Path file = dev.rowguard.audit.log.LogFiles.list(log).get(0);
    Files.writeString(file, "{\"seq\":99,\"ts\":\"2026-", java.nio.file.StandardOpenOption.APPEND);
    CliRun r = CliRun.run("audit", "timeline", log.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("warning: " + file + ":5: torn line skipped");
    assertThat(JSON.readTree(r.out())).hasSize(2);
  }
}
