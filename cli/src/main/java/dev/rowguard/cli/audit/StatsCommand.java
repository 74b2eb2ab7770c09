package dev.rowguard.cli.audit;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.cli.EnumConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rowguard audit stats LOG...}: what the recorded deletes add up to. */
@Command(
    name = "stats",
    mixinStandardHelpOptions = true,
    description = {
      "Adds up deletes by table, tenant, request, outcome and day.",
      "Also by call site. A transaction counts with its final rows per table (from its commit or",
      "rollback record), an autocommit statement with its own rows; lists the largest recorded",
      "statements.",
      "Exit 0, or 2 on bad input."
    })
public final class StatsCommand implements Callable<Integer> {

  @Mixin LogArguments logs;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description = "Zone whose calendar days are counted and times shown (default UTC).")
  String zone;

  @Option(
      names = "--top",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many of the largest deletes to list (default 10).")
  int top;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  /** The {@code --format} values. */
  enum Format {
    TEXT,
    JSON;

    @Override
    public String toString() {
      return EnumConverter.label(this);
    }
  }

  @Spec CommandSpec spec;

  /** Statements and rows of one group. */
  private static final class Total {
    long statements;
    long rows;

    /** Of {@link #rows}, those ON DELETE CASCADE removed (by table only). */
    long cascaded;
  }

  private static final List<String> GROUPS =
      List.of("table", "tenant", "call site", "request", "outcome", "day");

  /** Transactions held open for their outcome at most this long in log time, as the timeline. */
  private static final Duration OPEN_AT_MOST = Duration.ofHours(1);

  private final Map<String, Map<String, Total>> groups = new LinkedHashMap<>();
  private final Transactions transactions = new Transactions();
  private long seen;
  private PriorityQueue<Event> largest;

  @Override
  public Integer call() throws IOException {
    TimelineCommand.atLeast("--top", top, 0);
    ZoneId z = zone == null ? ZoneOffset.UTC : Times.zone("--zone", zone);
    for (String g : GROUPS) {
      groups.put(g, new TreeMap<>());
    }
    largest =
        new PriorityQueue<>(
            Comparator.comparingLong((Event e) -> e.rows()).thenComparing(e -> e.ts));
    PrintWriter err = spec.commandLine().getErr();
    for (AuditLog log : logs.resolve()) {
      try (RecordCursor cursor =
          new RecordCursor(log, w -> err.println(spec.qualifiedName() + ": warning: " + w))) {
        for (LogRecord r = cursor.next(); r != null; r = cursor.next()) {
          count(Event.of(r, 0), z);
        }
      }
    }
    for (Transactions.Tx tx : transactions.expire(null)) {
      count(tx, z); // cut off before its outcome (a crash), or the log ends inside it
    }
    if (format == Format.JSON) {
      json(z);
    } else {
      text(z);
    }
    return 0;
  }

  /**
   * Adds a record up. Statements of a transaction wait in {@link Transactions} for its outcome
   * record, whose final rows per table replace theirs (tx_aggregate records and row-by-row deletes
   * below the threshold are in those totals, so nothing is counted twice); an autocommit statement
   * counts at once.
   */
  private void count(Event e, ZoneId z) {
    RecordKind kind = e.recordKind();
    boolean statement = kind == RecordKind.DELETE || kind == RecordKind.TRUNCATE;
    if (statement && top > 0 && e.rows() != null) {
      largest.add(e);
      if (largest.size() > top) {
        largest.poll();
      }
    }
    if (e.isOutcome()) {
      count(transactions.outcome(e), z);
    } else if (statement || kind == RecordKind.TX_AGGREGATE) {
      if (transactions.statement(e) == null) {
        long rows = e.rows() == null ? 0 : e.rows();
        String table = e.table() == null ? "(unknown)" : e.table();
        count(table, rows, e, Timeline.NOT_RECORDED, z);
        e.cascaded().forEach((child, n) -> cascade(child, n, e, Timeline.NOT_RECORDED, z));
      }
    }
    if (++seen % 1024 == 0) {
      for (Transactions.Tx tx : transactions.expire(e.ts.minus(OPEN_AT_MOST))) {
        count(tx, z);
      }
    }
  }

  /** A transaction's rows per table, each attributed to the table's first record. */
  private void count(Transactions.Tx tx, ZoneId z) {
    TxTotals t = tx.totalsSoFar();
    t.rowsByTable()
        .forEach(
            (table, rows) -> {
              Event first = tx.firstByTable.get(table);
              if (first == null) {
                first = tx.who();
              }
              if (first != null) {
                count(table, rows, first, t.outcome(), z);
              }
            });
    t.cascadedByTable()
        .forEach(
            (child, rows) -> {
              Event first = null;
              for (Map.Entry<String, Map<String, Long>> p : tx.cascadesByParent.entrySet()) {
                if (p.getValue().containsKey(child)) {
                  first = tx.firstByTable.get(p.getKey());
                  break;
                }
              }
              if (first == null) {
                first = tx.who();
              }
              if (first != null) {
                cascade(child, rows, first, t.outcome(), z);
              }
            });
  }

  /**
   * Rows ON DELETE CASCADE removed from {@code table} on behalf of {@code parent}'s delete: an
   * entry of their own table, and rows of the parent's groups (whose DELETES count the parent's
   * delete already).
   */
  private void cascade(String table, long rows, Event parent, String outcome, ZoneId z) {
    Total t = groups.get("table").computeIfAbsent(table, k -> new Total());
    t.statements++;
    t.rows += rows;
    t.cascaded += rows;
    groups
            .get("tenant")
            .computeIfAbsent(parent.context().getOrDefault("tenant", "(none)"), k -> new Total())
            .rows +=
        rows;
    groups
            .get("call site")
            .computeIfAbsent(
                parent.function() == null ? "(unknown)" : parent.function(), k -> new Total())
            .rows +=
        rows;
    String request = AccessMatcher.requestId(parent);
    groups
            .get("request")
            .computeIfAbsent(request == null ? "(none)" : request, k -> new Total())
            .rows +=
        rows;
    groups.get("outcome").computeIfAbsent(outcome, k -> new Total()).rows += rows;
    groups
            .get("day")
            .computeIfAbsent(parent.ts.atZone(z).toLocalDate().toString(), k -> new Total())
            .rows +=
        rows;
  }

  private void count(String table, long rows, Event who, String outcome, ZoneId z) {
    add("table", table, rows);
    add("tenant", who.context().getOrDefault("tenant", "(none)"), rows);
    add("call site", who.function() == null ? "(unknown)" : who.function(), rows);
    String request = AccessMatcher.requestId(who);
    add("request", request == null ? "(none)" : request, rows);
    add("outcome", outcome, rows);
    add("day", who.ts.atZone(z).toLocalDate().toString(), rows);
  }

  private void add(String group, String key, long rows) {
    Total t = groups.get(group).computeIfAbsent(key, k -> new Total());
    t.statements++;
    t.rows += rows;
  }

  private List<Event> largestFirst() {
    List<Event> list = new ArrayList<>(largest);
    list.sort(largest.comparator().reversed());
    return list;
  }

  private void text(ZoneId z) {
    PrintWriter out = spec.commandLine().getOut();
    groups.forEach(
        (group, totals) -> {
          out.printf(
              Locale.ROOT,
              "%-50s %10s %14s%n",
              "BY " + group.toUpperCase(Locale.ROOT),
              "DELETES",
              "ROWS");
          totals.entrySet().stream()
              .sorted(Comparator.comparingLong((Map.Entry<String, Total> x) -> -x.getValue().rows))
              .forEach(
                  x ->
                      out.printf(
                          Locale.ROOT,
                          "%-50s %,10d %,14d%s%n",
                          x.getKey(),
                          x.getValue().statements,
                          x.getValue().rows,
                          x.getValue().cascaded == 0
                              ? ""
                              : "  ("
                                  + Columns.grouped(x.getValue().cascaded)
                                  + " by ON DELETE CASCADE)"));
          out.println();
        });
    out.printf(Locale.ROOT, "LARGEST RECORDED STATEMENTS%n");
    for (Event e : largestFirst()) {
      out.printf(
          Locale.ROOT,
          "%,14d  %-16s %s  %s  %s%n",
          e.rows(),
          e.table(),
          EntryFields.TIME.format(e.ts.atZone(z)),
          e.host,
          e.callSite());
    }
    out.flush();
  }

  private void json(ZoneId z) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    groups.forEach(
        (group, totals) -> {
          Map<String, Object> g = new LinkedHashMap<>();
          totals.forEach(
              (k, t) -> {
                Map<String, Object> v = new LinkedHashMap<>();
                v.put("deletes", t.statements);
                v.put("rows", t.rows);
                if (t.cascaded > 0) {
                  v.put("cascaded_rows", t.cascaded);
                }
                g.put(k, v);
              });
          doc.put("by_" + group.replace(' ', '_'), g);
        });
    doc.put("largest", largestFirst().stream().map(e -> EntryFields.of(e, z)).toList());
    spec.commandLine()
        .getOut()
        .println(
            JsonTimeline.MAPPER
                .copy()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsString(doc));
  }
}
