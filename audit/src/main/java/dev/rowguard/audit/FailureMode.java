package dev.rowguard.audit;

/** What happens to a mass delete when the audit log cannot be written. */
public enum FailureMode {
  /** The application continues; every unrecorded delete is reported through SLF4J at ERROR. */
  FAIL_OPEN,
  /**
   * A delete statement is refused with {@link AuditUnavailableException} before it runs while the
   * log is known to be unwritable; if writing its record fails after it ran, the statement throws
   * that exception instead of returning (in a transaction, the application's rollback undoes it; on
   * an autocommit connection the rows are already gone).
   */
  FAIL_CLOSED;

  /** Parses {@code failOpen} / {@code failClosed} (as in properties). */
  static FailureMode parse(String value) {
    if ("failOpen".equalsIgnoreCase(value) || "fail_open".equalsIgnoreCase(value)) {
      return FAIL_OPEN;
    }
    if ("failClosed".equalsIgnoreCase(value) || "fail_closed".equalsIgnoreCase(value)) {
      return FAIL_CLOSED;
    }
    throw new IllegalArgumentException("rowguard.audit.failureMode must be failOpen or failClosed, was '" + value + "'");
  }
}
