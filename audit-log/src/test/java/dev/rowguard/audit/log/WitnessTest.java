package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Heartbeat checkpoints and the witness directory, against the real writer. */
class WitnessTest {

  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path tmp;

  private static LogEntry delete(int i) {
    return LogEntry.of(RecordKind.DELETE, T0.plusMillis(i))
        .put(Fields.DB_SYSTEM, "h2")
        .put(Fields.DB_QUERY_TEXT, "DELETE FROM t")
        .put(Fields.AFFECTED_ROWS, i);
  }

  private static List<String> checkpointLines(Path dir) throws Exception {
    try (LogReader r = LogReader.open(dir)) {
      List<String> out = new java.util.ArrayList<>();
      for (LogLine l = r.next(); l != null; l = r.next()) {
        if (l.record() != null && l.record().kind() == RecordKind.CHECKPOINT) {
          out.add(l.text());
        }
      }
      return out;
    }
  }

  private static long checkpoints(Path dir) throws Exception {
    return checkpointLines(dir).size();
  }

  /** Waits for what the writer is asked to do; a minute means it never will (not a speed test). */
  private static void await(String what, BooleanSupplier c) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  private static BooleanSupplier atLeast(Path dir, long n) {
    return () -> {
      try {
        return checkpoints(dir) >= n;
      } catch (Exception e) {
        return false;
      }
    };
  }

  private WriterOptions options(Path witness) {
    return WriterOptions.defaults()
        .withCheckpoints(5, Duration.ofHours(1))
        .withHeartbeat(Duration.ofMillis(100))
        .withWitness(witness);
  }

  @Test
  void anIdleWriterWritesHeartbeatCheckpointsAndTheWitnessGetsEach() throws Exception {
    Path dir = tmp.resolve("log");
    Path witness = tmp.resolve("witness");
    try (AuditLogWriter w = AuditLogWriter.open(dir, options(witness))) {
      w.append(delete(1));
      // Nothing appended from here on: only the heartbeat writes.
      await("three checkpoints from an idle writer", atLeast(dir, 3));
    }
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
    List<String> witnessed = Files.readAllLines(Witness.file(witness, dir), StandardCharsets.UTF_8);
    assertThat(witnessed).containsExactlyElementsOf(checkpointLines(dir));
    assertThat(Witness.check(dir, LogFiles.list(dir), witness)).isEmpty();
  }

  @Test
  void noHeartbeatWhenSwitchedOff() throws Exception {
    Path dir = tmp.resolve("log");
    try (AuditLogWriter w =
        AuditLogWriter.open(
            dir,
            WriterOptions.defaults()
                .withCheckpoints(1000, Duration.ofHours(1))
                .withHeartbeat(Duration.ZERO))) {
      w.append(delete(1));
      w.flush();
      assertThat(checkpoints(dir)).isZero();
    }
  }

  @Test
  void aCutOffTailIsReportedThroughTheWitness() throws Exception {
    Path dir = tmp.resolve("log");
    Path witness = tmp.resolve("witness");
    try (AuditLogWriter w = AuditLogWriter.open(dir, options(witness))) {
      for (int i = 0; i < 20; i++) {
        w.append(delete(i));
      }
    }
    long lastSeq = LogVerifier.verify(dir, null).lastSeq();
    // Cut the file back to just after the first checkpoint: the rest of the chain is intact, so
    // the log alone has nothing to say.
    Path file = LogFiles.list(dir).get(0);
    String text = Files.readString(file);
    String first = checkpointLines(dir).get(0);
    int cut = text.indexOf(first) + first.length() + 1;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(cut);
    }
    VerificationResult alone = LogVerifier.verify(dir, null);
    assertThat(alone.problems()).isEmpty();
    List<Problem> problems = Witness.check(dir, LogFiles.list(dir), witness);
    assertThat(problems).extracting(Problem::type).containsExactly(Problem.Type.WITNESS_AHEAD);
    assertThat(problems.get(0).seq()).isEqualTo(lastSeq);
    assertThat(problems.get(0).message())
        .contains("ends at seq " + alone.lastSeq())
        .contains("cut off");
  }

  @Test
  void aDeletedNewestFileIsReportedThroughTheWitness() throws Exception {
    Path dir = tmp.resolve("log");
    Path witness = tmp.resolve("witness");
    try (AuditLogWriter w =
        AuditLogWriter.open(
            dir, options(witness).withMaxFileBytes(WriterOptions.MIN_MAX_FILE_BYTES))) {
      for (int i = 0; i < 30; i++) {
        w.append(delete(i));
        w.flush(); // a batch each, so that files rotate
      }
    }
    List<Path> files = LogFiles.list(dir);
    assertThat(files).hasSizeGreaterThan(2);
    Files.delete(files.get(files.size() - 1));
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
    assertThat(Witness.check(dir, LogFiles.list(dir), witness))
        .extracting(Problem::type)
        .containsExactly(Problem.Type.WITNESS_AHEAD);
  }

  @Test
  void aRewrittenTailIsAMismatchAndACopiedLogFindsItsWitnessByContent() throws Exception {
    Path dir = tmp.resolve("log");
    Path witness = tmp.resolve("witness");
    try (AuditLogWriter w = AuditLogWriter.open(dir, options(witness))) {
      for (int i = 0; i < 12; i++) {
        w.append(delete(i));
      }
    }
    // A copy for a post-mortem elsewhere: the witness file is not named for the copy.
    Path copy = tmp.resolve("copy");
    Files.createDirectories(copy);
    for (Path f : LogFiles.list(dir)) {
      Files.copy(f, copy.resolve(f.getFileName()));
    }
    assertThat(Witness.check(copy, LogFiles.list(copy), witness)).isEmpty();
    // Cut the copy after the first checkpoint and let a writer continue it: the chain is intact
    // again, but the second checkpoint's seq now holds other bytes.
    Path file = LogFiles.list(copy).get(0);
    String first = checkpointLines(copy).get(0);
    String text = Files.readString(file);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(text.indexOf(first) + first.length() + 1);
    }
    try (AuditLogWriter w =
        AuditLogWriter.open(
            copy, WriterOptions.defaults().withCheckpoints(5, Duration.ofHours(1)))) {
      for (int i = 0; i < 12; i++) {
        w.append(delete(100 + i));
      }
    }
    assertThat(LogVerifier.verify(copy, null).problems()).isEmpty();
    assertThat(Witness.check(copy, LogFiles.list(copy), witness))
        .extracting(Problem::type)
        .contains(Problem.Type.WITNESS_MISMATCH);
  }

  @Test
  void aLogWithoutWitnessFileIsANote() throws Exception {
    Path dir = tmp.resolve("log");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      w.append(delete(1));
    }
    Files.createDirectories(tmp.resolve("empty"));
    List<Problem> p = Witness.check(dir, LogFiles.list(dir), tmp.resolve("empty"));
    assertThat(p).extracting(Problem::type).containsExactly(Problem.Type.NO_WITNESS);
    assertThat(p.get(0).type().tampering()).isFalse();
  }
}
