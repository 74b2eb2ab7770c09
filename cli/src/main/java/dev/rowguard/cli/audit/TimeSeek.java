package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where in a log to start reading for records at or after a time, found without reading what comes
 * before: whole files are skipped by the time of their first record, and within the file the start
 * is found by bisection on the byte offset, each probe parsing the one record at a line start. A
 * log is in append order and its records' {@code ts} go forward (a few records apart at most), so
 * what lies before the probe found is earlier; a probe that is not a record stops the search there,
 * and the reader judges those lines as always.
 *
 * @param files the files to read, the first from {@code offset}
 * @param offset where in the first file reading starts, at a line start
 */
record TimeSeek(List<Path> files, long offset) {

  /** The bytes read at each probe; a line longer than this ends the search at the probe. */
  private static final int PROBE = 64 * 1024;

  /** The search stops when the start is known to within this many bytes (read and parsed then). */
  private static final int CLOSE_ENOUGH = 4096;

  /** Where to start reading {@code files} (one log, in rotation order) for records at {@code t}. */
  static TimeSeek of(List<Path> files, Instant t) throws IOException {
    int first = 0;
    for (int i = 1; i < files.size(); i++) {
      Instant start = firstTime(files.get(i));
      if (start == null || start.isAfter(t)) {
        break;
      }
      first = i; // every record of the files before i is before t
    }
    List<Path> kept = files.subList(first, files.size());
    if (kept.isEmpty()) {
      return new TimeSeek(kept, 0);
    }
    try (FileChannel ch = FileChannel.open(kept.get(0), StandardOpenOption.READ)) {
      // lo: a line start whose record is before t (or 0); hi: a byte offset at or past the start
      long lo = 0;
      long hi = ch.size();
      while (hi - lo > CLOSE_ENOUGH) {
        long mid = lo + (hi - lo) / 2;
        Line line = lineAfter(ch, mid);
        if (line == null || line.record == null || line.record.ts() == null) {
          hi = mid; // past the end, a line longer than a probe, or not a record: read from lo
        } else if (line.record.ts().isBefore(t)) {
          lo = line.start;
        } else {
          hi = mid;
        }
      }
      return new TimeSeek(kept, lo);
    }
  }

  /** The time of a file's first record, or null when it does not start with one. */
  private static @Nullable Instant firstTime(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      Line line = line(ch, 0);
      return line == null || line.record == null ? null : line.record.ts();
    }
  }

  private record Line(long start, @Nullable LogRecord record) {}

  /** The first whole line that starts after {@code pos}, or null. */
  private static @Nullable Line lineAfter(FileChannel ch, long pos) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(PROBE);
    ch.read(b, pos);
    for (int i = 0; i < b.position(); i++) {
      if (b.get(i) == '\n') {
        return line(ch, pos + i + 1);
      }
    }
    return null;
  }

  /** The line at {@code start} with its record, or null when no whole line fits in a probe. */
  private static @Nullable Line line(FileChannel ch, long start) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(PROBE);
    ch.read(b, start);
    for (int i = 0; i < b.position(); i++) {
      if (b.get(i) == '\n') {
        String text = new String(b.array(), 0, i, StandardCharsets.UTF_8);
        return new Line(start, LogRecord.parse(text));
      }
    }
    return null;
  }
}
