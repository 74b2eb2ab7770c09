package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogLine;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.InvalidInputException;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The records of one log for timeline and stats, read by {@link LogReader} (which decides what a
 * record, a torn line and a foreign file are, as for verify). A torn line is skipped with a
 * warning; a foreign line inside the log stops the command with its file and line, and so does a
 * log without any record.
 */
final class RecordCursor implements Closeable {

  private final AuditLog log;
  private final LogReader reader;
  private final Consumer<String> warnings;
  private long records;

  RecordCursor(AuditLog log, Consumer<String> warnings) {
    this.log = log;
    this.reader = LogReader.open(log.files());
    this.warnings = warnings;
  }

  /** The next record, or null at the end of the log. */
  @Nullable LogRecord next() throws IOException {
    for (LogLine l = reader.next(); l != null; l = reader.next()) {
      String where = log.where().apply(l.file() + ":" + l.lineNumber());
      switch (l.type()) {
        case RECORD -> {
          LogRecord r = l.record();
          if (r == null || r.ts() == null) {
            throw new InvalidInputException(
                where
                    + ": record without a valid ts; the log was edited: run 'rowguard audit verify' on it");
          }
          records++;
          return r;
        }
        case TORN ->
            warnings.accept(
                where
                    + ": torn line skipped (a write a crash interrupted; it was never acknowledged)");
        case FOREIGN ->
            throw new InvalidInputException(
                where
                    + ": "
                    + (l.text().isEmpty()
                        ? "empty line in an audit log: it was edited; run 'rowguard audit verify' on it"
                        : "not an audit record; the log was edited or is not an audit log: run 'rowguard audit verify' on it"));
      }
    }
    if (records == 0) {
      throw LogInputs.noRecords(log);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
