package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An entry as named fields: what the json, html and timesketch formats write. */
final class EntryFields {

  /**
   * ISO-8601 with microseconds and the offset, in the display zone: {@code
   * uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx}.
   */
  static final CachedTimeFormat TIME = new CachedTimeFormat("uuuu-MM-dd'T'HH:mm:ss", '.', 6, "xxx");

  private EntryFields() {}

  static Map<String, Object> of(Event e, ZoneId zone) {
    return of(e, zone, TraceLinks.NONE);
  }

  /** The entry's fields, with its {@code trace_url} from {@code --trace-url}. */
  static Map<String, Object> of(Event e, ZoneId zone, TraceLinks traces) {
    Map<String, Object> m = new LinkedHashMap<>();
    // a request without duration is shown at the second its line was logged, placed after it
    m.put(
        "time",
        TIME.format(
            (e.isHttp() && e.request.duration() == null ? e.request.time() : e.ts).atZone(zone)));
    put(m, "host", e.host);
    m.put("kind", e.kind);
    if (e.isHttp()) {
      AccessEntry a = e.request;
      m.put("request", request(a, zone));
      m.put("source_file", a.where());
    } else {
      put(m, "table", e.table());
      put(m, "rows", e.rows());
      put(m, "outcome", e.outcome);
      put(m, "tx", e.tx());
      put(m, "call_site", e.callSite());
      put(m, "reason", e.reason());
      if (!e.cascaded().isEmpty()) {
        m.put("cascaded_rows", e.cascaded());
      }
      if (!e.context().isEmpty()) {
        m.put("context", e.context());
      }
      put(m, "operation", e.record.string(Fields.DB_OPERATION));
      put(m, "query", e.record.string(Fields.DB_QUERY_TEXT));
      put(m, "trigger", e.record.string(Fields.TRIGGER));
      put(m, "thread", e.record.string(Fields.THREAD));
      put(m, "trace_id", e.traceId());
      put(m, "span_id", e.spanId());
      put(m, "trace_url", traces.url(e));
      put(m, "seq", e.record.seq());
      if (e.source != null) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("file", e.source.file().toString());
        s.put("line", e.source.line());
        put(s, "code", e.source.code());
        put(s, "method", e.source.method());
        m.put("source", s);
      }
      if (e.match != null) {
        Map<String, Object> r = request(e.match.request(), zone);
        r.put("matched_by", e.match.byId() ? "request id" : "host and time");
        m.put("request", r);
      }
      if (e.totals != null) {
        // statements: the rows of their table in the transaction in the end
        if (e.isStatement()) {
          put(m, "final_rows", e.totals.rowsOf(e.table()));
        }
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("outcome", e.totals.outcome());
        t.put("statements", e.totals.statements());
        t.put("crossings", e.totals.crossings());
        t.put("rows", e.totals.rows());
        t.put("rows_by_table", e.totals.rowsByTable());
        if (!e.totals.cascadedByTable().isEmpty()) {
          t.put("cascaded_rows_by_table", e.totals.cascadedByTable());
        }
        m.put("transaction", t);
      }
    }
    if (!e.anomalies.isEmpty()) {
      List<Map<String, String>> list = new ArrayList<>();
      for (Marker a : e.anomalies) {
        // in this order on every run (Map.of's order changes from one JVM to the next)
        Map<String, String> marker = new LinkedHashMap<>();
        marker.put("code", a.anomaly().code());
        marker.put("description", a.anomaly().description());
        marker.put("detail", a.detail());
        list.add(marker);
      }
      m.put("anomalies", list);
    }
    return m;
  }

  /**
   * One line of the incident summary as named fields (the html format's summary), with its traces'
   * links from {@code --trace-url}.
   */
  static Map<String, Object> of(Incidents.Incident i, ZoneId zone, TraceLinks traces) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("time", TIME.format(i.first.atZone(zone)));
    m.put("end", TIME.format(i.last.atZone(zone)));
    put(m, "host", i.host);
    m.put("outcome", i.outcome());
    m.put("rows", i.rows());
    m.put("rows_by_table", i.rowsByTable);
    if (!i.cascadedByTable.isEmpty()) {
      m.put("cascaded_rows_by_table", i.cascadedByTable);
    }
    if (!i.context.isEmpty()) {
      m.put("context", i.context);
    }
    put(m, "request_id", i.requestId);
    m.put("call_sites", List.copyOf(i.callSites));
    if (!i.traces.isEmpty()) {
      List<Map<String, Object>> list = new ArrayList<>();
      i.traces.forEach(
          (trace, first) -> {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("trace_id", trace);
            put(t, "trace_url", traces.url(first));
            list.add(t);
          });
      m.put("traces", list);
    }
    m.put("transactions", i.transactions);
    m.put("deliberate", i.deliberate);
    if (i.match != null) {
      Map<String, Object> r = request(i.match.request(), zone);
      r.put("matched_by", i.match.byId() ? "request id" : "host and time");
      m.put("request", r);
    }
    return m;
  }

  private static Map<String, Object> request(AccessEntry a, ZoneId zone) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("method", a.method());
    r.put("path", a.path());
    r.put("status", a.status());
    r.put("client", a.client());
    put(r, "request_id", a.requestId());
    if (a.duration() != null) {
      r.put("start", TIME.format(a.earliest().atZone(zone)));
      r.put("duration_ms", a.duration().toNanos() / 1e6);
    }
    r.put("where", a.where());
    return r;
  }

  private static void put(Map<String, Object> m, String k, Object v) {
    if (v != null) {
      m.put(k, v);
    }
  }
}
