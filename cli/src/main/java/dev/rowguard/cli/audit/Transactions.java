package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.RecordKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Joins statements to the commit or rollback of their transaction and adds up what each transaction
 * deleted: the one place that knows how records add up. A {@code delete} or {@code truncate} record
 * is one statement and its rows; a {@code tx_aggregate} record is the moment a table's rows in the
 * transaction reached the threshold (its rows are the total so far, not an addition); the outcome
 * record carries the final rows per table. A transaction is open from its first record to its
 * outcome record; only open ones are held.
 *
 * <p>Rows {@code ON DELETE CASCADE} removed ({@code rowguard.cascade.deleted_rows}, per child
 * table) are kept apart from the tables' own rows, which never include them: a delete record
 * carries its statement's cascades, a tx_aggregate record the total so far of its table's deletes
 * (so it replaces, not adds to, what that table's records carried), an outcome record that has the
 * member the transaction's final cascades.
 */
final class Transactions {

  /** What one transaction did, as far as the log shows. */
  static final class Tx {
    final @Nullable String key;

    /** The transaction's name in the log ({@code tx}), from its first record. */
    @Nullable String name;

    @Nullable String outcome;

    /** Recorded delete and truncate statements. */
    long statements;

    /** tx_aggregate records: threshold crossings. */
    long crossings;

    /**
     * Rows per table: recorded statements, or the tx_aggregate or outcome-record total when larger
     * (they also count unrecorded deletes). Final once {@link #outcome} is set.
     */
    final Map<String, Long> rowsByTable = new TreeMap<>();

    /**
     * Rows ON DELETE CASCADE removed with the deletes of each table: parent table, then child table
     * and rows.
     */
    final Map<String, Map<String, Long>> cascadesByParent = new TreeMap<>();

    /** The outcome record's cascaded rows per child table, when it has them: final. */
    Map<String, Long> outcomeCascades = Map.of();

    /** Recorded delete and truncate statements per table. */
    final Map<String, Long> statementsByTable = new TreeMap<>();

    /** The first record of each table: who asked for its deletes (call site, context). */
    final Map<String, Event> firstByTable = new LinkedHashMap<>();

    final Set<String> tenants = new HashSet<>();
    boolean massDelete;

    /** Whether every statement carried a {@code @MassDelete} reason: a deliberate purge. */
    boolean deliberate = true;

    @Nullable Instant first;

    /** The request the first statement shown was matched to, by the timeline. */
    @Nullable RequestMatch match;

    /** Whether any of its statements passed the filters, so its outcome is shown too. */
    boolean shown;

    /** Whether the incident summary has it already. */
    boolean summarized;

    /** Set with the outcome. */
    @Nullable TxTotals totals;

    Tx(@Nullable String key) {
      this.key = key;
    }

    /** The table with the most rows deleted, its own and by cascade, or null. */
    Map.Entry<String, Long> largestTable() {
      Map<String, Long> all = new TreeMap<>(rowsByTable);
      cascaded().forEach((table, rows) -> all.merge(table, rows, Long::sum));
      return all.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }

    /** Rows deleted, with those ON DELETE CASCADE removed. */
    long rows() {
      return sum(rowsByTable) + sum(cascaded());
    }

    /** Rows ON DELETE CASCADE removed, per child table, as far as known. */
    Map<String, Long> cascaded() {
      if (cascadesByParent.isEmpty() && outcomeCascades.isEmpty()) {
        return Map.of();
      }
      Map<String, Long> out = new TreeMap<>();
      cascadesByParent
          .values()
          .forEach(c -> c.forEach((table, rows) -> out.merge(table, rows, Long::sum)));
      outcomeCascades.forEach((table, rows) -> out.merge(table, rows, Math::max));
      return out;
    }

    /** The first record with context (the request or job it ran for), else the first record. */
    @Nullable Event who() {
      Event any = null;
      for (Event e : firstByTable.values()) {
        if (!e.context().isEmpty()) {
          return e;
        }
        any = any == null ? e : any;
      }
      return any;
    }

    /** The totals as far as known: final with an outcome record, else what was recorded. */
    TxTotals totalsSoFar() {
      return totals != null
          ? totals
          : new TxTotals(
              name,
              statements,
              crossings,
              rows(),
              rowsByTable,
              cascaded(),
              outcome == null ? Timeline.NOT_RECORDED : outcome);
    }
  }

  static long sum(Map<String, Long> rowsByTable) {
    long n = 0;
    for (long rows : rowsByTable.values()) {
      n += rows;
    }
    return n;
  }

  /** Tenants remembered per transaction: enough to say "many". */
  private static final int MAX_TENANTS = 1000;

  /** Insertion order is first-record order, for {@link #expire}. */
  private final Map<String, Tx> open = new LinkedHashMap<>();

  /** Records a statement, returning its transaction (null for a statement with no tx). */
  @Nullable Tx statement(Event e) {
    String key = e.txKey();
    if (key == null) {
      return null;
    }
    Tx tx = open.computeIfAbsent(key, Tx::new);
    if (tx.first == null) {
      tx.first = e.ts;
      tx.name = e.tx();
    }
    long rows = e.rows() == null ? 0 : e.rows();
    String table = e.table() == null ? "?" : e.table();
    RecordKind kind = e.recordKind();
    if (kind == RecordKind.DELETE || kind == RecordKind.TRUNCATE) {
      tx.statements++;
      tx.statementsByTable.merge(table, 1L, Long::sum);
      tx.rowsByTable.merge(table, rows, Long::sum);
      Map<String, Long> cascades = tx.cascadesByParent.computeIfAbsent(table, t -> new TreeMap<>());
      e.cascaded().forEach((child, n) -> cascades.merge(child, n, Long::sum));
      tx.massDelete = true;
    } else if (kind == RecordKind.TX_AGGREGATE) {
      tx.crossings++;
      tx.rowsByTable.merge(table, rows, Math::max);
      Map<String, Long> cascades = tx.cascadesByParent.computeIfAbsent(table, t -> new TreeMap<>());
      e.cascaded().forEach((child, n) -> cascades.merge(child, n, Math::max));
      tx.massDelete = true;
    } else {
      return tx; // blocked: rolled back to its savepoint, nothing deleted
    }
    tx.firstByTable.putIfAbsent(table, e);
    if (e.reason() == null) {
      tx.deliberate = false;
    }
    String tenant = e.context().get("tenant");
    if (tenant != null && tx.tenants.size() < MAX_TENANTS) {
      tx.tenants.add(tenant);
    }
    return tx;
  }

  /**
   * Stops waiting for the outcome of {@code tx}: autocommit statements never get one, and the map
   * of open transactions must not grow with them.
   */
  void forget(Tx tx) {
    if (tx.key != null) {
      open.remove(tx.key, tx);
    }
  }

  /** Forgets and returns the open transactions whose first record is before {@code limit}. */
  List<Tx> expire(@Nullable Instant limit) {
    List<Tx> gone = new ArrayList<>();
    for (Iterator<Tx> i = open.values().iterator(); i.hasNext(); ) {
      Tx tx = i.next();
      if (limit != null && tx.first != null && !tx.first.isBefore(limit)) {
        break; // nearly in time order: the rest started later
      }
      i.remove();
      gone.add(tx);
    }
    return gone;
  }

  /** Closes the transaction of a commit or rollback record and adds up its totals. */
  Tx outcome(Event e) {
    String key = e.txKey();
    Tx tx = key == null ? null : open.remove(key);
    if (tx == null) {
      tx = new Tx(key);
      tx.deliberate = false;
      tx.first = e.ts;
      tx.name = e.tx();
    }
    tx.outcome = e.recordKind() == RecordKind.COMMIT ? "committed" : "rolled back";
    // The outcome record holds the final rows per table; tx_aggregate records were written when a
    // table crossed the threshold, so they undercount whatever was deleted afterwards.
    Map<String, Long> rowsByTable = tx.rowsByTable;
    e.record
        .counts(Fields.TX_DELETED_ROWS)
        .forEach((table, rows) -> rowsByTable.merge(table, rows, Math::max));
    tx.outcomeCascades = e.cascaded();
    Map<String, Long> cascaded = tx.cascaded();
    long own = sum(rowsByTable);
    long total = (e.rows() != null ? Math.max(e.rows(), own) : own) + sum(cascaded);
    tx.totals =
        new TxTotals(
            e.tx(), tx.statements, tx.crossings, total, tx.rowsByTable, cascaded, tx.outcome);
    return tx;
  }
}
