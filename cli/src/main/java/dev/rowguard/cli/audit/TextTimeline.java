package dev.rowguard.cli.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code --format text}: one aligned line per entry (time with offset, host, kind, table, rows,
 * outcome, call site or request, anomaly markers), details indented below it.
 */
final class TextTimeline implements TimelineWriter {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS xxx");
  private static final String ROW = "%-30s %-12s %-12s %-16s %9s  %-11s %s%n";
  private static final String DETAIL = " ".repeat(31) + "| ";

  private final Writer out;
  private final ZoneId zone;
  private long entries;
  private long anomalies;

  TextTimeline(Writer out, ZoneId zone) {
    this.out = out;
    this.zone = zone;
  }

  @Override
  public void begin() throws IOException {
    out.write(
        String.format(
            Locale.ROOT,
            ROW,
            "TIME (" + zone.getId() + ")",
            "HOST",
            "KIND",
            "TABLE",
            "ROWS",
            "OUTCOME",
            "CALL SITE / REQUEST"));
  }

  @Override
  public void entry(Event e) throws IOException {
    entries++;
    anomalies += e.anomalies.size();
    String what =
        e.isHttp()
            ? e.request.summary()
                + (e.request.requestId() == null ? "" : "  [" + e.request.requestId() + "]")
            : e.totals != null ? totals(e) : nonNull(e.callSite());
    String markers =
        e.anomalies.stream().map(m -> "!" + m.anomaly().code()).collect(Collectors.joining(" "));
    out.write(
        String.format(
                    Locale.ROOT,
                    ROW,
                    TIME.format(e.ts.atZone(zone)),
                    cut(e.host, 12),
                    cut(e.kind, 12),
                    cut(e.table(), 16),
                    e.rows() == null || e.isHttp()
                        ? ""
                        : String.format(Locale.ROOT, "%,d", e.rows()),
                    nonNull(e.outcome),
                    markers.isEmpty() ? what : what + "  " + markers)
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
    if (!e.context().isEmpty()) {
      detail("context: " + context(e.context()));
    }
    if (e.match != null) {
      AccessEntry r = e.match.request();
      detail(
          "request: "
              + r.summary()
              + " at "
              + TIME.format(r.time().atZone(zone))
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

  private void detail(String text) throws IOException {
    out.write(DETAIL + text + System.lineSeparator());
  }

  @Override
  public void end() throws IOException {
    out.write(
        String.format(Locale.ROOT, "%,d entries, %,d anomaly marker(s)%n", entries, anomalies));
    out.flush();
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
      s.append(String.format(Locale.ROOT, ", %,d rows", e.rows()));
    }
    if (e.outcome != null) {
      s.append(", ").append(e.outcome);
    }
    if (e.callSite() != null) {
      s.append(" at ").append(e.callSite());
    }
    if (e.totals != null) {
      s.append(": ").append(totals(e));
    }
    for (Marker m : e.anomalies) {
      s.append(" [").append(m.anomaly().code()).append(": ").append(m.detail()).append(']');
    }
    return s.toString();
  }

  private static String totals(Event e) {
    TxTotals t = e.totals;
    String tables =
        t.rowsByTable().entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(x -> String.format(Locale.ROOT, "%s %,d", x.getKey(), x.getValue()))
            .collect(Collectors.joining(", "));
    return String.format(
        Locale.ROOT,
        "tx %s: %d recorded statement(s), %,d rows deleted in total%s",
        t.tx(),
        t.statements(),
        t.rows(),
        tables.isEmpty() ? "" : " (" + tables + ")");
  }

  private static String context(Map<String, String> ctx) {
    return ctx.entrySet().stream()
        .map(x -> x.getKey() + "=" + x.getValue())
        .collect(Collectors.joining(" "));
  }

  private static String cut(String s, int width) {
    return s == null ? "" : s.length() <= width ? s : s.substring(0, width - 1) + "~";
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
