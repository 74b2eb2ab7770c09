package dev.rowguard.audit.log;

import org.jspecify.annotations.Nullable;

/**
 * Why a delete was recorded: the {@code rowguard.trigger} member; {@link #wireName()} is what the
 * log holds.
 */
public enum Trigger {
  /** A TRUNCATE. */
  TRUNCATE,
  /** A DELETE without WHERE clause. */
  NO_WHERE,
  /** A DELETE whose WHERE clause is always true ({@code WHERE 1=1}). */
  TAUTOLOGY,
  /** A DELETE that affected at least {@code rowThreshold} rows. */
  ROW_THRESHOLD,
  /**
   * A batch whose driver reported {@code SUCCESS_NO_INFO}, or a deleting CTE run as a query: it may
   * have reached the threshold.
   */
  ROWS_UNKNOWN,
  /** On {@code tx_aggregate}: a transaction's deletes on one table reached {@code rowThreshold}. */
  TX_THRESHOLD,
  /**
   * A DELETE whose rows together with those its {@code ON DELETE CASCADE} removed ({@link
   * Fields#CASCADE_DELETED_ROWS}) reached {@code rowThreshold}, its own rows alone not.
   */
  CASCADE_THRESHOLD,
  /** On {@code blocked}: a statement deleted more than {@code maxRowsPerStatement}. */
  MAX_ROWS_PER_STATEMENT,
  /** On {@code blocked}: a transaction deleted more than {@code maxRowsPerTransaction}. */
  MAX_ROWS_PER_TRANSACTION;

  private final String wireName = WireNames.of(this);

  /** The value of the {@code rowguard.trigger} member. */
  public String wireName() {
    return wireName;
  }

  /**
   * True for triggers that mean every row of the table: TRUNCATE, no WHERE, an always-true WHERE.
   */
  public boolean wholeTable() {
    return this == TRUNCATE || this == NO_WHERE || this == TAUTOLOGY;
  }

  /**
   * The trigger whose {@link #wireName()} is {@code value}, or null for an unknown or absent value.
   */
  public static @Nullable Trigger fromWireName(@Nullable String value) {
    return WireNames.parse(Trigger.class, value);
  }
}
