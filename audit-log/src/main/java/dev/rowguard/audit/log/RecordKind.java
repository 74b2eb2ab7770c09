package dev.rowguard.audit.log;

import org.jspecify.annotations.Nullable;

/** The {@code kind} of an audit record; {@link #wireName()} is what the log holds. */
public enum RecordKind {
  /** A writer opened the log (one per process and log directory). */
  LOG_OPEN,
  /** A DELETE that removed every row or at least {@code rowThreshold} rows. */
  DELETE,
  /** A TRUNCATE (drivers report 0 affected rows). */
  TRUNCATE,
  /** A transaction whose deletes on one table reached {@code rowThreshold} rows in total. */
  TX_AGGREGATE,
  /** The commit of a transaction that has records in the log. */
  COMMIT,
  /** The rollback of a transaction that has records in the log. */
  ROLLBACK,
  /** A delete the guard rolled back because it affected more rows than allowed. */
  BLOCKED,
  /** A chain checkpoint, signed with Ed25519 when a key is configured. */
  CHECKPOINT,
  /**
   * The writer found the file it was writing deleted or replaced (or the directory gone): records
   * it had written there are lost; the record says which seqs and which file.
   */
  LOG_GAP,
  /**
   * The first record of every log file after the first: the writer rotated here. Its {@code seq} is
   * one more than the previous file's last record and its {@code prev_hash} that record's hash, so
   * verify tells the end of the previous file cut from the start of this one deleted.
   */
  ROTATE;

  private final String wireName = WireNames.of(this);

  /** The value of the {@code kind} field. */
  public String wireName() {
    return wireName;
  }

  /** The kind whose {@link #wireName()} is {@code value}, or null for an unknown value. */
  public static @Nullable RecordKind fromWireName(@Nullable String value) {
    return WireNames.parse(RecordKind.class, value);
  }
}
