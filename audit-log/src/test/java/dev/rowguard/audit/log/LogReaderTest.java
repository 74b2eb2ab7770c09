package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader and the verifier judge the bytes of a real written log the same way. */
class LogReaderTest {

  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path dir;

  private Path writeLog(int deletes) throws Exception {
    try (AuditLogWriter w = AuditLogWriter.open(dir, WriterOptions.defaults())) {
      for (int i = 1; i <= deletes; i++) {
        w.append(
            LogEntry.of(RecordKind.DELETE, T0.plusMillis(i))
                .put(Fields.DB_COLLECTION, "customer")
                .put(Fields.TRIGGER, Trigger.ROW_THRESHOLD.wireName())
                .put(Fields.AFFECTED_ROWS, i * 10L));
      }
    }
    return LogFiles.list(dir).get(0);
  }

  private List<LogLine> lines() throws Exception {
    List<LogLine> out = new ArrayList<>();
    try (LogReader r = LogReader.open(dir)) {
      for (LogLine l = r.next(); l != null; l = r.next()) {
        out.add(l);
      }
    }
    return out;
  }

  /** Issue 12: a file converted to CRLF is read as verify reads it, each line saying so. */
  @Test
  void aFileConvertedToCrlfIsReadWithoutTheCarriageReturns() throws Exception {
    Path file = writeLog(3);
    List<LogLine> lf = lines();
    long lfEnd;
    try (LogReader r = LogReader.open(dir)) {
      while (r.next() != null) {
        // to the end
      }
      lfEnd = r.offset();
    }
    assertThat(lfEnd).isEqualTo(Files.size(file));
    Files.writeString(file, Files.readString(file).replace("\n", "\r\n"));
    List<LogLine> crlf = lines();
    assertThat(crlf).extracting(LogLine::type).containsOnly(LogLine.Type.RECORD);
    assertThat(crlf).extracting(LogLine::crlf).containsOnly(true);
    assertThat(crlf).extracting(LogLine::text).isEqualTo(lf.stream().map(LogLine::text).toList());
    assertThat(lf).extracting(LogLine::crlf).containsOnly(false);
    try (LogReader r = LogReader.open(dir)) {
      while (r.next() != null) {
        // to the end
      }
      assertThat(r.offset()).isEqualTo(Files.size(file));
    }
  }

  @Test
  void everyLineOfAWrittenLogIsARecordInSeqOrder() throws Exception {
    writeLog(5);
    List<LogLine> lines = lines();
    assertThat(lines).extracting(LogLine::type).containsOnly(LogLine.Type.RECORD);
    assertThat(lines).extracting(l -> l.record().seq()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(lines.get(1).record().kind()).isEqualTo(RecordKind.DELETE);
    assertThat(Trigger.fromWireName(lines.get(1).record().string(Fields.TRIGGER)))
        .isEqualTo(Trigger.ROW_THRESHOLD);
    // The tail the writer recovers is the last record the reader sees.
    LogTail tail = LogTail.read(LogFiles.list(dir), RecordHash.newDigest());
    assertThat(tail.seq()).isEqualTo(7);
    assertThat(tail.hash()).isEqualTo(lines.get(6).record().hash());
  }

  @Test
  void anUnterminatedCutRecordAtTheEndIsTornForReaderAndVerifier() throws Exception {
    Path file = writeLog(3);
    List<String> text = Files.readAllLines(file);
    String last = text.remove(text.size() - 1);
    Files.writeString(file, String.join("\n", text) + "\n" + last.substring(0, 30));
    List<LogLine> lines = lines();
    assertThat(lines.get(lines.size() - 1).type()).isEqualTo(LogLine.Type.TORN);
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).isTrue();
    assertThat(r.problems()).extracting(Problem::type).containsExactly(Problem.Type.TORN_LINE);
  }

  @Test
  void aCutRecordAWriterContinuedAfterIsTorn() throws Exception {
    Path file = writeLog(3);
    List<String> text = new ArrayList<>(Files.readAllLines(file));
    text.add(2, text.get(2).substring(0, 12));
    Files.write(file, text);
    assertThat(lines().get(2).type()).isEqualTo(LogLine.Type.TORN);
  }

  @Test
  void aTerminatedCutRecordWithNoRecordAfterItIsForeign() throws Exception {
    Path file = writeLog(3);
    Files.writeString(file, Files.readString(file) + "{\"seq\":\n");
    List<LogLine> lines = lines();
    assertThat(lines.get(lines.size() - 1).type()).isEqualTo(LogLine.Type.FOREIGN);
    assertThat(LogVerifier.verify(dir, null).problems())
        .extracting(Problem::type)
        .containsExactly(Problem.Type.CORRUPT_LINE);
  }

  @Test
  void aFileThatDoesNotStartWithARecordIsNotAnAuditLogForBoth() throws Exception {
    for (byte[] content :
        List.of(
            new byte[] {0, 1, 2, (byte) 0xff, '\n', 7},
            "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8),
            "{\"seq\":\n".getBytes(StandardCharsets.UTF_8),
            "\n".getBytes(StandardCharsets.UTF_8))) {
      Path file = LogFiles.file(dir, 1);
      Files.write(file, content);
      assertThatThrownBy(this::lines)
          .isInstanceOf(NotAnAuditLogException.class)
          .hasMessageContaining(file + ":1: this file is not an audit log");
      assertThatThrownBy(() -> LogVerifier.verify(dir, null))
          .isInstanceOf(NotAnAuditLogException.class)
          .hasMessageContaining(file + ":1: this file is not an audit log");
    }
  }

  @Test
  void aLoneUnterminatedSeqIsATornLineAndNoRecord() throws Exception {
    Files.writeString(LogFiles.file(dir, 1), "{\"seq\":");
    assertThat(lines()).extracting(LogLine::type).containsExactly(LogLine.Type.TORN);
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.records()).isZero();
    assertThat(r.problems()).extracting(Problem::type).containsExactly(Problem.Type.TORN_LINE);
  }

  @Test
  void aLineLongerThanTheLimitIsNotAnAuditLogForBothWithoutReadingItWhole() throws Exception {
    Path file = writeLog(2);
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      out.write("{\"seq\":4,\"ts\":\"".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i <= LogCodec.MAX_LINE >> 20; i++) {
        out.write(chunk);
      }
    }
    String message = file + " has a line longer than 16 MiB: it is not an audit log";
    assertThatThrownBy(this::lines).isInstanceOf(NotAnAuditLogException.class).hasMessage(message);
    assertThatThrownBy(() -> LogVerifier.verify(dir, null))
        .isInstanceOf(NotAnAuditLogException.class)
        .hasMessage(message);
  }
}
