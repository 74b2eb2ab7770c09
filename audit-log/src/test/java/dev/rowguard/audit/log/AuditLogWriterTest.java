package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogWriterTest {

  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path dir;

  private static LogEntry delete(int i) {
    return LogEntry.of(RecordKind.DELETE, T0.plusMillis(i))
        .put(Fields.DB_SYSTEM, "h2")
        .put(Fields.DB_QUERY_TEXT, "DELETE FROM t WHERE a = ? -- \"quoted\" \u00e9\n" + i)
        .put(Fields.AFFECTED_ROWS, i)
        .put(Fields.CONTEXT, Map.of("tenant", "acme", "user", "bob"));
  }

  @Test
  void writesAChainThatVerifies() throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      for (int i = 0; i < 10; i++) {
        w.append(delete(i));
      }
    }
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.firstSeq()).isEqualTo(1);
    assertThat(r.recordsByKind())
        .containsEntry("delete", 10L)
        .containsEntry("log_open", 1L)
        .containsEntry("checkpoint", 1L);
    List<LogRecord> records = LogReader.records(dir);
    LogRecord first = records.get(1);
    assertThat(first.kind()).isEqualTo(RecordKind.DELETE);
    assertThat(first.context()).containsEntry("tenant", "acme");
    assertThat(first.string(Fields.DB_QUERY_TEXT))
        .startsWith("DELETE FROM t WHERE a = ? -- \"quoted\" \u00e9\n");
    assertThat(first.ts()).isNotNull();
    String line = Files.readAllLines(LogFiles.list(dir).get(0)).get(1);
    assertThat(line)
        .startsWith("{\"seq\":2,\"ts\":\"")
        .contains("\"context\":{\"tenant\":\"acme\",\"user\":\"bob\"}");
    assertThat(line).matches(".*\"ts\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z\".*");
  }

  @Test
  void detectsAnEditedRecord() throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      for (int i = 0; i < 3; i++) {
        w.append(delete(100 + i));
      }
    }
    Path file = LogFiles.list(dir).get(0);
    Files.writeString(
        file,
        Files.readString(file)
            .replace("\"db.response.affected_rows\":101", "\"db.response.affected_rows\":1"));
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).isFalse();
    assertThat(r.problems()).extracting(Problem::type).containsExactly(Problem.Type.HASH_MISMATCH);
  }

  @Test
  void detectsADeletedRecord() throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      for (int i = 0; i < 3; i++) {
        w.append(delete(i));
      }
    }
    Path file = LogFiles.list(dir).get(0);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    lines.remove(2);
    Files.write(file, lines);
    assertThat(LogVerifier.verify(dir, null).problems())
        .extracting(Problem::type)
        .containsExactly(Problem.Type.DELETED_RECORDS);
  }

  @Test
  void tornLastLineIsACrashNotTampering() throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      w.append(delete(1));
    }
    Path file = LogFiles.list(dir).get(0);
    Files.writeString(file, "{\"seq\":4,\"ts\":\"2026-", StandardOpenOption.APPEND);
    VerificationResult torn = LogVerifier.verify(dir, null);
    assertThat(torn.intact()).isTrue();
    assertThat(torn.problems()).extracting(Problem::type).containsExactly(Problem.Type.TORN_LINE);

    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      w.append(delete(2));
    }
    VerificationResult continued = LogVerifier.verify(dir, null);
    assertThat(continued.intact()).isTrue();
    assertThat(continued.problems())
        .extracting(Problem::type)
        .containsExactly(Problem.Type.TORN_LINE);
    assertThat(continued.lastSeq()).isEqualTo(6);
  }

  @Test
  void chainContinuesAcrossRotatedFilesAndDetectsAMissingFile() throws Exception {
    try (AuditLogWriter w =
        AuditLogWriter.open(dir, WriterOptions.defaults().withMaxFileBytes(2048))) {
      for (int i = 0; i < 40; i++) {
        w.append(delete(i));
      }
    }
    List<Path> files = LogFiles.list(dir);
    assertThat(files).hasSizeGreaterThan(3);
    assertThat(LogVerifier.verify(dir, null).problems()).isEmpty();

    Files.delete(files.get(1));
    assertThat(LogVerifier.verify(dir, null).problems())
        .extracting(Problem::type)
        .containsExactly(Problem.Type.MISSING_FILE);
    Files.delete(files.get(0));
    assertThat(LogVerifier.verify(dir, null).problems())
        .extracting(Problem::type)
        .containsExactly(Problem.Type.MISSING_FILE);
  }

  @Test
  void signsCheckpoints() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    CheckpointKeys.write(
        keys, dir.resolve("../signing.pem").normalize(), dir.resolve("../public.pem").normalize());
    KeyPair read = CheckpointKeys.readSigningKey(dir.resolve("../signing.pem").normalize());
    Path log = dir.resolve("log");
    try (AuditLogWriter w =
        AuditLogWriter.open(
            log,
            WriterOptions.defaults()
                .withSigningKey(read)
                .withCheckpoints(5, Duration.ofSeconds(60)))) {
      for (int i = 0; i < 12; i++) {
        w.append(delete(i));
      }
    }
    VerificationResult r =
        LogVerifier.verify(
            log, CheckpointKeys.readPublicKey(dir.resolve("../public.pem").normalize()));
    assertThat(r.problems()).isEmpty();
    assertThat(r.verifiedSignatures()).isEqualTo(3);
    assertThat(r.recordsAfterLastVerifiedCheckpoint()).isZero();

    VerificationResult otherKey = LogVerifier.verify(log, CheckpointKeys.generate().getPublic());
    assertThat(otherKey.problems())
        .extracting(Problem::type)
        .containsOnly(Problem.Type.UNSIGNED_CHECKPOINT, Problem.Type.NO_VERIFIED_CHECKPOINT);
    assertThat(otherKey.intact()).isFalse();
  }

  @Test
  void checkpointsAfterTheIntervalWithoutWaitingForMoreRecords() throws Exception {
    try (AuditLogWriter w =
        AuditLogWriter.open(
            dir, WriterOptions.defaults().withCheckpoints(1000, Duration.ofMillis(200)))) {
      w.append(delete(1));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (LogVerifier.verify(dir, null).checkpoints() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(50);
      }
      assertThat(LogVerifier.verify(dir, null).recordsByKind()).containsEntry("checkpoint", 1L);
    }
  }

  @Test
  void twoWritersOnOneDirectoryShareOneChain() throws Exception {
    try (AuditLogWriter a = AuditLogWriter.open(dir, WriterOptions.defaults());
        AuditLogWriter b =
            AuditLogWriter.open(dir, WriterOptions.defaults().withMaxFileBytes(4096))) {
      Thread ta = new Thread(() -> appendMany(a, 200));
      Thread tb = new Thread(() -> appendMany(b, 200));
      ta.start();
      tb.start();
      ta.join();
      tb.join();
    }
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.recordsByKind()).containsEntry("delete", 400L).containsEntry("log_open", 2L);
  }

  @Test
  void aDirectoryThatCannotBeCreatedSaysWhyAndWhatToDo() throws Exception {
    // /proc refuses mkdir with ENOENT although its parent exists; the message once ended in the
    // path.
    try (AuditLogWriter w =
        AuditLogWriter.open(
            Path.of("/proc/rowguard-" + ProcessHandle.current().pid()), WriterOptions.defaults())) {
      assertThat(w.failure()).isNotNull();
      assertThat(w.failure().getMessage())
          .startsWith("cannot write the audit log in /proc/rowguard-")
          .contains("cannot be created there")
          .endsWith("set rowguard.audit.directory to a directory on a writable disk")
          .doesNotContain("\n");
    }
  }

  @Test
  void unwritableDirectoryIsReportedInOneLine() throws Exception {
    Path notADir = dir.resolve("file");
    Files.writeString(notADir, "x", StandardCharsets.UTF_8);
    AuditLogWriter w = AuditLogWriter.open(notADir.resolve("log"), WriterOptions.defaults());
    {
      assertThat(w.failure()).isNotNull();
      assertThat(w.failure().getMessage())
          .startsWith("cannot write the audit log in ")
          .doesNotContain("\n");
      org.assertj.core.api.Assertions.assertThatThrownBy(w::checkWritable)
          .isInstanceOf(AuditLogException.class);
      assertThat(w.failure().getMessage()).contains("is not a directory");
      // Nothing was accepted, so there is nothing to flush: closing does not fail.
      w.close();
    }
  }

  @Test
  void detectsAForgedCheckpointAndAnInsertedLine() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    try (AuditLogWriter w =
        AuditLogWriter.open(dir, WriterOptions.defaults().withSigningKey(keys))) {
      w.append(delete(1));
    }
    Path file = LogFiles.list(dir).get(0);
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(file));
    String checkpoint = lines.get(2);
    String sig = new LogRecordView(checkpoint).signature();
    // Re-signing with another key and re-hashing keeps the chain valid but not the signature.
    String forgedSig =
        CheckpointSignature.sign(
            CheckpointKeys.generate().getPrivate(), 3, LogRecord.parse(checkpoint).prevHash());
    String body = checkpoint.substring(0, checkpoint.length() - 75).replace(sig, forgedSig);
    lines.set(2, body + ",\"hash\":\"" + RecordHash.ofBody(RecordHash.newDigest(), body) + "\"}");
    lines.add(1, "{\"note\":\"inserted\"}");
    Files.write(file, lines);
    VerificationResult r = LogVerifier.verify(dir, keys.getPublic());
    // A whole foreign line is not a crash artefact, even where the chain runs on past it.
    assertThat(r.problems())
        .extracting(Problem::type)
        .containsExactly(
            Problem.Type.CORRUPT_LINE,
            Problem.Type.BAD_SIGNATURE,
            Problem.Type.NO_VERIFIED_CHECKPOINT);
    // A record cut short where the chain runs on past it is a crash artefact.
    lines.set(1, "{\"seq\":2,\"ts\":\"2026-11");
    Files.write(file, lines);
    assertThat(LogVerifier.verify(dir, keys.getPublic()).problems())
        .extracting(Problem::type)
        .containsExactly(
            Problem.Type.TORN_LINE,
            Problem.Type.BAD_SIGNATURE,
            Problem.Type.NO_VERIFIED_CHECKPOINT);
  }

  @Test
  void asyncRecordsAreOnDiskAfterClose() throws Exception {
    try (AuditLogWriter w =
        AuditLogWriter.open(dir, WriterOptions.defaults().withDurability(Durability.ASYNC))) {
      for (int i = 0; i < 500; i++) {
        w.append(delete(i));
      }
    }
    assertThat(LogVerifier.verify(dir, null).recordsByKind()).containsEntry("delete", 500L);
  }

  /** Issue 12: every file after the first starts with a rotate record naming the one before. */
  @Test
  void everyRotatedFileStartsWithItsRotationMarker() throws Exception {
    try (AuditLogWriter w =
        AuditLogWriter.open(dir, WriterOptions.defaults().withMaxFileBytes(2048))) {
      appendMany(w, 40);
    }
    List<Path> files = LogFiles.list(dir);
    assertThat(files).hasSizeGreaterThan(2);
    assertThat(LogReader.records(dir).get(0).number(Fields.LOG_ROTATION_MARKERS)).isEqualTo(1L);
    for (int i = 0; i < files.size(); i++) {
      LogRecord first = LogRecord.parse(Files.readAllLines(files.get(i)).get(0));
      if (i == 0) {
        assertThat(first.kind()).isEqualTo(RecordKind.LOG_OPEN);
      } else {
        List<String> before = Files.readAllLines(files.get(i - 1));
        LogRecord last = LogRecord.parse(before.get(before.size() - 1));
        assertThat(first.kind()).isEqualTo(RecordKind.ROTATE);
        assertThat(first.string(Fields.ROTATE_PREVIOUS_FILE))
            .isEqualTo(files.get(i - 1).getFileName().toString());
        assertThat(first.seq()).isEqualTo(last.seq() + 1);
        assertThat(first.prevHash()).isEqualTo(last.hash());
      }
    }
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.recordsByKind())
        .containsEntry("delete", 40L)
        .containsEntry("rotate", files.size() - 1L);
  }

  /**
   * A crash right after the writer created the next file (empty, or with a torn first line): the
   * next writer still starts that file with its rotation marker.
   */
  @Test
  void aFileACrashLeftWithoutARecordStillGetsItsRotationMarker() throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      appendMany(w, 3);
    }
    List<String> first = Files.readAllLines(LogFiles.file(dir, 1));
    long next = LogCodec.seqOf(first.get(first.size() - 1)) + 1;
    Files.writeString(LogFiles.file(dir, 2), "{\"seq\":" + next + ",\"ts\":\"2026-");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      appendMany(w, 2);
    }
    List<String> second = Files.readAllLines(LogFiles.file(dir, 2));
    LogRecord marker = LogRecord.parse(second.get(1));
    assertThat(marker.kind()).isEqualTo(RecordKind.ROTATE);
    assertThat(marker.seq()).isEqualTo(next);
    assertThat(marker.string(Fields.ROTATE_PREVIOUS_FILE)).isEqualTo("audit-000001.jsonl");
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).isTrue();
    assertThat(r.problems()).extracting(Problem::type).containsExactly(Problem.Type.TORN_LINE);

    Files.writeString(LogFiles.file(dir, 3), "");
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      appendMany(w, 1);
    }
    LogRecord third = LogRecord.parse(Files.readAllLines(LogFiles.file(dir, 3)).get(0));
    assertThat(third.kind()).isEqualTo(RecordKind.ROTATE);
    assertThat(third.string(Fields.ROTATE_PREVIOUS_FILE)).isEqualTo("audit-000002.jsonl");
    assertThat(LogVerifier.verify(dir, null).intact()).isTrue();
  }

  /** Reads the signature member of a checkpoint line. */
  private record LogRecordView(String line) {
    String signature() {
      return LogRecord.parse(line).string(Fields.CHECKPOINT_SIGNATURE);
    }
  }

  private static void appendMany(AuditLogWriter w, int n) {
    try {
      for (int i = 0; i < n; i++) {
        w.append(delete(i));
      }
    } catch (AuditLogException e) {
      throw new AssertionError(e);
    }
  }
}
