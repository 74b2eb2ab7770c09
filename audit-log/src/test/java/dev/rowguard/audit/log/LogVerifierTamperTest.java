package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logs written by the real writer, then tampered with: each break is named, at the right line. */
class LogVerifierTamperTest {

  private static final java.time.Instant T0 = java.time.Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path dir;

  private List<String> writeLog(int deletes, WriterOptions options) throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, options)) {
      for (int i = 1; i <= deletes; i++) {
        w.append(
            LogEntry.of(RecordKind.DELETE, T0.plusMillis(i))
                .put(Fields.DB_COLLECTION, "customer")
                .put(Fields.AFFECTED_ROWS, i * 10L));
      }
    }
    return Files.readAllLines(file());
  }

  private Path file() throws Exception {
    return LogFiles.list(dir).get(0);
  }

  private Problem onlyBreak() throws Exception {
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).isFalse();
    assertThat(r.problems()).hasSize(1);
    return r.problems().get(0);
  }

  /** Replaces the line's content and recomputes its hash, as a careful forger would. */
  private static String rehash(String line, String from, String to) {
    String edited = line.replace(from, to);
    String body = edited.substring(0, edited.length() - ChainLink.HASH_SUFFIX);
    MessageDigest d = RecordHash.newDigest();
    return body + LogCodec.HASH_MEMBER + RecordHash.ofBody(d, body) + "\"}";
  }

  @Test
  void intactLogHasNoProblem() throws Exception {
    writeLog(20, WriterOptions.defaults());
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems()).isEmpty();
    assertThat(r.lastSeq()).isEqualTo(22);
    assertThat(r.bytes()).isEqualTo(Files.size(file()));
  }

  @Test
  void editedRecord() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    lines.set(
        4,
        lines
            .get(4)
            .replace("\"db.response.affected_rows\":40", "\"db.response.affected_rows\":4"));
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("edited record");
    assertThat(p.where()).endsWith("audit-000001.jsonl:5");
    assertThat(p.seq()).isEqualTo(5);
  }

  @Test
  void editedRecordWithRecomputedHash() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    lines.set(
        4,
        rehash(
            lines.get(4), "\"db.response.affected_rows\":40", "\"db.response.affected_rows\":4"));
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.REHASHED_RECORD);
    assertThat(p.type().label()).isEqualTo("edited record");
    assertThat(p.where()).endsWith(":5");
  }

  @Test
  void editedRecordThatNoLongerParses() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    lines.set(4, lines.get(4).substring(0, 40) + "garbage");
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("edited record");
    assertThat(p.where()).endsWith(":5");
  }

  @Test
  void deletedRecord() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    lines.remove(4);
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("deleted record");
    assertThat(p.where()).endsWith(":5");
    assertThat(p.message()).startsWith("seq 5 deleted");
  }

  @Test
  void insertedRecord() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    lines.add(
        4,
        rehash(
            lines.get(3), "\"db.response.affected_rows\":30", "\"db.response.affected_rows\":3"));
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("inserted record");
    assertThat(p.where()).endsWith(":5");
  }

  @Test
  void insertedRecordWithTheNextSeqAndAValidLink() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    lines.add(
        4,
        rehash(
            lines.get(4), "\"db.response.affected_rows\":40", "\"db.response.affected_rows\":4"));
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("inserted record");
    assertThat(p.where()).endsWith(":5");
  }

  @Test
  void reorderedRecords() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    Collections.swap(lines, 4, 5);
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("reordered records");
    assertThat(p.where()).endsWith(":5");
    assertThat(p.message()).startsWith("records seq 5..6 are out of order");
  }

  /** Issue 12: file 2 starts with its rotation marker, so the records went from file 1's end. */
  @Test
  void theEndOfARotatedFileCutIsNamedAsSuch() throws Exception {
    writeLog(60, WriterOptions.defaults().withMaxFileBytes(2048));
    List<Path> files = LogFiles.list(dir);
    List<String> first = new ArrayList<>(Files.readAllLines(files.get(0)));
    List<String> second = Files.readAllLines(files.get(1));
    assertThat(LogRecord.parse(second.get(0)).kind()).isEqualTo(RecordKind.ROTATE);
    assertThat(LogRecord.parse(second.get(0)).string(Fields.ROTATE_PREVIOUS_FILE))
        .isEqualTo("audit-000001.jsonl");
    long lastOfFirst = LogCodec.seqOf(first.get(first.size() - 1));
    int kept = first.size() - 2;
    Files.write(files.get(0), first.subList(0, kept));
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.TRUNCATED_TAIL);
    assertThat(p.type().label()).isEqualTo("records missing at a file boundary");
    assertThat(p.where()).endsWith("audit-000001.jsonl:" + kept);
    assertThat(p.message())
        .startsWith("the end of audit-000001.jsonl was cut after seq " + (lastOfFirst - 2))
        .contains("seq " + (lastOfFirst - 1) + ".." + lastOfFirst + " missing")
        .contains("audit-000002.jsonl starts with its rotation marker")
        .doesNotContain("cannot tell");
  }

  /** Issue 12: no longer "a truncated tail of file 1": file 2 lost its rotation marker. */
  @Test
  void aDeletedFirstLineOfTheSecondFileIsNamedAsSuch() throws Exception {
    writeLog(60, WriterOptions.defaults().withMaxFileBytes(2048));
    List<Path> files = LogFiles.list(dir);
    List<String> second = new ArrayList<>(Files.readAllLines(files.get(1)));
    long firstSeq = LogCodec.seqOf(second.remove(0));
    long secondSeq = LogCodec.seqOf(second.remove(0));
    Files.write(files.get(1), second);
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.DELETED_RECORDS);
    assertThat(p.where()).endsWith("audit-000002.jsonl:1");
    assertThat(p.message())
        .startsWith("the first record(s) of audit-000002.jsonl were deleted: seq " + firstSeq)
        .contains(".." + secondSeq + " missing")
        .doesNotContain("audit-000001.jsonl");
  }

  /** A log written before rotation markers: the two tamperings leave the same chain, as before. */
  @Test
  void aLogWithoutRotationMarkersNamesBothFiles() throws Exception {
    MessageDigest d = RecordHash.newDigest();
    List<List<String>> files = List.of(new ArrayList<>(), new ArrayList<>());
    String hash = RecordHash.GENESIS;
    for (int seq = 1; seq <= 10; seq++) {
      LogEntry e =
          seq == 1
              ? LogEntry.of(RecordKind.LOG_OPEN, T0).put(Fields.LOG_FORMAT, 1)
              : LogEntry.of(RecordKind.DELETE, T0.plusMillis(seq)).put(Fields.AFFECTED_ROWS, seq);
      LogCodec.Encoded line = LogCodec.encode(e, seq, hash, d);
      String text = new String(line.line(), java.nio.charset.StandardCharsets.UTF_8);
      files.get(seq <= 5 ? 0 : 1).add(text.substring(0, text.length() - 1));
      hash = line.hash();
    }
    files.get(1).remove(0);
    Files.write(LogFiles.file(dir, 1), files.get(0));
    Files.write(LogFiles.file(dir, 2), files.get(1));
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.TRUNCATED_TAIL);
    assertThat(p.message())
        .startsWith("seq 6 missing between audit-000001.jsonl (ends at seq 5)")
        .contains("the first line(s) of audit-000002.jsonl deleted; the chain cannot tell which");
  }

  @Test
  void swappedFirstTwoRecordsAreReorderedNotAMissingFile() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    Collections.swap(lines, 0, 1);
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.REORDERED_RECORDS);
    assertThat(p.where()).endsWith(":1");
    assertThat(p.message()).startsWith("records seq 1..2 are out of order");
  }

  @Test
  void twoDistantSwappedRecordsAreReordered() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    Collections.swap(lines, 4, 7);
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.REORDERED_RECORDS);
    assertThat(p.message()).startsWith("records seq 5..8 are out of order");
  }

  @Test
  void aFileConvertedToCrlfIsNamedOnceAndItsRecordsStillVerify() throws Exception {
    writeLog(60, WriterOptions.defaults().withMaxFileBytes(2048));
    Path second = LogFiles.list(dir).get(1);
    Files.writeString(second, Files.readString(second).replace("\n", "\r\n"));
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.CRLF_LINE_ENDINGS);
    assertThat(p.where()).endsWith("audit-000002.jsonl:1");
    assertThat(p.message()).startsWith("the file was converted to CRLF line endings");
  }

  @Test
  void aWholeLogConvertedToCrlfIsNotForeign() throws Exception {
    writeLog(10, WriterOptions.defaults());
    Files.writeString(file(), Files.readString(file()).replace("\n", "\r\n"));
    assertThat(onlyBreak().type()).isEqualTo(Problem.Type.CRLF_LINE_ENDINGS);
  }

  /** A crash leaves the start of the record the next writer writes again; nothing else. */
  @Test
  void aForgedPartialLineMidFileIsNotAcceptedAsTorn() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    // After line 5 (seq 5) a crash would leave the start of seq 6, linking to seq 5.
    lines.add(5, "{\"seq\":99,\"ts\":\"2026-11-21T13:00:00.000000Z\",\"kind\":\"delete\",\"db.co");
    Files.write(file(), lines);
    Problem p = onlyBreak();
    assertThat(p.type()).isEqualTo(Problem.Type.CORRUPT_LINE);
    assertThat(p.where()).endsWith(":6");
    assertThat(p.message()).contains("not of the one a crash here would leave (seq 6");
  }

  @Test
  void aPartialLineWithTheRightSeqButAnotherPrevHashIsNotTorn() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    String seq6 = lines.get(5);
    int prev = seq6.indexOf(LogCodec.PREV_HASH_MEMBER) + LogCodec.PREV_HASH_MEMBER.length();
    String forged = seq6.substring(0, prev) + "0".repeat(20);
    lines.add(5, forged);
    Files.write(file(), lines);
    assertThat(onlyBreak().type()).isEqualTo(Problem.Type.CORRUPT_LINE);
    // The same prefix with seq 6's real prev_hash is what a crash leaves.
    lines.set(5, seq6.substring(0, prev + 20));
    Files.write(file(), lines);
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).isTrue();
    assertThat(r.problems()).extracting(Problem::type).containsExactly(Problem.Type.TORN_LINE);
  }

  @Test
  void tornLastLineIsReportedButNotABreak() throws Exception {
    List<String> lines = writeLog(10, WriterOptions.defaults());
    String last = lines.remove(lines.size() - 1);
    Files.writeString(file(), String.join("\n", lines) + "\n" + last.substring(0, 50));
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).isTrue();
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.type().label()).isEqualTo("torn last line");
              assertThat(p.where()).endsWith(":" + (lines.size() + 1));
            });
  }

  @Test
  void missingFileInTheMiddle() throws Exception {
    writeLog(60, WriterOptions.defaults().withMaxFileBytes(2048));
    Files.delete(LogFiles.list(dir).get(2));
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("missing file in the sequence");
    assertThat(p.where()).endsWith("audit-000004.jsonl:1");
  }

  @Test
  void missingFirstFile() throws Exception {
    writeLog(60, WriterOptions.defaults().withMaxFileBytes(2048));
    Files.delete(LogFiles.list(dir).get(0));
    Problem p = onlyBreak();
    assertThat(p.type().label()).isEqualTo("missing file in the sequence");
    assertThat(p.where()).endsWith("audit-000002.jsonl:1");
  }

  @Test
  void badSignature() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    List<String> lines =
        writeLog(
            10,
            WriterOptions.defaults()
                .withSigningKey(keys)
                .withCheckpoints(4, Duration.ofSeconds(60)));
    int checkpoint = 0;
    while (!lines.get(checkpoint).contains("\"kind\":\"checkpoint\"")) {
      checkpoint++;
    }
    String line = lines.get(checkpoint);
    String sig = line.replaceAll(".*\"rowguard.checkpoint.signature\":\"([^\"]+)\".*", "$1");
    String forged = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
    lines.set(checkpoint, rehash(line, sig, forged));
    Files.write(file(), lines);
    VerificationResult r = LogVerifier.verify(dir, keys.getPublic());
    int lineNumber = checkpoint + 1;
    assertThat(r.firstBreak())
        .hasValueSatisfying(
            p -> {
              assertThat(p.type().label()).isEqualTo("bad signature");
              assertThat(p.where()).endsWith(":" + lineNumber);
            });
  }

  private static WriterOptions signedEvery(int records, KeyPair keys) {
    return WriterOptions.defaults()
        .withSigningKey(keys)
        .withCheckpoints(records, Duration.ofSeconds(60));
  }

  private static int firstCheckpoint(List<String> lines) {
    int checkpoint = 0;
    while (!lines.get(checkpoint).contains("\"kind\":\"checkpoint\"")) {
      checkpoint++;
    }
    return checkpoint;
  }

  @Test
  void aChainRewrittenWithoutSignaturesIsBrokenUnderTheKey() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    writeLog(10, WriterOptions.defaults().withCheckpoints(4, Duration.ofSeconds(60)));
    VerificationResult r = LogVerifier.verify(dir, keys.getPublic());
    assertThat(r.intact()).isFalse();
    assertThat(r.firstBreak().orElseThrow().type()).isEqualTo(Problem.Type.UNSIGNED_CHECKPOINT);
    assertThat(r.problems())
        .extracting(Problem::type)
        .contains(Problem.Type.NO_VERIFIED_CHECKPOINT);
  }

  @Test
  void aChainReSignedWithAnotherKeyIsBrokenUnderTheKey() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    writeLog(10, signedEvery(4, CheckpointKeys.generate()));
    VerificationResult r = LogVerifier.verify(dir, keys.getPublic());
    assertThat(r.firstBreak().orElseThrow().type()).isEqualTo(Problem.Type.UNSIGNED_CHECKPOINT);
    assertThat(r.firstBreak().orElseThrow().message()).contains("signed by key");
  }

  @Test
  void aLogWithoutCheckpointsIsBrokenUnderTheKey() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    List<String> lines = writeLog(10, signedEvery(100, keys));
    Files.write(file(), lines.subList(0, firstCheckpoint(lines)));
    VerificationResult r = LogVerifier.verify(dir, keys.getPublic());
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.type()).isEqualTo(Problem.Type.NO_VERIFIED_CHECKPOINT);
              assertThat(p.message()).contains("no checkpoint");
            });
    assertThat(LogVerifier.verify(dir, null).intact()).isTrue();
  }

  @Test
  void recordsAfterTheLastVerifiedCheckpointAreReported() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    List<String> lines = writeLog(10, signedEvery(4, keys));
    int checkpoint = firstCheckpoint(lines);
    Files.write(file(), lines.subList(0, checkpoint + 3));
    VerificationResult r = LogVerifier.verify(dir, keys.getPublic());
    long lastVerified = checkpoint + 1;
    assertThat(r.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.type()).isEqualTo(Problem.Type.UNSIGNED_TAIL);
              assertThat(p.seq()).isEqualTo(lastVerified + 1);
              assertThat(p.message())
                  .startsWith("seq " + (lastVerified + 1) + ".." + (lastVerified + 2));
            });
    assertThat(r.recordsAfterLastVerifiedCheckpoint()).isEqualTo(2);
  }

  @Test
  void breaksAreListedInLogOrderAndTheChainResumes() throws Exception {
    List<String> lines = writeLog(100, WriterOptions.defaults());
    lines.remove(10);
    lines.set(20, lines.get(20).replace("\"customer\"", "\"invoice\""));
    Files.write(file(), lines);
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.problems())
        .extracting(p -> p.type().label())
        .containsExactly("deleted record", "edited record");
    assertThat(r.firstBreak().orElseThrow().where()).endsWith(":11");
  }
}
