package dev.rowguard.audit.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seq and ts of every record, from the bytes of a real written log, as the reader has them. */
class LogTimesTest {

  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path dir;

  @Test
  void everyRecordsSeqAndTimeAcrossBuffersAndFiles() throws Exception {
    try (AuditLogWriter w =
        AuditLogWriter.open(
            dir,
            WriterOptions.defaults().withDurability(Durability.ASYNC).withMaxFileBytes(3 << 20))) {
      for (int i = 0; i < 16_000; i++) {
        w.append(
            LogEntry.of(RecordKind.DELETE, T0.plusNanos(i * 1_234_000L))
                .put(Fields.DB_COLLECTION, "customer")
                .put(
                    Fields.DB_QUERY_TEXT,
                    "DELETE FROM customer WHERE id IN (" + "?, ".repeat(i % 50) + "?)")
                .put(Fields.AFFECTED_ROWS, i));
      }
    }
    List<Path> files = LogFiles.list(dir);
    assertThat(files).hasSizeGreaterThan(1);
    // a torn last line: passed over, as the reader skips it
    Files.writeString(
        files.get(files.size() - 1), "{\"seq\":99999,\"ts\":\"2026", StandardOpenOption.APPEND);
    List<String> expected = new ArrayList<>();
    try (LogReader r = LogReader.open(files)) {
      for (LogRecord rec = r.nextRecord(); rec != null; rec = r.nextRecord()) {
        expected.add(rec.seq() + " " + rec.ts());
      }
    }
    List<String> scanned = new ArrayList<>();
    LogTimes.scan(
        files,
        0,
        (seq, ts) -> {
          scanned.add(seq + " " + ts);
          return true;
        });
    assertThat(scanned).hasSizeGreaterThan(16_000).isEqualTo(expected);

    // from an offset, and stopped by the sink
    long offset = Files.readString(files.get(0), StandardCharsets.UTF_8).indexOf('\n') + 1;
    List<String> some = new ArrayList<>();
    LogTimes.scan(
        files,
        offset,
        (seq, ts) -> {
          some.add(seq + " " + ts);
          return some.size() < 3;
        });
    assertThat(some).isEqualTo(expected.subList(1, 4));
  }
}
