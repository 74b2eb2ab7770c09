package dev.rowguard.audit.log;

import java.nio.file.Path;

/**
 * One line of a log file as stored.
 *
 * @param file the log file
 * @param lineNumber 1-based line number in that file
 * @param text the line without its terminating newline, decoded as UTF-8
 * @param terminated whether a newline followed it (false only for the last line of a file)
 * @param record the parsed record, or null when the line is not a record (torn or foreign)
 */
public record LogLine(Path file, long lineNumber, String text, boolean terminated, LogRecord record) {

  /** "audit-000002.jsonl:17", for messages. */
  public String where() {
    return file.getFileName() + ":" + lineNumber;
  }
}
