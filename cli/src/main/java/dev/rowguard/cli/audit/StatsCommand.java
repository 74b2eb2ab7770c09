package dev.rowguard.cli.audit;

import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.cli.EnumConverter;
import java.io.IOException;
import java.io.PrintWriter;
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
      "Adds up the recorded deletes per table, tenant, call site and day.",
      "Counts delete and truncate records and lists the largest deletes. Exit 0, or 2 on bad input."
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
  }

  private final Map<String, Map<String, Total>> groups = new LinkedHashMap<>();
  private PriorityQueue<Event> largest;

  @Override
  public Integer call() throws IOException {
    TimelineCommand.atLeast("--top", top, 0);
    ZoneId z = zone == null ? ZoneOffset.UTC : Times.zone("--zone", zone);
    for (String g : List.of("table", "tenant", "call site", "day")) {
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
    if (format == Format.JSON) {
      json(z);
    } else {
      text(z);
    }
    return 0;
  }

  private void count(Event e, ZoneId z) {
    RecordKind kind = e.record.kind();
    if (kind != RecordKind.DELETE && kind != RecordKind.TRUNCATE) {
      return;
    }
    long rows = e.rows() == null ? 0 : e.rows();
    add("table", e.table() == null ? "(unknown)" : e.table(), rows);
    add("tenant", e.context().getOrDefault("tenant", "(none)"), rows);
    add("call site", e.function() == null ? "(unknown)" : e.function(), rows);
    add("day", e.ts.atZone(z).toLocalDate().toString(), rows);
    if (top > 0 && e.rows() != null) {
      largest.add(e);
      if (largest.size() > top) {
        largest.poll();
      }
    }
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
                          "%-50s %,10d %,14d%n",
                          x.getKey(),
                          x.getValue().statements,
                          x.getValue().rows));
          out.println();
        });
    out.printf(Locale.ROOT, "LARGEST DELETES%n");
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
          totals.forEach((k, t) -> g.put(k, Map.of("deletes", t.statements, "rows", t.rows)));
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
