package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A writer that went quiet for longer than its heartbeat schedule while it ran: the real writer on
 * a clock the test moves (no sleeps), a checkpoint after every record, verified from the directory
 * and from the witness.
 */
class HeartbeatGapTest {

  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");
  private static final Duration HEARTBEAT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  private final AtomicReference<Instant> now = new AtomicReference<>(T0);

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private WriterOptions options(Duration heartbeat, Path witness) {
    WriterOptions o =
        WriterOptions.defaults()
            .withCheckpoints(1, Duration.ofHours(1))
            .withHeartbeat(heartbeat)
            .withClock(clock);
    return witness == null ? o : o.withWitness(witness);
  }

  /** Records {@code gaps} apart (seconds), each followed by its checkpoint. */
  private Path log(String name, Duration heartbeat, Path witness, long... gaps) throws Exception {
    Path dir = tmp.resolve(name);
    try (AuditLogWriter w = AuditLogWriter.open(dir, options(heartbeat, witness))) {
      w.flush();
      for (long s : gaps) {
        now.set(now.get().plusSeconds(s));
        w.append(
            LogEntry.of(RecordKind.DELETE, w.now())
                .put(Fields.DB_SYSTEM, "h2")
                .put(Fields.DB_QUERY_TEXT, "DELETE FROM t")
                .put(Fields.AFFECTED_ROWS, 500));
        w.flush();
      }
    }
    return dir;
  }

  private static List<Problem> gaps(List<Problem> problems) {
    return problems.stream().filter(p -> p.type() == Problem.Type.HEARTBEAT_GAP).toList();
  }

  @Test
  void theLogOpenRecordsTheSchedule() throws Exception {
    Path dir = log("open", HEARTBEAT, null, 1);
    try (LogReader r = LogReader.open(dir)) {
      LogRecord open = r.next().record();
      assertThat(open.kind()).isEqualTo(RecordKind.LOG_OPEN);
      assertThat(open.number(Fields.HEARTBEAT_INTERVAL_MS)).isEqualTo(HEARTBEAT.toMillis());
    }
  }

  @Test
  void aGapLongerThanTheScheduleWhileTheWriterRanIsReported() throws Exception {
    Path dir = log("gap", HEARTBEAT, null, 30, 60, 300, 30);

    VerificationResult r = LogVerifier.verify(dir, null);

    List<Problem> gaps = gaps(r.problems());
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0).message())
        .contains("(" + T0.plusSeconds(90) + ") and seq")
        .contains("(" + T0.plusSeconds(390) + "), PT5M")
        .contains("at least every PT1M (reported beyond PT1M30S)");
    assertThat(r.intact()).isFalse();
  }

  @Test
  void withinTheToleranceOrWithoutHeartbeatsNothingIsReported() throws Exception {
    Path onTime = log("on-time", HEARTBEAT, null, 30, 60, 90, 60);
    Path off = log("off", Duration.ZERO, null, 30, 600);

    assertThat(LogVerifier.verify(onTime, null).problems()).isEmpty();
    assertThat(LogVerifier.verify(off, null).problems()).isEmpty();
  }

  @Test
  void theWitnessShowsAGapInTheTailTheLogLost() throws Exception {
    Path witness = tmp.resolve("witness");
    Path dir = log("cut", HEARTBEAT, witness, 30, 30, 600, 30);
    // Cut the log back to before the quiet spell: what remains has no gap, and is intact.
    Path file = LogFiles.list(dir).get(0);
    List<String> lines = Files.readAllLines(file);
    List<String> kept = new ArrayList<>();
    for (String l : lines) {
      LogRecord rec = LogRecord.parse(l);
      if (!rec.ts().isAfter(T0.plusSeconds(60))) {
        kept.add(l);
      }
    }
    Files.write(file, kept);
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();

    List<Problem> found = Witness.check(dir, LogFiles.list(dir), witness);

    assertThat(found).extracting(Problem::type).contains(Problem.Type.WITNESS_AHEAD);
    List<Problem> gaps = gaps(found);
    assertThat(gaps).hasSize(1);
    assertThat(gaps.get(0).message())
        .contains("(" + T0.plusSeconds(60) + ") and seq")
        .contains("PT10M")
        .endsWith("(seen in the witness)");
  }
}
