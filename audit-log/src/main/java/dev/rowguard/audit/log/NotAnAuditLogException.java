package dev.rowguard.audit.log;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file given as a log that is not one: binary, JSON of another shape, or a line longer than
 * {@link LogCodec#MAX_LINE}. Every reader of logs ({@link LogReader}, {@link LogVerifier}) throws
 * it for the same bytes; its message is one line naming the file.
 */
public final class NotAnAuditLogException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  NotAnAuditLogException(Path file, String message) {
    super(message);
    this.file = file;
  }

  /** The file that is not an audit log. */
  public Path file() {
    return file;
  }
}
