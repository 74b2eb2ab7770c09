package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gives exit 2 and one line naming what is wrong (file and line where there is one),
 * never a stack trace.
 */
class AuditBadInputTest {

  @TempDir Path dir;

  private CliRun fails(String... args) {
    CliRun r = CliRun.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    return r;
  }

  private Path log() throws Exception {
    return IncidentLogs.host(dir, "app-1", Instant.parse("2026-11-21T13:00:00Z"));
  }

  @Test
  void anUnexpectedFailureIsOneLineAndExitTwoNotAStackTrace() throws Exception {
    // A window this large overflows java.time deep inside the matcher: no command anticipates it.
    Path access =
        Files.write(
            dir.resolve("access.log"),
            List.of(
                IncidentLogs.accessLine(
                    "10.0.0.7",
                    Instant.parse("2026-11-21T13:00:01Z"),
                    "GET /health",
                    200,
                    "req-9")));
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            log().toString(),
            "--access-log",
            access.toString(),
            "--match-window",
            String.valueOf(Long.MAX_VALUE));
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("rowguard audit timeline: ").doesNotContain("\tat ");
  }

  @Test
  void missingFile() {
    for (String cmd : List.of("verify", "timeline", "stats")) {
      assertThat(fails("audit", cmd, dir.resolve("nope").toString()).err())
          .contains("nope does not exist");
    }
  }

  @Test
  void directoryWithoutLogAndFileThatIsNotALog() throws Exception {
    assertThat(fails("audit", "timeline", dir.toString()).err())
        .contains("holds no audit-NNNNNN.jsonl files");
    Path other = Files.writeString(dir.resolve("notes.txt"), "hello\n");
    assertThat(fails("audit", "verify", other.toString()).err())
        .contains("is not an audit log file");
    Path fake = dir.resolve("fake");
    Files.createDirectories(fake);
    Files.writeString(fake.resolve("audit-000001.jsonl"), "hello\nworld\n");
    assertThat(fails("audit", "timeline", fake.toString()).err())
        .contains("audit-000001.jsonl:1")
        .contains("is not an audit log");
  }

  @Test
  void corruptLineNamesFileAndLine() throws Exception {
    Path log = log();
    Path file = LogFiles.list(log).get(0);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(1, "garbage that is not json");
    Files.write(file, lines);
    assertThat(fails("audit", "timeline", log.toString()).err())
        .contains(file + ":2: not an audit record");
    assertThat(fails("audit", "stats", log.toString()).err()).contains(file + ":2");
  }

  @Test
  void badOptions() throws Exception {
    String log = log().toString();
    assertThat(fails("audit", "timeline", log, "--zone", "Mars/Olympus").err())
        .contains("unknown zone 'Mars/Olympus'");
    assertThat(
            fails(
                    "audit",
                    "timeline",
                    log,
                    "--from",
                    "2026-11-21T14:00Z",
                    "--to",
                    "2026-11-21T13:00Z")
                .err())
        .contains("--from 2026-11-21T14:00Z is after --to");
    assertThat(fails("audit", "timeline", log, "--from", "2026-11-21T14:00").err())
        .contains("has no offset")
        .contains("--zone");
    assertThat(fails("audit", "timeline", log, "--from", "yesterday").err())
        .contains("not an ISO-8601 time");
    assertThat(fails("audit", "timeline", log, "--format", "pdf").err())
        .contains("'pdf' is not a format; use one of text, json, html, timesketch");
    assertThat(
            fails("audit", "timeline", log, "--access-log", dir.resolve("none.log").toString())
                .err())
        .contains("none.log");
    assertThat(fails("audit", "timeline", log, "--allowed-hours", "9-5").err())
        .contains("HH:MM-HH:MM");
    assertThat(
            fails("audit", "verify", log, "--public-key", dir.resolve("key.pem").toString()).err())
        .contains("key.pem does not exist");
    assertThat(fails("audit", "timeline", log, "--no-such-option").err())
        .contains("--no-such-option");
  }

  @Test
  void badAccessLogLine() throws Exception {
    Path access = Files.writeString(dir.resolve("access.log"), "this is not combined format\n");
    assertThat(
            fails("audit", "timeline", log().toString(), "--access-log", access.toString()).err())
        .contains(access + ":1: not an access log line in combined format");
  }
}
