package dev.rowguard.audit;

/**
 * What the audit logger keeps of the rows a recorded delete removed ({@link AuditOption#CAPTURE}),
 * so that {@code rowguard audit restore-plan} can put them back.
 */
public enum Capture {
  /** Nothing: the record says how many rows went, not which. */
  NONE,
  /**
   * The primary key of every deleted row (all columns for a table without one); the rest of each
   * row is read back from a backup when restoring.
   */
  KEYS,
  /** Every column of every deleted row. */
  ROWS;

  /** As written in properties and in {@code rowguard.capture}: {@code keys}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
