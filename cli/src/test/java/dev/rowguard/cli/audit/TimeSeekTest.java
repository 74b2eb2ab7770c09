package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogEntry;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.audit.log.WriterOptions;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code timeline --from/--to} reads only the part of a rotated log around the window. */
class TimeSeekTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
  private static final int RECORDS = 3000;

  @TempDir Path dir;
  private Path log;

  /** The writer's clock (checkpoints, file opens): the time of the record being written. */
  private static final class LogTime extends Clock {
    volatile Instant now = T0;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** One delete a second, each committed 5 ms later, in files of about 1 MiB. */
  @BeforeEach
  void write() throws Exception {
    log = dir.resolve("app-1");
    LogTime clock = new LogTime();
    WriterOptions options =
        WriterOptions.defaults()
            .withDurability(Durability.ASYNC)
            .withMaxFileBytes(1024 * 1024)
            .withClock(clock);
    try (AuditLogWriter w = AuditLogWriter.open(log, options)) {
      for (int n = 0; n < RECORDS; n++) {
        Instant t = T0.plusSeconds(n);
        clock.now = t;
        w.append(IncidentLogs.statement(t, "app-1", "tx" + n, "orders", 100 + n, Map.of()));
        w.append(
            LogEntry.of(RecordKind.COMMIT, t.plusMillis(5))
                .put(Fields.TX, "tx" + n)
                .put(Fields.AFFECTED_ROWS, 100 + n)
                .put(Fields.HOST, "app-1")
                .put(Fields.PID, 7));
        if (n % 100 == 99) {
          w.flush(); // a batch is written to one file: rotate every 100 records or so
        }
      }
    }
  }

  @Test
  void aWindowOfTheLogIsFoundWithoutReadingWhatIsBefore() throws Exception {
    List<Path> files = LogFiles.list(log);
    assertThat(files).hasSizeGreaterThan(2);
    TimeSeek seek = TimeSeek.of(files, T0.plusSeconds(2100));
    assertThat(seek.files().size()).isLessThan(files.size());
    assertThat(seek.offset()).isPositive();
    // and what it skips is before the time: the first record read is before it, the window in it
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            log.toString(),
            "--from",
            T0.plusSeconds(2100).toString(),
            "--to",
            T0.plusSeconds(2110).toString(),
            "--format",
            "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<Long> rows = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    JSON.readTree(r.out())
        .forEach(
            e -> {
              if (e.get("kind").asText().equals("delete")) {
                rows.add(e.get("rows").asLong());
                outcomes.add(e.get("outcome").asText());
              }
            });
    List<Long> expected = new ArrayList<>();
    for (int n = 2100; n <= 2110; n++) {
      expected.add(100L + n);
    }
    assertThat(rows).isEqualTo(expected);
    assertThat(outcomes).containsOnly("committed");
  }

  @Test
  void aBadLineAfterTheSkippedPartIsNamedByItsLineInTheFile() throws Exception {
    // the middle of the second file: reading starts inside that file, so its line numbers count
    // the lines before the start
    Path file = LogFiles.list(log).get(1);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int bad = lines.size() / 2;
    Instant from = Instant.parse(JSON.readTree(lines.get(bad)).get("ts").asText());
    TimeSeek seek = TimeSeek.of(LogFiles.list(log), from.minus(Timeline.LOOK_BACK));
    assertThat(seek.files().get(0)).isEqualTo(file);
    assertThat(seek.offset()).isPositive();
    lines.set(bad, "this line was edited");
    Files.write(file, lines);
    CliRun r = CliRun.run("audit", "timeline", log.toString(), "--from", from.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(file + ":" + (bad + 1) + ": not an audit record");
  }

  @Test
  void readingStopsAfterToWithTheOutcomesOfWhatIsShown() throws Exception {
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            log.toString(),
            "--to",
            T0.plusSeconds(3).toString(),
            "--format",
            "json");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> kinds = new ArrayList<>();
    List<String> outcomes = new ArrayList<>();
    JSON.readTree(r.out())
        .forEach(
            e -> {
              kinds.add(e.get("kind").asText());
              outcomes.add(e.get("outcome").asText());
            });
    // the commit of the last delete is after --to: read, not shown
    assertThat(kinds)
        .containsExactly("delete", "commit", "delete", "commit", "delete", "commit", "delete");
    assertThat(outcomes).containsOnly("committed");
  }
}
