package dev.rowguard.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The savepoint a guarded delete runs in. In a transaction: a savepoint just before the statement.
 * On an autocommit connection: autocommit is switched off for the one statement, which then commits
 * (allowed) or rolls back (blocked), and autocommit is switched back on, so the guard protects
 * autocommit code too.
 */
final class Guard {

  private final Connection raw;
  private final boolean autoCommit;
  private final Savepoint savepoint;
  private boolean finished;

  private Guard(Connection raw, boolean autoCommit, Savepoint savepoint) {
    this.raw = raw;
    this.autoCommit = autoCommit;
    this.savepoint = savepoint;
  }

  static Guard begin(Connection raw) throws SQLException {
    boolean autoCommit = raw.getAutoCommit();
    if (autoCommit) {
      raw.setAutoCommit(false);
      return new Guard(raw, true, null);
    }
    return new Guard(raw, false, raw.setSavepoint());
  }

  boolean autoCommit() {
    return autoCommit;
  }

  /** Undoes the statement. */
  void rollback() throws SQLException {
    if (finished) {
      return;
    }
    finished = true;
    if (autoCommit) {
      try {
        raw.rollback();
      } finally {
        raw.setAutoCommit(true);
      }
    } else {
      raw.rollback(savepoint);
    }
  }

  /** Keeps the statement. */
  void release() throws SQLException {
    if (finished) {
      return;
    }
    finished = true;
    if (autoCommit) {
      raw.setAutoCommit(true); // commits, as JDBC specifies for a change of autocommit mode
    } else {
      try {
        raw.releaseSavepoint(savepoint);
      } catch (SQLException | UnsupportedOperationException e) {
        // Some drivers cannot release savepoints; it goes away with the transaction.
      }
    }
  }

  /** The statement failed: end the temporary transaction, leave the application's one alone. */
  void abandon() {
    if (!finished && autoCommit) {
      finished = true;
      try {
        raw.rollback();
        raw.setAutoCommit(true);
      } catch (SQLException e) {
        // the connection is broken; the application sees the statement's own exception
      }
    }
  }
}
