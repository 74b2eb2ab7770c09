package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.cli.InvalidInputException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * Reads the records of one log, file after file, one line at a time. A torn line (the unterminated
 * last line of a file, or a cut record a later writer continued after) is skipped with a warning;
 * any other line that is not a record stops the command with its file and line.
 */
final class RecordCursor implements Closeable {

  private final Iterator<Path> files;
  private final Consumer<String> warnings;
  private BufferedReader reader;
  private Path file;
  private long lineNumber;
  private String lookahead;

  RecordCursor(AuditLog log, Consumer<String> warnings) {
    this.files = log.files().iterator();
    this.warnings = warnings;
  }

  /** The next record, or null at the end of the log. */
  LogRecord next() throws IOException {
    while (true) {
      String line = nextLine();
      if (line == null) {
        return null;
      }
      LogRecord r = LogRecord.parse(line);
      if (r != null && r.ts() != null) {
        return r;
      }
      boolean lastOfFile = lookahead == null;
      if (line.isEmpty() || (lineNumber == 1 && !lastOfFile)) {
        throw new InvalidInputException(where() + ": " + (lineNumber == 1 ? file + " is not an audit log: its first line is not an audit record"
            : "empty line in an audit log: it was edited; run 'rowguard audit verify' on it"));
      }
      if (lastOfFile || line.startsWith("{\"seq\":")) {
        warnings.accept(where() + ": torn line skipped (a write a crash interrupted; it was never acknowledged)");
      } else {
        throw new InvalidInputException(where() + ": not an audit record; the log was edited or is not an audit log: run 'rowguard audit verify' on it");
      }
    }
  }

  /** {@code file:line} of the record last returned. */
  String where() {
    return file + ":" + lineNumber;
  }

  private String nextLine() throws IOException {
    while (true) {
      if (reader != null) {
        String line = lookahead;
        if (line != null) {
          lookahead = reader.readLine();
          lineNumber++;
          return line;
        }
        reader.close();
        reader = null;
      }
      if (!files.hasNext()) {
        return null;
      }
      file = files.next();
      // A decoder that replaces bad bytes, so a binary file fails as "not a record" with its line.
      reader = new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
      lineNumber = 0;
      lookahead = reader.readLine();
    }
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
