package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * The seq and time of every record line of a log, read from the bytes where the writer puts them (
 * <code>{"seq":N,"ts":"...",</code>: {@link LogCodec}'s layout, {@link LogEntry}'s first member)
 * without decoding the rest of the line: a pass over a log many times faster than reading it, to
 * learn how its times go (a clock step) before reading it. A line without that layout is passed
 * over; {@link LogReader} judges it when the log is read.
 */
public final class LogTimes {

  /** Receives each record line's seq and time, in file order; false stops the scan. */
  public interface Sink {
    boolean record(long seq, Instant ts);
  }

  private static final byte[] TS = ",\"ts\":\"".getBytes(StandardCharsets.US_ASCII);

  private LogTimes() {}

  /** Scans {@code files} (one log, in rotation order), the first from {@code firstFileOffset}. */
  public static void scan(List<Path> files, long firstFileOffset, Sink sink) throws IOException {
    long offset = firstFileOffset;
    for (Path file : files) {
      if (!scan(file, offset, sink)) {
        return;
      }
      offset = 0;
    }
  }

  /** False when the sink stopped the scan. */
  private static boolean scan(Path file, long offset, Sink sink) throws IOException {
    byte[] buf = new byte[1 << 20];
    int end = 0;
    boolean skipping = false; // inside a line longer than the buffer: no record of the layout
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      ch.position(offset);
      while (true) {
        int n = ch.read(ByteBuffer.wrap(buf, end, buf.length - end));
        if (n < 0) {
          // the unterminated last line
          return skipping || end == 0 || line(buf, 0, end, sink);
        }
        end += n;
        int i = 0;
        for (int nl = LineBlocks.indexOfNewline(buf, i, end);
            nl >= 0;
            nl = LineBlocks.indexOfNewline(buf, i, end)) {
          if (!skipping && !line(buf, i, nl, sink)) {
            return false;
          }
          skipping = false;
          i = nl + 1;
        }
        if (i == 0 && end == buf.length) {
          skipping = true;
          end = 0;
        } else {
          System.arraycopy(buf, i, buf, 0, end - i);
          end -= i;
        }
      }
    }
  }

  /** False when the sink stopped the scan. */
  private static boolean line(byte[] b, int from, int to, Sink sink) {
    int i = from + LogCodec.RECORD_START_BYTES.length;
    if (!LogCodec.startsLikeRecord(b, from, to - from) || i >= to) {
      return true;
    }
    long seq = 0;
    int digits = i;
    while (i < to && i - digits < 18 && b[i] >= '0' && b[i] <= '9') {
      seq = seq * 10 + (b[i++] - '0');
    }
    if (i == digits || i + TS.length >= to) {
      return true;
    }
    for (int k = 0; k < TS.length; k++) {
      if (b[i + k] != TS[k]) {
        return true;
      }
    }
    int start = i + TS.length;
    int close = start;
    while (close < to && close - start <= 30 && b[close] != '"') {
      close++;
    }
    if (close >= to || b[close] != '"') {
      return true;
    }
    Instant ts = Timestamps.parse(new String(b, start, close - start, StandardCharsets.ISO_8859_1));
    return ts == null || sink.record(seq, ts);
  }
}
