package dev.rowguard.audit.log;

import java.io.IOException;

/** The log could not be written; the message is one line saying what is wrong and what to do. */
public final class AuditLogException extends IOException {

  private static final long serialVersionUID = 1L;

  public AuditLogException(String message, Throwable cause) {
    super(message, cause);
  }

  public AuditLogException(String message) {
    super(message);
  }
}
