package dev.rowguard.audit;

/** What happens to a mass delete when the audit log cannot be written. */
public enum FailureMode {
  /** The application continues; every unrecorded delete is reported through SLF4J at ERROR. */
  FAIL_OPEN,
  /**
   * A delete statement is refused with {@link AuditUnavailableException} before it runs while the
   * log is known to be unwritable. Otherwise the delete runs inside a savepoint (on an autocommit
   * connection: a one-statement transaction); if its record then cannot be written, it is rolled
   * back to that savepoint and the statement throws. Needs {@code durability=sync} to see write
   * failures in time; TRUNCATE, which cannot run in a savepoint everywhere, is only pre-checked.
   */
  FAIL_CLOSED;
}
