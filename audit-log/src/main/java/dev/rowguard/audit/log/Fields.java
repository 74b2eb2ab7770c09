package dev.rowguard.audit.log;

/** The member names of audit records, as documented in docs/AUDIT-LOG.md. */
public final class Fields {

  public static final String SEQ = "seq";
  public static final String TS = "ts";
  public static final String KIND = "kind";
  public static final String DB_SYSTEM = "db.system.name";
  public static final String DB_NAMESPACE = "db.namespace";
  public static final String DB_COLLECTION = "db.collection.name";
  public static final String DB_OPERATION = "db.operation.name";
  public static final String DB_QUERY_TEXT = "db.query.text";
  public static final String DB_BATCH_SIZE = "db.operation.batch.size";
  public static final String AFFECTED_ROWS = "db.response.affected_rows";
  public static final String TX = "tx";
  public static final String THREAD = "thread";
  public static final String HOST = "host";
  public static final String PID = "pid";
  public static final String CODE_FUNCTION = "code.function.name";
  public static final String CODE_FILE = "code.file.path";
  public static final String CODE_LINE = "code.line.number";
  public static final String REASON = "rowguard.reason";

  /** Why a delete was recorded: a {@link Trigger}. */
  public static final String TRIGGER = "rowguard.trigger";

  /** On batches: executions that reported {@code SUCCESS_NO_INFO}. */
  public static final String ROWS_UNKNOWN = "rowguard.rows_unknown";

  /** On {@code tx_aggregate}: DELETE statements on the table in the transaction so far. */
  public static final String TX_STATEMENTS = "rowguard.tx.statements";

  /**
   * On {@code commit} and {@code rollback}: rows deleted per table in the transaction (an object of
   * integers).
   */
  public static final String TX_DELETED_ROWS = "rowguard.tx.deleted_rows";

  /**
   * On {@code delete}, {@code tx_aggregate} and {@code blocked} of a table referenced with {@code
   * ON DELETE CASCADE}: the rows the database removed with it (or would have, for {@code blocked}),
   * per table (an object of integers), as read before the delete ran; on {@code commit} and {@code
   * rollback}: those of every delete of the transaction, per table they were removed from. Never
   * part of {@link #AFFECTED_ROWS} or {@link #TX_DELETED_ROWS}, which are the driver's counts.
   */
  public static final String CASCADE_DELETED_ROWS = "rowguard.cascade.deleted_rows";

  /** On {@code blocked}: the limit that was exceeded. */
  public static final String GUARD_LIMIT = "rowguard.guard.limit";

  /** On {@code blocked}: {@code statement} or {@code transaction}. */
  public static final String GUARD_SCOPE = "rowguard.guard.scope";

  /** On {@code log_open}: the format version, currently 1. */
  public static final String LOG_FORMAT = "rowguard.log.format";

  /**
   * On {@code log_open}: the writer's heartbeat interval in milliseconds (a checkpoint at least
   * this often while it runs), absent when heartbeats are off; verify reports longer gaps ({@link
   * Heartbeats}).
   */
  public static final String HEARTBEAT_INTERVAL_MS = "rowguard.log.heartbeat_interval_ms";

  /** On {@code checkpoint}: base64 Ed25519 signature, absent when no key is configured. */
  public static final String CHECKPOINT_SIGNATURE = "rowguard.checkpoint.signature";

  /**
   * On {@code checkpoint}: the first 16 hex digits of SHA-256 of the public key (X.509 encoding).
   */
  public static final String CHECKPOINT_KEY_ID = "rowguard.checkpoint.key_id";

  /**
   * On {@code log_open}: {@code 1} when the writer starts every log file after the first with a
   * {@code rotate} record (absent in logs written before rotation markers).
   */
  public static final String LOG_ROTATION_MARKERS = "rowguard.log.rotation_markers";

  /** On {@code rotate}: the name of the log file before this one, {@code audit-NNNNNN.jsonl}. */
  public static final String ROTATE_PREVIOUS_FILE = "rowguard.rotate.previous_file";

  /** In a {@code log_gap}: the file the writer was writing when it vanished or was replaced. */
  public static final String GAP_FILE = "rowguard.gap.file";

  /** In a {@code log_gap}: the last seq still on disk before the gap (0 when none). */
  public static final String GAP_AFTER_SEQ = "rowguard.gap.after_seq";

  /** In a {@code log_gap}: the last seq the writer had written into the lost file. */
  public static final String GAP_THROUGH_SEQ = "rowguard.gap.through_seq";

  /**
   * On records of deletes with captured rows: what was captured, {@code keys} or {@code rows}
   * ({@code rowguard.audit.capture}).
   */
  public static final String CAPTURE = "rowguard.capture";

  /**
   * With {@link #CAPTURE}: the rows file beside the log that holds the batch, {@code
   * rows-NNNNNN.jsonl}.
   */
  public static final String ROWS_FILE = "rowguard.rows.file";

  /** With {@link #CAPTURE}: SHA-256 (hex) of the batch's line in {@link #ROWS_FILE}. */
  public static final String ROWS_SHA256 = "rowguard.rows.sha256";

  /**
   * With {@link #CAPTURE}: the rows in the batch (fewer than affected when capture was bounded).
   */
  public static final String ROWS_CAPTURED = "rowguard.rows.captured";

  /**
   * On delete, tx_aggregate and commit records: why the rows of some of the statements the record
   * covers were not captured ({@code DELETE ... USING}, a deleting CTE, a read that failed, ...),
   * so that a restore plan never passes for complete when it is not.
   */
  public static final String ROWS_NOT_CAPTURED = "rowguard.rows.not_captured";

  /** With {@link #ROWS_NOT_CAPTURED}: how many of the record's statements were not captured. */
  public static final String ROWS_NOT_CAPTURED_STATEMENTS = "rowguard.rows.not_captured_statements";

  public static final String CONTEXT = "context";

  /**
   * The OpenTelemetry trace current when the record was made: 32 lower-case hex digits (the
   * OpenTelemetry attribute name). Only when the OpenTelemetry API is on the class path and a span
   * is current.
   */
  public static final String TRACE_ID = "trace_id";

  /**
   * With {@link #TRACE_ID}: the span current when the record was made, 16 lower-case hex digits.
   */
  public static final String SPAN_ID = "span_id";

  public static final String PREV_HASH = "prev_hash";
  public static final String HASH = "hash";

  private Fields() {}
}
