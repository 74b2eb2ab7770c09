package dev.rowguard.cli.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The incident summary at the top of the timeline: per request (by the request id in the context)
 * or else per transaction, what it deleted in the end, when, for whom, by which code, and whether
 * it was committed. Only those that deleted at least {@code --many-rows} rows are listed.
 */
final class Incidents {

  /** Trace ids kept per incident: a request is one trace; a job may have many. */
  static final int MAX_TRACES = 10;

  /** Groups held before small, finished ones are dropped: bounds memory on huge logs. */
  private static final int MAX_GROUPS = 10_000;

  /** One request's or transaction's deletes. */
  static final class Incident {
    final @Nullable String requestId;
    Instant first;
    Instant last;
    @Nullable String host;
    Map<String, String> context = Map.of();
    final Map<String, Long> rowsByTable = new TreeMap<>();

    /** Rows ON DELETE CASCADE removed, per child table (not in {@link #rowsByTable}). */
    final Map<String, Long> cascadedByTable = new TreeMap<>();

    final Set<String> outcomes = new LinkedHashSet<>();
    final Set<String> callSites = new LinkedHashSet<>();
    final List<String> transactions = new ArrayList<>();
    @Nullable RequestMatch match;

    /**
     * The OpenTelemetry traces its records were made in (at most {@link #MAX_TRACES}), each with
     * the first record that carries it (its span, for {@code --trace-url}).
     */
    final Map<String, Event> traces = new LinkedHashMap<>();

    /** Every delete carried a {@code @MassDelete} reason. */
    boolean deliberate = true;

    Incident(@Nullable String requestId, Instant first) {
      this.requestId = requestId;
      this.first = first;
      this.last = first;
    }

    /** Every row deleted: the tables' own and those ON DELETE CASCADE removed. */
    long rows() {
      return Transactions.sum(rowsByTable) + Transactions.sum(cascadedByTable);
    }

    /** "committed", "rolled back", or e.g. "committed and rolled back" across transactions. */
    String outcome() {
      return String.join(" and ", outcomes);
    }
  }

  private final long manyRows;
  private final Map<String, Incident> groups = new LinkedHashMap<>();

  Incidents(long manyRows) {
    this.manyRows = manyRows;
  }

  /**
   * Adds a transaction whose rows are final (its outcome record was read, or it was given up on);
   * {@code end} is the time of its outcome record or its last statement.
   */
  void add(Transactions.Tx tx, Instant end) {
    Event who = tx.who();
    if (who == null || tx.rowsByTable.isEmpty()) {
      return;
    }
    TxTotals t = tx.totalsSoFar();
    add(
        who,
        tx.first == null ? who.ts : tx.first,
        end,
        t.rowsByTable(),
        t.cascadedByTable(),
        t.outcome(),
        tx.firstByTable.values().stream().map(Event::callSite).toList(),
        tx.firstByTable.values(),
        t.tx(),
        tx.match,
        tx.deliberate);
  }

  /** Adds a statement outside any transaction the log names. */
  void add(Event statement, @Nullable RequestMatch match) {
    Long rows = statement.rows();
    if (rows == null || statement.table() == null) {
      return;
    }
    add(
        statement,
        statement.ts,
        statement.ts,
        Map.of(statement.table(), rows),
        statement.cascaded(),
        Timeline.NOT_RECORDED,
        Collections.singletonList(statement.callSite()),
        List.of(statement),
        null,
        match,
        statement.reason() != null);
  }

  private void add(
      Event who,
      Instant start,
      Instant end,
      Map<String, Long> rowsByTable,
      Map<String, Long> cascadedByTable,
      String outcome,
      List<@Nullable String> callSites,
      java.util.Collection<Event> records,
      @Nullable String tx,
      @Nullable RequestMatch match,
      boolean deliberate) {
    String requestId = AccessMatcher.requestId(who);
    String key =
        requestId != null
            ? "request " + requestId
            : "tx " + who.host + "/" + tx + "/" + start + "/" + who.order;
    Incident i = groups.computeIfAbsent(key, k -> new Incident(requestId, start));
    if (start.isBefore(i.first)) {
      i.first = start;
    }
    if (end.isAfter(i.last)) {
      i.last = end;
    }
    if (i.host == null) {
      i.host = who.host;
    }
    if (i.context.isEmpty()) {
      i.context = who.context();
    }
    rowsByTable.forEach((table, rows) -> i.rowsByTable.merge(table, rows, Long::sum));
    cascadedByTable.forEach((table, rows) -> i.cascadedByTable.merge(table, rows, Long::sum));
    i.outcomes.add(outcome);
    callSites.forEach(
        c -> {
          if (c != null) {
            i.callSites.add(c);
          }
        });
    for (Event r : records) {
      String trace = r.traceId();
      if (trace != null && i.traces.size() < MAX_TRACES) {
        i.traces.putIfAbsent(trace, r);
      }
    }
    if (tx != null) {
      i.transactions.add(tx);
    }
    if (i.match == null) {
      i.match = match;
    }
    i.deliberate &= deliberate;
    if (groups.size() > MAX_GROUPS) {
      shrink();
    }
  }

  /**
   * Drops groups down to half of {@link #MAX_GROUPS}, those with the fewest rows first (the oldest
   * of equal ones). Every record of a real log is a mass delete, so all groups can be incidents:
   * dropping only the small ones would scan them all on every record past the limit.
   */
  private void shrink() {
    List<Map.Entry<String, Incident>> byRows = new ArrayList<>(groups.entrySet());
    byRows.sort(Comparator.comparingLong(g -> g.getValue().rows()));
    for (int n = 0; n < byRows.size() && groups.size() > MAX_GROUPS / 2; n++) {
      groups.remove(byRows.get(n).getKey());
    }
  }

  long manyRows() {
    return manyRows;
  }

  /** Those that deleted at least {@code --many-rows} rows, in time order. */
  List<Incident> list() {
    return groups.values().stream()
        .filter(i -> i.rows() >= manyRows)
        .sorted(Comparator.comparing((Incident i) -> i.first))
        .toList();
  }
}
