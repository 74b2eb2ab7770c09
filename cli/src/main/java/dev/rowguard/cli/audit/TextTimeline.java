package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.RecordKind;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * {@code --format text}: the incident summary first (one line per request or transaction that
 * deleted at least {@code --many-rows} rows), then one aligned line per entry (time with offset,
 * host, kind, table, rows, outcome, call site or request, anomaly markers), details indented below
 * it. The summary is known only at the end, so the entries are spooled to a temporary file and
 * copied after it.
 */
final class TextTimeline implements TimelineWriter {

  /** {@code uuuu-MM-dd HH:mm:ss.SSS xxx}. */
  private static final CachedTimeFormat TIME =
      new CachedTimeFormat("uuuu-MM-dd HH:mm:ss", '.', 3, " xxx");

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

  /** {@link #SECONDS} with the offset where {@link #TIME} has it, for the time column. */
  private static final DateTimeFormatter SECONDS_ALIGNED =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss     xxx");

  /** The columns' widths: {@code %-30s %-12s %-12s %-16s %9s %-11s %s}. */
  private static final int[] ROW = {30, 12, 12, 16, 9, 11};

  private static final String DETAIL = " ".repeat(31) + "| ";

  private final Writer target;
  private final ZoneId zone;
  private final TraceLinks traces;
  private final Path spool;
  private final Writer out;
  private long entries;
  private long anomalies;

  TextTimeline(Writer target, ZoneId zone, TraceLinks traces) throws IOException {
    this.target = target;
    this.zone = zone;
    this.traces = traces;
    this.spool = Files.createTempFile("rowguard-timeline-", ".txt");
    spool.toFile().deleteOnExit();
    this.out = Files.newBufferedWriter(spool, StandardCharsets.UTF_8);
  }

  @Override
  public void begin() throws IOException {
    out.write(
        row(
                "TIME (" + zone.getId() + ")",
                "HOST",
                "KIND",
                "TABLE",
                "ROWS",
                "OUTCOME",
                "CALL SITE / REQUEST")
            + System.lineSeparator());
  }

  /** One line of the table, without its line separator. */
  private static String row(
      String time,
      String host,
      String kind,
      String table,
      String rows,
      String outcome,
      String what) {
    StringBuilder s = new StringBuilder(128);
    Columns.left(s, time, ROW[0]).append(' ');
    Columns.left(s, host, ROW[1]).append(' ');
    Columns.left(s, kind, ROW[2]).append(' ');
    Columns.left(s, table, ROW[3]).append(' ');
    Columns.right(s, rows, ROW[4]).append("  ");
    Columns.left(s, outcome, ROW[5]).append(' ');
    return s.append(what).toString();
  }

