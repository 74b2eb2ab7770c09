package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One timeline entry: an audit record, or an HTTP request from an access log. What the timeline
 * learns later (the transaction outcome, the matching request, the source line, anomalies) is set
 * on it before it is written.
 */
final class Event {

  /** The kind of entries from access logs. */
  static final String HTTP = "http";

  final Instant ts;
  final String host;
  final String kind;
  final LogRecord record;
  final AccessEntry request;
  /** The log (or access log) it came from, and the order within it, to keep merges stable. */
  final int stream;
  final long order;

  /** committed, rolled back, or null while unknown / for entries outside transactions. */
  String outcome;
  /** The HTTP request this delete was made in, and whether it was matched by request id. */
  AccessEntry matchedRequest;
  boolean matchedById;
  /** From --source: the call site's line of code and enclosing method. */
  SourceLocator.Location source;
  /** The transaction of a statement, commit or rollback, or null. */
  Transactions.Tx tx;
  /** For commit and rollback: the transaction's totals. */
  Transactions.Totals totals;
  final List<Marker> anomalies = new ArrayList<>();

  private Event(Instant ts, String host, String kind, LogRecord record, AccessEntry request, int stream, long order) {
    this.ts = ts;
    this.host = host;
    this.kind = kind;
    this.record = record;
    this.request = request;
    this.stream = stream;
    this.order = order;
  }

  static Event of(LogRecord r, int stream) {
    return new Event(r.ts(), r.string(Fields.HOST), r.kindName(), r, null, stream, r.seq());
  }

  static Event of(AccessEntry a, int stream, long order) {
    return new Event(a.time(), a.host(), HTTP, null, a, stream, order);
  }

  boolean isHttp() {
    return request != null;
  }

  /** delete, truncate, tx_aggregate or blocked: records of statements. */
  boolean isStatement() {
    return record != null && record.string(Fields.DB_OPERATION) != null;
  }

  boolean isOutcome() {
    return record != null && (record.kind() == RecordKind.COMMIT || record.kind() == RecordKind.ROLLBACK);
  }

  String table() {
    return record == null ? null : record.string(Fields.DB_COLLECTION);
  }

  Long rows() {
    return record == null ? null : record.number(Fields.AFFECTED_ROWS);
  }

  String tx() {
    return record == null ? null : record.string(Fields.TX);
  }

  /** Transactions are unique per process run: host, pid and tx together name one. */
  String txKey() {
    String tx = tx();
    return tx == null ? null : host + "/" + record.number(Fields.PID) + "/" + tx;
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

  String reason() {
    return record == null ? null : record.string(Fields.REASON);
  }

  Map<String, String> context() {
    return record == null ? Map.of() : record.context();
  }
}
