package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogLine;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The records of one log for timeline and stats, read by {@link LogReader} (which decides what a
 * record, a torn line and a foreign file are, as for verify). A torn line is skipped with a
 * warning; a foreign line inside the log stops the command with its file and line, and so does a
 * log without any record. A file converted to CRLF line endings is read (the reader judges its
 * lines without the {@code \r}, as verify does) with one warning naming it.
 */
final class RecordCursor implements Closeable {

  private final AuditLog log;
  private final LogReader reader;
  private final Consumer<String> warnings;
  private long records;
  private @Nullable Instant ts;

  /** Where reading started: the file and byte offset, when records before a time were skipped. */
  private final @Nullable Path seekFile;

  private final long seekOffset;
  private long linesSkipped = -1;
  private boolean hadRecords;

  /** The last file a CRLF warning was given for (once per file). */
  private @Nullable Path crlfWarned;

  /** The files read, the first from {@link #readFrom}. */
  private final List<Path> files;

  private final long readFrom;

  RecordCursor(AuditLog log, Consumer<String> warnings) {
    this.log = log;
    this.reader = LogReader.open(log.files());
    this.files = log.files();
    this.readFrom = 0;
    this.warnings = warnings;
    this.seekFile = null;
    this.seekOffset = 0;
    this.hadRecords = false;
  }

  /**
   * Reads the records at or after {@code from}, and a few before it; those further before are not
   * read at all ({@link TimeSeek}).
   */
  RecordCursor(AuditLog log, Consumer<String> warnings, Instant from) throws IOException {
    this.log = log;
    TimeSeek seek = TimeSeek.of(log.files(), from);
    this.reader = LogReader.open(seek.files(), seek.offset());
    this.files = seek.files();
    this.readFrom = seek.offset();
    this.warnings = warnings;
    boolean skipped = seek.offset() > 0 || seek.files().size() < log.files().size();
    this.seekFile = skipped && !seek.files().isEmpty() ? seek.files().get(0) : null;
    this.seekOffset = seek.offset();
    this.hadRecords = skipped; // the records before those read
  }

  /** The log this cursor reads. */
  AuditLog log() {
    return log;
  }

  /** The files this cursor reads, the first from {@link #readFrom()}. */
  List<Path> files() {
    return files;
  }

  /** Where in the first of {@link #files()} reading starts. */
  long readFrom() {
    return readFrom;
  }

  /** The time of the record {@link #next()} returned last. */
  Instant ts() {
    return ts;
  }

  /** {@code file:line}; a file read from an offset counts the lines before it, when asked. */
  private String where(LogLine l) throws IOException {
    long line = l.lineNumber();
    if (l.file().equals(seekFile) && seekOffset > 0) {
      if (linesSkipped < 0) {
        linesSkipped = LogInputs.newlines(l.file(), seekOffset);
      }
      line += linesSkipped;
    }
    return log.where().apply(l.file() + ":" + line);
  }

  /** The next record, or null at the end of the log. */
  @Nullable LogRecord next() throws IOException {
    for (LogLine l = reader.next(); l != null; l = reader.next()) {
      if (l.crlf() && !l.file().equals(crlfWarned)) {
        crlfWarned = l.file();
        warnings.accept(
            where(l)
                + ": the file was converted to CRLF line endings; read without the \\r (run"
                + " 'rowguard audit verify' on it; tr -d '\\r' restores the written bytes)");
      }
      switch (l.type()) {
        case RECORD -> {
          LogRecord r = l.record();
          ts = r == null ? null : r.ts();
          if (ts == null) {
            throw new InvalidInputException(
                where(l)
                    + ": record without a valid ts; the log was edited: run 'rowguard audit verify' on it");
          }
          records++;
          return r;
        }
        case TORN ->
            warnings.accept(
                where(l)
                    + ": torn line skipped (a write a crash interrupted; it was never acknowledged)");
        case FOREIGN ->
            throw new InvalidInputException(
                where(l)
                    + ": "
                    + (l.text().isEmpty()
                        ? "empty line in an audit log: it was edited; run 'rowguard audit verify' on it"
                        : "not an audit record; the log was edited or is not an audit log: run 'rowguard audit verify' on it"));
      }
    }
    if (records == 0 && !hadRecords) {
      throw LogInputs.noRecords(log);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
