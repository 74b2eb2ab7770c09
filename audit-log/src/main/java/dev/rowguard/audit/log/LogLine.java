package dev.rowguard.audit.log;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * One line of a log file as stored, judged by {@link LogCodec}.
 *
 * @param file the log file
 * @param lineNumber 1-based line number in that file
 * @param text the line without its terminating newline (nor the {@code \r} of a {@code \r\n}),
 *     decoded as UTF-8
 * @param terminated whether a newline followed it (false only for the last line of a file)
 * @param type what the line is
 * @param record the parsed record; null unless {@code type} is {@link Type#RECORD}
 * @param crlf whether the line ended in {@code \r\n}: its file was converted to CRLF line endings
 *     (an editor, a text-mode copy, git's {@code core.autocrlf}); the line is judged without the
 *     {@code \r}, as verify judges it
 */
public record LogLine(
    Path file,
    long lineNumber,
    String text,
    boolean terminated,
    Type type,
    @Nullable LogRecord record,
    boolean crlf) {

  /** A line that ended in {@code \n} alone (or in nothing, at the end of its file). */
  public LogLine(
      Path file,
      long lineNumber,
      String text,
      boolean terminated,
      Type type,
      @Nullable LogRecord record) {
    this(file, lineNumber, text, terminated, type, record, false);
  }

  /** What a line of a log is. */
  public enum Type {
    /** An audit record (whether its hash and chain verify is {@link LogVerifier}'s business). */
    RECORD,
    /**
     * The beginning of a record a crash cut short: the unterminated last line, or one a later
     * writer continued after.
     */
    TORN,
    /** Anything else: edited bytes, or bytes that are not an audit log. */
    FOREIGN
  }

  /** "audit-000002.jsonl:17", for messages. */
  public String where() {
    return file.getFileName() + ":" + lineNumber;
  }
}
