package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One timeline entry: an audit record, or an HTTP request from an access log. Immutable: what the
 * timeline learns after reading it (the transaction outcome and totals, the matching request, the
 * source line, anomalies) makes a new, finished entry ({@link #finished}), once, before it is
 * written.
 */
final class Event {

  /** The kind of entries from access logs. */
  static final String HTTP = "http";

  final Instant ts;
  final @Nullable String host;
  final String kind;
  final @Nullable LogRecord record;
  final @Nullable AccessEntry request;

  /** The log (or access log) it came from, and the order within it, to keep merges stable. */
  final int stream;

  final long order;

  /** committed, rolled back, not recorded, or null for entries outside transactions. */
  final @Nullable String outcome;

  /** The HTTP request this delete was made in. */
  final @Nullable RequestMatch match;

  /** From --source: the call site's line of code and enclosing method. */
  final SourceLocator.@Nullable Location source;

  /** For commit and rollback: the transaction's totals. */
  final @Nullable TxTotals totals;

  final List<Marker> anomalies;

  /** {@link #isStatement()}, worked out once: every stage of the timeline asks. */
  private final boolean statement;

  // the members every stage asks for, looked up once
  private final @Nullable RecordKind recordKind;
  private final @Nullable String table;
  private final @Nullable Long rows;
  private final @Nullable String tx;
  private final @Nullable String txKey;

  private Event(
      Instant ts,
      @Nullable String host,
      String kind,
      @Nullable LogRecord record,
      @Nullable AccessEntry request,
      int stream,
      long order,
      @Nullable String outcome,
      @Nullable RequestMatch match,
      SourceLocator.@Nullable Location source,
      @Nullable TxTotals totals,
      List<Marker> anomalies) {
    this.ts = ts;
    this.host = host;
    this.kind = kind;
    this.record = record;
    this.request = request;
    this.stream = stream;
    this.order = order;
    this.outcome = outcome;
    this.match = match;
    this.source = source;
    this.totals = totals;
    this.anomalies = List.copyOf(anomalies);
    this.statement = record != null && record.string(Fields.DB_OPERATION) != null;
    this.recordKind = record == null ? null : record.kind();
    this.table = record == null ? null : record.string(Fields.DB_COLLECTION);
    this.rows = record == null ? null : record.number(Fields.AFFECTED_ROWS);
    this.tx = record == null ? null : record.string(Fields.TX);
    this.txKey = tx == null ? null : host + "/" + record.number(Fields.PID) + "/" + tx;
  }

  /** This entry with what the timeline learned after reading it. */
  Event finished(
      @Nullable String outcome,
      @Nullable RequestMatch match,
      SourceLocator.@Nullable Location source,
      @Nullable TxTotals totals,
      List<Marker> anomalies) {
    return new Event(
        ts, host, kind, record, request, stream, order, outcome, match, source, totals, anomalies);
  }

  static Event of(LogRecord r, int stream) {
    return of(r, r.ts(), stream);
  }

  /** {@code ts} is {@code r.ts()}, parsed once already. */
  static Event of(LogRecord r, Instant ts, int stream) {
    return new Event(
        ts,
        r.string(Fields.HOST),
        r.kindName(),
        r,
        null,
        stream,
        r.seq(),
        null,
        null,
        null,
        null,
        List.of());
  }

  static Event of(AccessEntry a, int stream, long order) {
    return new Event(
        a.at(), a.host(), HTTP, null, a, stream, order, null, null, null, null, List.of());
  }

  boolean isHttp() {
    return request != null;
  }

  /** delete, truncate, tx_aggregate or blocked: records of statements. */
  boolean isStatement() {
    return statement;
  }

  /** The record's kind, or null for a request or a kind this version does not know. */
  @Nullable RecordKind recordKind() {
    return recordKind;
  }

  boolean isOutcome() {
    return recordKind == RecordKind.COMMIT || recordKind == RecordKind.ROLLBACK;
  }

  String table() {
    return table;
  }

  Long rows() {
    return rows;
  }

  /**
   * Rows ON DELETE CASCADE removed, per child table ({@code rowguard.cascade.deleted_rows}): with
   * this statement (delete), this table's deletes so far (tx_aggregate), the transaction's
   * (outcome); empty when none.
   */
  Map<String, Long> cascaded() {
    return record == null ? Map.of() : record.counts(Fields.CASCADE_DELETED_ROWS);
  }

  String tx() {
    return tx;
  }

  /** Transactions are unique per process run: host, pid and tx together name one. */
  String txKey() {
    return txKey;
  }

  String function() {
    return record == null ? null : record.string(Fields.CODE_FUNCTION);
  }

  /** {@code com.example.TenantSync.sync(TenantSync.java:42)}, or null. */
  String callSite() {
    String f = function();
    if (f == null) {
      return null;
    }
    String file = record.string(Fields.CODE_FILE);
    Long line = record.number(Fields.CODE_LINE);
    return file == null ? f : f + "(" + file + (line == null ? "" : ":" + line) + ")";
  }

  /** The OpenTelemetry trace the record was made in, or null. */
  @Nullable String traceId() {
    return record == null ? null : record.string(Fields.TRACE_ID);
  }

  /** With {@link #traceId}: the span, or null. */
  @Nullable String spanId() {
    return record == null ? null : record.string(Fields.SPAN_ID);
  }

  String reason() {
    return record == null ? null : record.string(Fields.REASON);
  }

  Map<String, String> context() {
    return record == null ? Map.of() : record.context();
  }
}
