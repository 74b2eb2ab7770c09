package dev.rowguard.audit;

import java.sql.SQLException;

/** A delete refused (fail-closed) because its audit record cannot be written. */
public final class AuditUnavailableException extends SQLException {

  private static final long serialVersionUID = 1L;

  AuditUnavailableException(String message, Throwable cause) {
    super(message, "58030", cause); // SQLSTATE class 58: system error (I/O error)
  }
}
