package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@code timeline} lines deletes up with access-log requests, on lines in the formats real
 * servers write:
 *
 * <ul>
 *   <li>nginx {@code log_format withid '$remote_addr - $remote_user [$time_local] "$request"
 *       $status $body_bytes_sent "$http_referer" "$http_user_agent" "$request_id"';} (the sample's)
 *   <li>nginx {@code log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status
 *       $body_bytes_sent "$http_referer" "$http_user_agent" rt=$request_time';} (nginx's own
 *       performance-logging example)
 *   <li>Apache {@code LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-Agent}i\" %D"}
 *   <li>plain combined ({@code $time_local} or {@code %t}, here also without its offset)
 * </ul>
 */
class AccessMatchingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
  private static final DateTimeFormatter TIME_LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT)
          .withZone(ZoneOffset.ofHours(1));

  @TempDir Path dir;

  /**
   * {@code $remote_addr - $remote_user [$time_local] "$request" $status ... "$http_user_agent"}.
   */
  private static String combined(Instant t, String request, int status) {
    return "10.0.0.7 - - ["
        + TIME_LOCAL.format(t)
        + "] \""
        + request
        + " HTTP/1.1\" "
        + status
        + " 512 \"-\" \"Mozilla/5.0 (X11; Linux x86_64)\"";
  }

  private Path log(String host, LogEntry... entries) throws Exception {
    Path log = dir.resolve(host);
    try (AuditLogWriter w = AuditLogWriter.open(log, WriterOptions.defaults())) {
      for (LogEntry e : entries) {
        w.append(e);
      }
    }
    return log;
  }

  private static LogEntry delete(Instant t, String host, String tx, Map<String, String> context) {
    return IncidentLogs.statement(t, host, tx, "orders", 500, context);
  }

  private static LogEntry commit(Instant t, String host, String tx) {
    return LogEntry.of(RecordKind.COMMIT, t)
        .put(Fields.TX, tx)
        .put(Fields.AFFECTED_ROWS, 500)
        .put(Fields.HOST, host)
        .put(Fields.PID, 7);
  }

  private Path access(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  private static JsonNode json(CliRun r) throws Exception {
    assertThat(r.exit()).as(r.err()).isZero();
    return JSON.readTree(r.out());
  }

  private static List<JsonNode> deletes(JsonNode entries) {
    List<JsonNode> list = new ArrayList<>();
    entries.forEach(
        e -> {
          if (e.get("kind").asText().equals("delete")) {
            list.add(e);
          }
        });
    return list;
  }

  private static String matched(JsonNode delete) {
    JsonNode r = delete.get("request");
    return r == null ? "none" : r.get("path").asText() + " by " + r.get("matched_by").asText();
  }

  @Test
  void requestIdsInOneHostsAccessLogLeaveTimeMatchingOnForAHostWhoseLogHasNone() throws Exception {
    // Both applications put a request id in the context; only app-1's nginx logs "$request_id".
    Path a = log("app-1", delete(T0.plusMillis(300), "app-1", "a1", Map.of("requestId", "r-1")));
    Path b = log("app-2", delete(T0.plusMillis(400), "app-2", "b1", Map.of("requestId", "r-9")));
    Path withIds =
        access(
            "app-1.log",
            combined(T0, "DELETE /admin/tenants/acme", 204) + " \"r-1\"",
            combined(T0, "GET /health", 200) + " \"r-2\"");
    Path withoutIds = access("app-2.log", combined(T0.plusSeconds(1), "POST /orders/purge", 200));
    List<JsonNode> deletes =
        deletes(
            json(
                CliRun.run(
                    "audit",
                    "timeline",
                    a.toString(),
                    b.toString(),
                    "--access-log",
                    "app-1=" + withIds,
                    "--access-log",
                    "app-2=" + withoutIds,
                    "--format",
                    "json")));
    assertThat(deletes)
        .extracting(AccessMatchingTest::matched)
        .containsExactly("/admin/tenants/acme by request id", "/orders/purge by host and time");
  }

  @Test
  void aSlowRequestsLineMatchesByIdHowEverLongAfterItsDeleteNginxWroteIt() throws Exception {
    // nginx writes $time_local when the request ends: 40 s after the delete, and another request
    // ended in between. The id is the same, so the window does not matter.
    Path a =
        log(
            "app-1",
            delete(T0.plusMillis(300), "app-1", "a1", Map.of("requestId", "slow-1")),
            commit(T0.plusMillis(900), "app-1", "a1"));
    Path nginx =
        access(
            "access.log",
            combined(T0.plusSeconds(10), "GET /health", 200) + " \"fast-2\"",
            combined(T0.plusSeconds(40), "POST /admin/tenants/sync", 200) + " \"slow-1\"");
    List<JsonNode> deletes =
        deletes(
            json(
                CliRun.run(
                    "audit",
                    "timeline",
                    a.toString(),
                    "--access-log",
                    "app-1=" + nginx,
                    "--format",
                    "json")));
    assertThat(deletes)
        .extracting(AccessMatchingTest::matched)
        .containsExactly("/admin/tenants/sync by request id");
  }

  @Test
  void timeMatchingUsesWhenTheRequestRanFromNginxRequestTime() throws Exception {
    // rt=$request_time: the import ran from T0-0.2 s to T0+30 s; the health check ended at T0+4 s,
    // closer to the delete by its end time, but it was not running then.
    Path a = log("app-1", delete(T0.plusMillis(300), "app-1", "a1", Map.of()));
    Path nginx =
        access(
            "access.log",
            combined(T0.plusSeconds(4), "GET /health", 200) + " rt=0.010",
            combined(T0.plusSeconds(30), "POST /import", 200) + " rt=30.200");
    JsonNode entries =
        json(
            CliRun.run(
                "audit",
                "timeline",
                a.toString(),
                "--access-log",
                "app-1=" + nginx,
                "--format",
                "json"));
    assertThat(deletes(entries))
        .extracting(AccessMatchingTest::matched)
        .containsExactly("/import by host and time");
    // the import is placed at its start, before the delete it made
    assertThat(entries.get(0).get("request").get("path").asText()).isEqualTo("/import");
    assertThat(entries.get(0).get("request").get("duration_ms").asDouble()).isEqualTo(30_200.0);
  }

  @Test
  void timeMatchingUsesWhenTheRequestRanFromApacheD() throws Exception {
    // %t is when Apache received the request, %D how long it took in microseconds: the import ran
    // from T0 to T0+25 s; the GET ran at T0+18 s, closer by its logged time but over by T0+20 s.
    Path a = log("app-1", delete(T0.plusSeconds(20).plusMillis(300), "app-1", "a1", Map.of()));
    Path apache =
        access(
            "access_log",
            combined(T0, "POST /import", 200) + " 25000000",
            combined(T0.plusSeconds(18), "GET /status", 200) + " 1200");
    assertThat(
            deletes(
                json(
                    CliRun.run(
                        "audit",
                        "timeline",
                        a.toString(),
                        "--access-log",
                        "app-1=" + apache,
                        "--format",
                        "json"))))
        .extracting(AccessMatchingTest::matched)
        .containsExactly("/import by host and time");
  }

  @Test
  void localTimesInTheRepeatedHourOfEuropeBerlinFollowTheOrderOfTheLines() throws Exception {
    // On 25 October 2026, the last Sunday of October, Berlin's clocks go back from 03:00 CEST to
    // 02:00 CET: 02:00-03:00 local comes twice. A log_format with $time_local carries the offset;
    // this log has none (a "%{%d/%b/%Y:%H:%M:%S}t" Apache format), so --access-log-zone reads it.
    ZoneId berlin = ZoneId.of("Europe/Berlin");
    Instant firstPass = Instant.parse("2026-10-25T00:30:00Z"); // 02:30 CEST
    Instant secondPass = Instant.parse("2026-10-25T01:10:00Z"); // 02:10 CET
    assertThat(firstPass.atZone(berlin).toLocalTime().toString()).isEqualTo("02:30");
    assertThat(secondPass.atZone(berlin).toLocalTime().toString()).isEqualTo("02:10");
    Path a =
        log(
            "app-1",
            delete(firstPass.plusMillis(300), "app-1", "a1", Map.of()),
            delete(secondPass.plusMillis(300), "app-1", "a2", Map.of()));
    Path local =
        access(
            "access.log",
            "10.0.0.7 - - [25/Oct/2026:02:30:00] \"POST /first HTTP/1.1\" 200 5 \"-\" \"curl/8.5.0\"",
            "10.0.0.7 - - [25/Oct/2026:02:59:30] \"GET /health HTTP/1.1\" 200 5 \"-\" \"curl/8.5.0\"",
            "10.0.0.7 - - [25/Oct/2026:02:10:00] \"POST /second HTTP/1.1\" 200 5 \"-\" \"curl/8.5.0\"");
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            a.toString(),
            "--access-log",
            "app-1=" + local,
            "--access-log-zone",
            "Europe/Berlin",
            "--format",
            "json");
    assertThat(r.err()).contains(local + ":1: local times from").contains("come twice");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(deletes(JSON.readTree(r.out())))
        .extracting(AccessMatchingTest::matched)
        .containsExactly("/first by host and time", "/second by host and time");
  }

  @Test
  void aClockStepBackBeyondTheReorderWindowIsSortedWithOneWarning() throws Exception {
    Path log = dir.resolve("app-1");
    int before = Reordered.WINDOW + 100;
    try (AuditLogWriter w =
        AuditLogWriter.open(log, WriterOptions.defaults().withDurability(Durability.ASYNC))) {
      for (int n = 0; n < before; n++) {
        w.append(delete(T0.plusSeconds(n), "app-1", "tx" + n, Map.of()));
      }
      // the host's clock is set back an hour
      for (int n = 0; n < 3; n++) {
        w.append(
            delete(
                T0.plusSeconds(before + n).minus(Duration.ofHours(1)), "app-1", "s" + n, Map.of()));
      }
    }
    CliRun r = CliRun.run("audit", "timeline", log.toString(), "--format", "json");
    assertThat(r.exit()).isZero();
    assertThat(r.err().lines()).hasSize(1);
    Instant stepped = T0.plusSeconds(before).minus(Duration.ofHours(1));
    assertThat(r.err())
        .contains("time goes back", "(to " + stepped + ", after ", "a clock step?", log + " seq ")
        .contains("The log is sorted by time");
    // every entry in time order: the three records after the step come first
    List<Instant> times = new ArrayList<>();
    List<String> txs = new ArrayList<>();
    for (JsonNode e : JSON.readTree(r.out())) {
      times.add(java.time.OffsetDateTime.parse(e.get("time").asText()).toInstant());
      if (e.has("tx")) {
        txs.add(e.get("tx").asText());
      }
    }
    assertThat(times).isSorted();
    assertThat(txs).hasSize(before + 3).startsWith("s0", "s1", "s2", "tx0");
  }

  @Test
  void aClockStepBackIsSortedAcrossRunsInTemporaryFiles() throws Exception {
    Path log = dir.resolve("app-1");
    int before = SortedLog.RUN + 500;
    try (AuditLogWriter w =
        AuditLogWriter.open(log, WriterOptions.defaults().withDurability(Durability.ASYNC))) {
      for (int n = 0; n < before; n++) {
        w.append(delete(T0.plusMillis(n), "app-1", "tx" + n, Map.of()));
      }
      // set back by an hour, for more records than one run holds
      for (int n = 0; n < SortedLog.RUN; n++) {
        w.append(delete(T0.plusMillis(n).minus(Duration.ofHours(1)), "app-1", "s" + n, Map.of()));
      }
    }
    CliRun r =
        CliRun.run("audit", "timeline", log.toString(), "--format", "json", "--kind", "delete");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err().lines()).singleElement().asString().contains("The log is sorted by time");
    List<Instant> times = new ArrayList<>();
    for (JsonNode e : JSON.readTree(r.out())) {
      times.add(java.time.OffsetDateTime.parse(e.get("time").asText()).toInstant());
    }
    assertThat(times).hasSize(before + SortedLog.RUN).isSorted();
    assertThat(times.get(0)).isEqualTo(T0.minus(Duration.ofHours(1)));
  }

  @Test
  void aOneSecondAccessLineComesAfterTheDeletesOfItsSecond() throws Exception {
    // The demo's order: the sync's deletes and commit at 13:00:00.3, its POST and the GET that ran
    // after it logged at 13:00:00 (nginx has whole seconds): the requests ended after the deletes.
    Path a =
        log(
            "app-1",
            delete(T0.plusMillis(300), "app-1", "a1", Map.of("requestId", "sync-1")),
            commit(T0.plusMillis(350), "app-1", "a1"));
    Path nginx =
        access(
            "access.log",
            combined(T0, "POST /admin/tenants/sync", 200) + " \"sync-1\"",
            combined(T0, "GET /admin/tenants/count", 200) + " \"count-2\"");
    JsonNode entries =
        json(
            CliRun.run(
                "audit",
                "timeline",
                a.toString(),
                "--access-log",
                "app-1=" + nginx,
                "--format",
                "json"));
    List<String> order = new ArrayList<>();
    entries.forEach(
        e ->
            order.add(
                e.get("kind").asText()
                    + (e.get("kind").asText().equals("http")
                        ? " " + e.get("request").get("path").asText()
                        : "")));
    assertThat(order)
        .containsExactly(
            "delete", "commit", "http /admin/tenants/sync", "http /admin/tenants/count");
    // shown at the second it was logged
    assertThat(entries.get(2).get("time").asText()).isEqualTo("2026-11-21T13:00:00.000000+00:00");

    CliRun text = CliRun.run("audit", "timeline", a.toString(), "--access-log", "app-1=" + nginx);
    assertThat(text.out()).contains("2026-11-21 13:00:00     +00:00");
  }
}