  @Override
  public void entry(Event e) throws IOException {
    entries++;
    anomalies += e.anomalies.size();
    String what =
        e.isHttp()
            ? e.request.summary()
                + (e.request.requestId() == null ? "" : "  [" + e.request.requestId() + "]")
            : e.isOutcome() && e.totals != null
                ? totals(e.totals)
                : crossing(e) + nonNull(e.callSite());
    StringBuilder markers = new StringBuilder();
    for (Marker m : e.anomalies) {
      markers.append(markers.length() == 0 ? "" : " ").append('!').append(m.anomaly().code());
    }
    out.write(
        row(
                    e.isHttp()
                        ? requestTime(e.request, SECONDS_ALIGNED)
                        : TIME.format(e.ts.atZone(zone)),
                    cut(e.host, 12),
                    cut(e.kind, 12),
                    cut(e.table(), 16),
                    e.rows() == null || e.isHttp() ? "" : Columns.grouped(shownRows(e)),
                    nonNull(e.outcome),
                    markers.length() == 0 ? what : what + "  " + markers)
                .stripTrailing()
            + System.lineSeparator());
    for (Marker m : e.anomalies) {
      detail("!" + m.anomaly().code() + ": " + m.anomaly().description() + ": " + m.detail());
    }
    if (Timeline.NOT_RECORDED.equals(e.outcome)) {
      detail(
          "outcome: no commit or rollback record: an autocommit statement (committed when it returned) or a transaction cut off");
    }
    if (e.reason() != null) {
      detail("reason: " + e.reason());
    }
    if (e.isStatement() && !e.cascaded().isEmpty()) {
      detail(
          "cascade: "
              + TxTotals.tables(e.cascaded())
              + (e.recordKind() == RecordKind.TX_AGGREGATE
                  ? " removed by ON DELETE CASCADE with this table's deletes so far"
                  : " removed by ON DELETE CASCADE with these rows"));
    }
    if (e.isStatement() && e.totals != null) {
      detail("transaction: " + totals(e.totals));
    }
    if (!e.context().isEmpty()) {
      detail("context: " + context(e.context()));
    }
    if (e.traceId() != null) {
      String url = traces.url(e);
      detail(
          "trace: "
              + e.traceId()
              + (e.spanId() == null ? "" : " span " + e.spanId())
              + (url == null ? "" : "  " + url));
    }
    if (e.match != null) {
      AccessEntry r = e.match.request();
      detail(
          "request: "
              + r.summary()
              + " at "
              + requestTime(r, SECONDS)
              + " from "
              + r.client()
              + (e.match.byId() ? " (same request id)" : " (same host, closest in time)"));
    }
    if (e.source != null) {
      detail(
          "source: "
              + e.source.file()
              + ":"
              + e.source.line()
              + (e.source.method() == null ? "" : " in " + e.source.method()));
      if (e.source.code() != null) {
        detail("  " + e.source.code());
      }
    }
  }

  /**
   * A request's time: its start when the line says how long it took, else the second it was logged
   * (when it ended, for nginx), without the milliseconds the log does not have.
   */
  private String requestTime(AccessEntry r, DateTimeFormatter seconds) {
    return r.duration() == null
        ? seconds.format(r.time().atZone(zone))
        : TIME.format(r.earliest().atZone(zone));
  }

  private void detail(String text) throws IOException {
    out.write(DETAIL + text + System.lineSeparator());
  }

