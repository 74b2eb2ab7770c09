package dev.rowguard.audit;

import dev.rowguard.audit.log.RowBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What the audit listener knows about one connection's current transaction: its id, the rows its
 * DELETEs removed per table, and whether it has records (so its commit or rollback is recorded). A
 * connection is used by one thread at a time (JDBC), so access is guarded by the instance lock only
 * against the rare pool hand-over.
 */
final class ConnectionState {

  private static final String RUN =
      Long.toString(System.nanoTime() ^ ProcessHandle.current().pid(), 36);
  private static final AtomicLong NEXT = new AtomicLong();

  private DatabaseInfo database;
  private String txId;
  private boolean hasRecords;
  private long deletedRows;
  private final Map<String, Tally> tables = new HashMap<>();

  /**
   * Captured rows of this transaction's deletes that are not in the log yet, per table: deletes
   * below the threshold, kept until their table's deletes cross it (then written with the {@code
   * tx_aggregate}), or the transaction ends (written with the commit for a table that crossed, else
   * dropped).
   */
  private final Map<String, List<RowBatch.Table>> buffered = new LinkedHashMap<>();

  /**
   * Per table: deletes of this transaction below the threshold whose rows were not captured (a
   * shape that is not read, a read that failed), not in the log yet; written with the table's
   * {@code tx_aggregate} or its commit, like {@link #buffered}.
   */
  private final Map<String, NotCaptured> notCaptured = new LinkedHashMap<>();

  /** How many statements' rows were not captured, and why (each reason once). */
  static final class NotCaptured {
    long statements;
    final java.util.Set<String> reasons = new java.util.LinkedHashSet<>();

    void add(long n, java.util.Collection<String> why) {
      statements += n;
      reasons.addAll(why);
    }

    String reasons() {
      return String.join("; ", reasons);
    }
  }

  /** Captured rows held or written in this transaction, against {@code captureMaxRows}. */
  private long captured;

  /**
   * Per table: rows and statements so far in this transaction, and whether tx_aggregate was
   * written.
   */
  static final class Tally {
    long rows;
    long statements;
    boolean aggregated;

    /** Rows {@code ON DELETE CASCADE} removed with this table's deletes, per table. */
    final Map<String, Long> cascaded = new java.util.TreeMap<>();

    /** The rows with those of the cascades: what the threshold compares. */
    long withCascades() {
      long n = rows;
      for (long c : cascaded.values()) {
        n += c;
      }
      return n;
    }
  }

  synchronized DatabaseInfo database(java.sql.Connection raw) {
    if (database == null) {
      database = DatabaseInfo.of(raw);
    }
    return database;
  }

  synchronized String txId() {
    if (txId == null) {
      txId = RUN + "-" + NEXT.incrementAndGet();
    }
    return txId;
  }

  /**
   * Adds a statement's rows, and those its cascades removed per table, to its table's tally and
   * returns the tally.
   */
  synchronized Tally add(String table, long rows, Map<String, Long> cascaded) {
    deletedRows += rows;
    Tally t = tables.computeIfAbsent(table, k -> new Tally());
    t.rows += rows;
    t.statements++;
    cascaded.forEach((k, v) -> t.cascaded.merge(k, v, Long::sum));
    return t;
  }

  /** Rows deleted per table in this transaction. */
  synchronized Map<String, Long> rowsByTable() {
    Map<String, Long> out = new java.util.TreeMap<>();
    tables.forEach((table, tally) -> out.put(table, tally.rows));
    return out;
  }

  synchronized long rowsSoFar(String table) {
    Tally t = tables.get(table);
    return t == null ? 0 : t.rows;
  }

  /** Rows deleted from {@code table} in this transaction, with those its cascades removed. */
  synchronized long rowsWithCascadesSoFar(String table) {
    Tally t = tables.get(table);
    return t == null ? 0 : t.withCascades();
  }

  /**
   * The rows {@code table}'s deletes in this transaction removed by cascade, per table, with those
   * of one more statement ({@code more}).
   */
  synchronized Map<String, Long> cascadedSoFar(String table, Map<String, Long> more) {
    Map<String, Long> out = new java.util.TreeMap<>(more);
    Tally t = tables.get(table);
    if (t != null) {
      t.cascaded.forEach((k, v) -> out.merge(k, v, Long::sum));
    }
    return out;
  }

  /**
   * Rows {@code ON DELETE CASCADE} removed in this transaction, per table they were removed from
   * (over the deletes of every table); empty when none.
   */
  synchronized Map<String, Long> cascadedByTable() {
    Map<String, Long> out = new java.util.TreeMap<>();
    tables.values().forEach(t -> t.cascaded.forEach((k, v) -> out.merge(k, v, Long::sum)));
    return out;
  }

  synchronized void markRecorded() {
    hasRecords = true;
  }

  synchronized boolean hasRecords() {
    return hasRecords;
  }

  synchronized long deletedRows() {
    return deletedRows;
  }

  /** Rows that may still be captured in this transaction under {@code max}. */
  synchronized long captureBudget(long max) {
    return Math.max(0, max - captured);
  }

  /** Counts rows captured and written at once (a statement's own record). */
  synchronized void countCaptured(long rows) {
    captured += rows;
  }

  /** Keeps a capture below the threshold until its table crosses it or the transaction ends. */
  synchronized void buffer(String table, List<RowBatch.Table> rows) {
    for (RowBatch.Table t : rows) {
      captured += t.rows().size();
    }
    buffered.computeIfAbsent(table, k -> new ArrayList<>()).addAll(rows);
  }

  /** Takes the buffered captures of {@code table}. */
  synchronized List<RowBatch.Table> takeBuffered(String table) {
    List<RowBatch.Table> out = buffered.remove(table);
    return out == null ? List.of() : out;
  }

  /** Takes the buffered captures of every table whose deletes crossed the threshold. */
  synchronized List<RowBatch.Table> takeBufferedOfAggregated() {
    List<RowBatch.Table> out = new ArrayList<>();
    var it = buffered.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, List<RowBatch.Table>> e = it.next();
      Tally t = tables.get(e.getKey());
      if (t != null && t.aggregated) {
        out.addAll(e.getValue());
        it.remove();
      }
    }
    return out;
  }

  /** Notes a delete below the threshold whose rows were not captured, and why. */
  synchronized void notCaptured(String table, String why) {
    notCaptured.computeIfAbsent(table, k -> new NotCaptured()).add(1, List.of(why));
  }

  /** Takes what {@link #notCaptured(String, String)} noted of {@code table}, or null. */
  synchronized @Nullable NotCaptured takeNotCaptured(String table) {
    return notCaptured.remove(table);
  }

  /** Takes what was noted of every table whose deletes crossed the threshold, or null. */
  synchronized @Nullable NotCaptured takeNotCapturedOfAggregated() {
    NotCaptured out = null;
    var it = notCaptured.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, NotCaptured> e = it.next();
      Tally t = tables.get(e.getKey());
      if (t != null && t.aggregated) {
        if (out == null) {
          out = new NotCaptured();
        }
        out.add(e.getValue().statements, e.getValue().reasons);
        it.remove();
      }
    }
    return out;
  }

  /** Ends the transaction: the next delete starts a new one. */
  synchronized void reset() {
    txId = null;
    hasRecords = false;
    deletedRows = 0;
    tables.clear();
    buffered.clear();
    notCaptured.clear();
    captured = 0;
  }
}
