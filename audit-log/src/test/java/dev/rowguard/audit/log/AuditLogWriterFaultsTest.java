package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files and directories that change under a running writer (issue 12). */
class AuditLogWriterFaultsTest {

  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path tmp;

  private static LogEntry delete(int i) {
    return LogEntry.of(RecordKind.DELETE, T0.plusMillis(i))
        .put(Fields.DB_SYSTEM, "h2")
        .put(Fields.DB_QUERY_TEXT, "DELETE FROM t WHERE id = " + i)
        .put(Fields.AFFECTED_ROWS, 1)
        .put(Fields.CONTEXT, Map.of());
  }

  private static long count(Path dir, RecordKind kind) throws Exception {
    return LogVerifier.verify(dir, null).recordsByKind().getOrDefault(kind.wireName(), 0L);
  }

  @Test
  void aDeletedNewestFileIsReCreatedWithALogGapThatVerifyReports() throws Exception {
    Path dir = tmp.resolve("log");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      for (int i = 0; i < 5; i++) {
        w.append(delete(i));
      }
      Path newest;
      try (Stream<Path> s = Files.list(dir)) {
        newest =
            s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                .sorted()
                .reduce((a, b) -> b)
                .orElseThrow();
      }
      Files.delete(newest);
      for (int i = 5; i < 8; i++) {
        w.append(delete(i));
      }
    }
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).extracting(Problem::type).contains(Problem.Type.LOG_GAP);
    assertThat(r.problems())
        .allMatch(p -> p.type() != Problem.Type.LOG_GAP || p.type().tampering());
    assertThat(count(dir, RecordKind.DELETE)).isEqualTo(3);
    assertThat(count(dir, RecordKind.LOG_GAP)).isEqualTo(1);
  }

  @Test
  void aDeletedDirectoryIsReCreatedWithALogGap() throws Exception {
    Path dir = tmp.resolve("log");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      w.append(delete(0));
      try (Stream<Path> s = Files.list(dir)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
      w.append(delete(1));
      assertThat(w.failure()).isNull();
    }
    assertThat(LogVerifier.verify(dir, null).problems())
        .extracting(Problem::type)
        .contains(Problem.Type.LOG_GAP);
    assertThat(count(dir, RecordKind.DELETE)).isEqualTo(1);
  }

  @Test
  void aDirectoryCreatedThroughASymlinkHasOneLockForBothPaths() throws Exception {
    Path real = Files.createDirectory(tmp.resolve("real"));
    Path link = Files.createSymbolicLink(tmp.resolve("link"), real);
    Path viaLink = link.resolve("log");
    assertThat(AuditLogWriter.lockKey(viaLink)).isEqualTo(real.toRealPath().resolve("log"));
    try (AuditLogWriter first = AuditLogWriter.open(viaLink, WriterOptions.defaults());
        AuditLogWriter second =
            AuditLogWriter.open(real.resolve("log"), WriterOptions.defaults())) {
      for (int i = 0; i < 50; i++) {
        first.append(delete(i));
        second.append(delete(100 + i));
      }
      assertThat(first.failure()).isNull();
      assertThat(second.failure()).isNull();
    }
    assertThat(LogVerifier.verify(viaLink, null).problems()).isEmpty();
    assertThat(count(viaLink, RecordKind.DELETE)).isEqualTo(100);
  }

  @Test
  void theShutdownHookCheckpointsButKeepsRecordingWhileTheApplicationDrains() throws Exception {
    Path dir = tmp.resolve("log");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      w.append(delete(0));
      w.shutdownHook().run(); // as the JVM runs it, concurrently with the application's hooks
      assertThat(count(dir, RecordKind.CHECKPOINT)).isEqualTo(1);
      w.append(delete(1)); // a request still draining after the hook ran
      assertThat(w.failure()).isNull();
      assertThat(count(dir, RecordKind.DELETE)).isEqualTo(2);
    }
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
  }

  @Test
  void aBatchThatFillsTheDiskLeavesNoPhantomRecords() throws Exception {
    Path dir = tmp.resolve("log");
    java.util.concurrent.atomic.AtomicLong budget =
        new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
    try (AuditLogWriter w =
        AuditLogWriter.open(
            dir,
            WriterOptions.defaults(),
            file ->
                new DiskFullChannel(
                    java.nio.channels.FileChannel.open(
                        file,
                        java.nio.file.StandardOpenOption.CREATE,
                        java.nio.file.StandardOpenOption.WRITE,
                        java.nio.file.StandardOpenOption.APPEND),
                    budget))) {
      w.append(delete(0));
      // Room for one record and a half: the second fits, the third is cut inside its line.
      budget.set(
          LogCodec.encode(delete(1), 3, RecordHash.GENESIS, RecordHash.newDigest()).line().length
              * 3L
              / 2);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> {
                w.append(delete(1)); // each append is its own batch: this one fits
                w.append(delete(2)); // refused: the disk is full
              })
          .isInstanceOf(AuditLogException.class);
      assertThat(count(dir, RecordKind.DELETE)).isEqualTo(2);
      budget.set(Long.MAX_VALUE); // space freed: writing works again
      w.append(delete(3));
    }
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).isEmpty();
    assertThat(count(dir, RecordKind.DELETE)).isEqualTo(3);
    assertThat(Files.readString(LogFiles.list(dir).get(0))).doesNotContain("id = 2");
  }

  @Test
  void aLockHeldByAFrozenWriterFailsTheAppendAfterTheTimeoutInsteadOfHanging() throws Exception {
    Path dir = tmp.resolve("log");
    WriterOptions options =
        WriterOptions.defaults().withWriteTimeout(java.time.Duration.ofSeconds(1));
    try (AuditLogWriter w = AuditLogWriter.open(dir, options)) {
      w.append(delete(0));
      try (java.nio.channels.FileChannel other =
              java.nio.channels.FileChannel.open(
                  dir.resolve(LogFiles.LOCK_FILE), java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock held = other.lock()) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> w.append(delete(1)))
            .isInstanceOf(AuditLogException.class)
            .hasMessageContaining("was not released within 1 s");
        assertThat(held.isValid()).isTrue();
      }
      w.append(delete(2)); // the holder let go: writing works again
      assertThat(w.failure()).isNull();
    }
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();
    assertThat(count(dir, RecordKind.DELETE)).isEqualTo(2);
  }
}