  @Override
  public void end(Incidents summary) throws IOException {
    List<Incidents.Incident> incidents = summary.list();
    out.write(
        Columns.grouped(entries)
            + " entries, "
            + Columns.grouped(anomalies)
            + " anomaly marker(s)"
            + System.lineSeparator());
    out.close();
    if (!incidents.isEmpty()) {
      target.write(
          "INCIDENTS: "
              + incidents.size()
              + " request(s) or transaction(s) that deleted at least "
              + Columns.grouped(summary.manyRows())
              + " rows, final counts"
              + System.lineSeparator());
      for (Incidents.Incident i : incidents) {
        target.write(incident(i) + System.lineSeparator());
      }
      target.write(System.lineSeparator());
    }
    try (Reader in = Files.newBufferedReader(spool, StandardCharsets.UTF_8)) {
      char[] chunk = new char[1 << 16]; // Reader.transferTo copies 8 KB at a time
      for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
        target.write(chunk, 0, n);
      }
    } finally {
      Files.deleteIfExists(spool);
    }
    target.flush();
  }

  /** One line: when, where, outcome, final rows per table, for whom, which request, which code. */
  private String incident(Incidents.Incident i) {
    StringBuilder s =
        new StringBuilder(TIME.format(i.first.atZone(zone)))
            .append("  ")
            .append(i.host == null ? "" : i.host + "  ")
            .append(i.outcome())
            .append("  ")
            .append(TxTotals.tables(i.rowsByTable, i.cascadedByTable))
            .append(" (")
            .append(Columns.grouped(i.rows()))
            .append(" rows)");
    if (!i.context.isEmpty()) {
      s.append("  ").append(context(i.context));
    }
    if (i.match != null) {
      s.append("  request ")
          .append(i.match.request().summary())
          .append(i.match.byId() ? " (same request id)" : " (same host, closest in time)");
    }
    i.traces.forEach(
        (trace, first) -> {
          String url = traces.url(first);
          s.append("  trace ").append(trace).append(url == null ? "" : " " + url);
        });
    if (!i.callSites.isEmpty()) {
      s.append("  at ").append(String.join(", ", i.callSites));
    }
    if (i.deliberate) {
      s.append("  (@MassDelete)");
    }
    return s.toString();
  }

  /**
   * The rows shown for an entry: a tx_aggregate record marks the moment its table crossed the
   * threshold, so it shows the table's final rows in the transaction when they are known.
   */
  static long shownRows(Event e) {
    Long rows = e.rows();
    if (e.record != null
        && e.recordKind() == RecordKind.TX_AGGREGATE
        && e.totals != null
        && e.totals.rowsOf(e.table()) != null) {
      return e.totals.rowsOf(e.table());
    }
    return rows == null ? 0 : rows;
  }

  /** For a tx_aggregate record: "crossed 100 rows of call_log here (final 360) at ". */
  static String crossing(Event e) {
    if (e.record == null || e.recordKind() != RecordKind.TX_AGGREGATE || e.rows() == null) {
      return "";
    }
    Long last = e.totals == null ? null : e.totals.rowsOf(e.table());
    StringBuilder s = new StringBuilder("crossed ");
    Columns.appendGrouped(s, e.rows()).append(" rows of ").append(e.table()).append(" here");
    if (last != null) {
      Columns.appendGrouped(s.append(", "), last).append(" in the end");
    }
    return s.append("; at ").toString();
  }

  /** One sentence for an entry, as Timesketch shows it. */
  static String message(Event e) {
    if (e.isHttp()) {
      return "HTTP " + e.request.summary() + " from " + e.request.client();
    }
    StringBuilder s = new StringBuilder(e.kind);
    if (e.table() != null) {
      s.append(' ').append(e.table());
    }
    if (e.rows() != null) {
      Columns.appendGrouped(s.append(", "), e.rows()).append(" rows");
    }
    if (e.outcome != null) {
      s.append(", ").append(e.outcome);
    }
    if (e.callSite() != null) {
      s.append(" at ").append(e.callSite());
    }
    if (e.isOutcome() && e.totals != null) {
      s.append(": ").append(totals(e.totals));
    }
    for (Marker m : e.anomalies) {
      s.append(" [").append(m.anomaly().code()).append(": ").append(m.detail()).append(']');
    }
    return s.toString();
  }

  /** "tx X committed: 600 rows deleted in total (call_log 360, ...); 3 threshold crossing(s)". */
  static String totals(TxTotals t) {
    String tables = TxTotals.tables(t.rowsByTable(), t.cascadedByTable());
    StringBuilder s =
        new StringBuilder(128).append("tx ").append(t.tx()).append(' ').append(t.outcome());
    Columns.appendGrouped(s.append(": "), t.rows()).append(" rows deleted in total");
    if (!tables.isEmpty()) {
      s.append(" (").append(tables).append(')');
    }
    if (t.statements() > 0) {
      Columns.appendGrouped(s.append("; "), t.statements()).append(" statement(s) recorded");
    }
    if (t.crossings() > 0) {
      Columns.appendGrouped(s.append("; "), t.crossings())
          .append(" threshold crossing(s) by statements each below the row threshold");
    }
    return s.toString();
  }

  private static String context(Map<String, String> ctx) {
    StringBuilder s = new StringBuilder();
    ctx.forEach((k, v) -> s.append(s.length() == 0 ? "" : " ").append(k).append('=').append(v));
    return s.toString();
  }

  private static String cut(String s, int width) {
    return s == null ? "" : s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
