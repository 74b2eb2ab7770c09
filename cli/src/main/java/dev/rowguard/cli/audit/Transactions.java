package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.RecordKind;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Joins statements to the commit or rollback of their transaction and adds up what each transaction
 * deleted. A transaction is open from its first record to its outcome record; only open ones are
 * held.
 */
final class Transactions {

  /** What one transaction did, as far as the log shows. */
  static final class Tx {
    final @Nullable String key;
    @Nullable String outcome;
    long statements;

    /**
     * Rows per table: recorded statements, or the tx_aggregate or outcome-record total when larger
     * (they also count unrecorded deletes).
     */
    final Map<String, Long> rowsByTable = new TreeMap<>();

    final Set<String> tenants = new HashSet<>();
    boolean massDelete;

    /** Whether any of its statements passed the filters, so its outcome is shown too. */
    boolean shown;

    /** Set with the outcome. */
    @Nullable TxTotals totals;

    Tx(@Nullable String key) {
      this.key = key;
    }

    /** The table with the most rows deleted, or null. */
    Map.Entry<String, Long> largestTable() {
      return rowsByTable.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
    }
  }

  /** Tenants remembered per transaction: enough to say "many". */
  private static final int MAX_TENANTS = 1000;

  private final Map<String, Tx> open = new HashMap<>();

  /** Records a statement, returning its transaction (null for a statement with no tx). */
  @Nullable Tx statement(Event e) {
    String key = e.txKey();
    if (key == null) {
      return null;
    }
    Tx tx = open.computeIfAbsent(key, Tx::new);
    long rows = e.rows() == null ? 0 : e.rows();
    String table = e.table() == null ? "?" : e.table();
    RecordKind kind = e.record == null ? null : e.record.kind();
    if (kind == RecordKind.DELETE || kind == RecordKind.TRUNCATE) {
      tx.statements++;
      tx.rowsByTable.merge(table, rows, Long::sum);
      tx.massDelete = true;
    } else if (kind == RecordKind.TX_AGGREGATE) {
      tx.rowsByTable.merge(table, rows, Math::max);
      tx.massDelete = true;
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
    open.remove(tx.key, tx);
  }

  /** Closes the transaction of a commit or rollback record and adds up its totals. */
  Tx outcome(Event e) {
    String key = e.txKey();
    Tx tx = key == null ? null : open.remove(key);
    if (tx == null) {
      tx = new Tx(key);
    }
    tx.outcome = e.record.kind() == RecordKind.COMMIT ? "committed" : "rolled back";
    // The outcome record holds the final rows per table; tx_aggregate records were written when a
    // table crossed the threshold, so they undercount whatever was deleted afterwards.
    Map<String, Long> rowsByTable = tx.rowsByTable;
    e.record
        .counts(Fields.TX_DELETED_ROWS)
        .forEach((table, rows) -> rowsByTable.merge(table, rows, Math::max));
    long total =
        e.rows() != null
            ? e.rows()
            : tx.rowsByTable.values().stream().mapToLong(Long::longValue).sum();
    tx.totals = new TxTotals(e.tx(), tx.statements, total, tx.rowsByTable);
    return tx;
  }
}
