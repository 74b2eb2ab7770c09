package dev.rowguard.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

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
   * Per table: rows and statements so far in this transaction, and whether tx_aggregate was
   * written.
   */
  static final class Tally {
    long rows;
    long statements;
    boolean aggregated;
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

  /** Adds a statement's rows to its table's tally and returns the tally. */
  synchronized Tally add(String table, long rows) {
    deletedRows += rows;
    Tally t = tables.computeIfAbsent(table, k -> new Tally());
    t.rows += rows;
    t.statements++;
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

  synchronized void markRecorded() {
    hasRecords = true;
  }

  synchronized boolean hasRecords() {
    return hasRecords;
  }

  synchronized long deletedRows() {
    return deletedRows;
  }

  /** Ends the transaction: the next delete starts a new one. */
  synchronized void reset() {
    txId = null;
    hasRecords = false;
    deletedRows = 0;
    tables.clear();
  }
}
