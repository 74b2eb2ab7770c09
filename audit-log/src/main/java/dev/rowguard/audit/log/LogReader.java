package dev.rowguard.audit.log;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a log line by line, file after file in rotation order, and says what each line is ({@link
 * LogCodec}). Memory is bounded: a line longer than {@link LogCodec#MAX_LINE}, or a file whose
 * first line is foreign, is a {@link NotAnAuditLogException}.
 */
public final class LogReader implements Closeable {

  private final Iterator<Path> files;
  private @Nullable InputStream in;
  private Path file;
  private long lineNumber;
  private final LineBytes bytes = new LineBytes();
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;

  /** Where reading of the first file starts (a resume position), 0 for the whole log. */
  private long firstFileOffset;

  /** Bytes of the current file before {@link #buf}[{@link #pos}]. */
  private long consumed;

  /** The byte offset in its file just after the last line {@link #next()} returned. */
  private long lineEnd;

  /** Where reading of the current file started. */
  private long consumedFrom;

  /** The next line of the current file, read ahead to tell a torn line from a foreign one. */
  private @Nullable Raw ahead;

  /** The bytes of the line being read, readable in place. */
  private static final class LineBytes extends ByteArrayOutputStream {
    LineBytes() {
      super(1024);
    }

    byte[] array() {
      return buf;
    }
  }

  private record Raw(
      String text,
      boolean terminated,
      boolean crlf,
      @Nullable LogRecord record,
      boolean startsLikeRecord,
      long end) {}

  private LogReader(List<Path> files, long firstFileOffset) {
    this.files = List.copyOf(files).iterator();
    this.firstFileOffset = firstFileOffset;
  }

  /** A reader of {@code files}, the log files of one directory in rotation order. */
  public static LogReader open(List<Path> files) {
    return new LogReader(files, 0);
  }

  /**
   * A reader of {@code files} that starts {@code firstFileOffset} bytes into the first one, where
   * an earlier reader's {@link #offset()} said a line ended (a resume position, as the Kafka
   * shipper keeps). Line numbers of that file then count from the offset, and its first line is not
   * judged as the start of a file.
   */
  public static LogReader open(List<Path> files, long firstFileOffset) {
    if (firstFileOffset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + firstFileOffset);
    }
    return new LogReader(files, firstFileOffset);
  }

  /**
   * The byte offset, in the file of the last line {@link #next()} returned, just after that line
   * (and its newline): where a reader {@linkplain #open(List, long) resumes} after it.
   */
  public long offset() {
    return lineEnd;
  }

  /** A reader of the log in {@code dir}. */
  public static LogReader open(Path dir) throws IOException {
    return new LogReader(LogFiles.list(dir), 0);
  }

  /** The next line of the log, or null at its end. */
  public @Nullable LogLine next() throws IOException {
    while (true) {
      if (in != null) {
        Raw line = ahead;
        if (line != null) {
          ahead = read();
          lineNumber++;
          lineEnd = line.end();
          LogLine.Type type =
              line.record() != null
                  ? LogLine.Type.RECORD
                  : LogCodec.classifyNonRecord(
                      line.startsLikeRecord(),
                      line.terminated(),
                      ahead != null && ahead.record() != null);
          if (lineNumber == 1 && type == LogLine.Type.FOREIGN && consumedFrom == 0) {
            throw LogCodec.foreignFile(file, lineNumber);
          }
          return new LogLine(
              file, lineNumber, line.text(), line.terminated(), type, line.record(), line.crlf());
        }
        in.close();
        in = null;
      }
      if (!files.hasNext()) {
        return null;
      }
      file = files.next();
      consumedFrom = firstFileOffset;
      firstFileOffset = 0;
      if (consumedFrom > 0) {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
        ch.position(consumedFrom);
        in = Channels.newInputStream(ch);
      } else {
        in = Files.newInputStream(file);
      }
      pos = 0;
      limit = 0;
      lineNumber = 0;
      consumed = consumedFrom;
      ahead = read();
    }
  }

  /** The next record, skipping torn and foreign lines; null at the end. */
  public @Nullable LogRecord nextRecord() throws IOException {
    for (LogLine l = next(); l != null; l = next()) {
      if (l.record() != null) {
        return l.record();
      }
    }
    return null;
  }

  /** The next line of the current file, read through {@link #buf}; null at its end. */
  private @Nullable Raw read() throws IOException {
    bytes.reset();
    boolean terminated = false;
    while (!terminated) {
      if (pos == limit) {
        consumed += limit;
        limit = in.read(buf, 0, buf.length);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          break;
        }
      }
      int nl = LineBlocks.indexOfNewline(buf, pos, limit);
      int end = nl < 0 ? limit : nl;
      if (bytes.size() + (end - pos) > LogCodec.MAX_LINE) {
        throw LogCodec.overlong(file);
      }
      bytes.write(buf, pos, end - pos);
      terminated = nl >= 0;
      pos = nl < 0 ? limit : nl + 1;
    }
    if (!terminated && bytes.size() == 0) {
      return null;
    }
    int length = bytes.size();
    int content = ScannedLine.contentEnd(bytes.array(), 0, length, terminated);
    String text = new String(bytes.array(), 0, content, StandardCharsets.UTF_8);
    return new Raw(
        text,
        terminated,
        content < length,
        LogCodec.parse(text),
        LogCodec.startsLikeRecord(text),
        consumed + pos);
  }

  @Override
  public void close() throws IOException {
    if (in != null) {
      in.close();
      in = null;
    }
  }

  /** Every record of the log in {@code dir}, in order, skipping lines that are not records. */
  public static List<LogRecord> records(Path dir) throws IOException {
    List<LogRecord> out = new ArrayList<>();
    try (LogReader r = open(dir)) {
      for (LogRecord rec = r.nextRecord(); rec != null; rec = r.nextRecord()) {
        out.add(rec);
      }
    }
    return out;
  }
}
