package dev.rowguard.audit;

import java.sql.SQLException;

/**
 * A delete the guard rolled back because it affected more rows than {@code maxRowsPerStatement} or
 * {@code maxRowsPerTransaction} allow. The rows are back (rolled back to a savepoint taken just
 * before the statement); the rest of the transaction is untouched and the application decides
 * whether to commit it.
 */
public final class MassDeleteBlockedException extends SQLException {

  private static final long serialVersionUID = 1L;

  private final String table;
  private final long affectedRows;
  private final long cascadedRows;
  private final long limit;
  private final String scope;

  MassDeleteBlockedException(
      String table, long affectedRows, long cascadedRows, long limit, String scope) {
    super(
        "rowguard blocked a delete on "
            + table
            + ": it affected "
            + affectedRows
            + " rows"
            + (cascadedRows > 0 ? " (" + cascadedRows + " of them by ON DELETE CASCADE)" : "")
            + ("transaction".equals(scope) ? " in this transaction" : "")
            + ", more than the "
            + ("transaction".equals(scope) ? "maxRowsPerTransaction" : "maxRowsPerStatement")
            + " limit of "
            + limit
            + "; it was rolled back. Narrow the delete, or raise the limit if this is intended",
        "27000"); // SQLSTATE class 27: triggered data change violation
    this.table = table;
    this.affectedRows = affectedRows;
    this.cascadedRows = cascadedRows;
    this.limit = limit;
    this.scope = scope;
  }

  /** The table, as written in the statement. */
  public String table() {
    return table;
  }

  /**
   * Rows the statement (or the transaction, for scope {@code transaction}) would have deleted, with
   * those {@code ON DELETE CASCADE} would have removed from other tables.
   */
  public long affectedRows() {
    return affectedRows;
  }

  /** Of {@link #affectedRows()}, those {@code ON DELETE CASCADE} would have removed. */
  public long cascadedRows() {
    return cascadedRows;
  }

  /** The limit that was exceeded. */
  public long limit() {
    return limit;
  }

  /** {@code statement} or {@code transaction}. */
  public String scope() {
    return scope;
  }
}
