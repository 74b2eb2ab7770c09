package dev.rowguard.cli.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The totals of one transaction: recorded statements, threshold crossings (tx_aggregate records),
 * rows in total and per table (final when the outcome record gave them), and the outcome.
 *
 * @param rows every row deleted: the tables' own and those ON DELETE CASCADE removed
 * @param rowsByTable each table's own rows (what its DELETE statements reported)
 * @param cascadedByTable rows ON DELETE CASCADE removed, per child table
 */
record TxTotals(
    @Nullable String tx,
    long statements,
    long crossings,
    long rows,
    Map<String, Long> rowsByTable,
    Map<String, Long> cascadedByTable,
    String outcome) {

  TxTotals {
    rowsByTable = Map.copyOf(rowsByTable);
    cascadedByTable = Map.copyOf(cascadedByTable);
  }

  /**
   * "call_log 360 by cascade, recording 120 by cascade, tenant 120": tables by name, each with its
   * own rows and those ON DELETE CASCADE removed ("call_log 10 + 360 by cascade").
   */
  static String tables(Map<String, Long> rowsByTable, Map<String, Long> cascadedByTable) {
    if (cascadedByTable.isEmpty()) {
      return tables(rowsByTable);
    }
    java.util.Set<String> names = new java.util.TreeSet<>(rowsByTable.keySet());
    names.addAll(cascadedByTable.keySet());
    StringBuilder s = new StringBuilder();
    for (String table : names) {
      Long own = rowsByTable.get(table);
      Long cascaded = cascadedByTable.get(table);
      s.append(s.length() == 0 ? "" : ", ").append(table).append(' ');
      if (own != null) {
        Columns.appendGrouped(s, own);
      }
      if (cascaded != null) {
        Columns.appendGrouped(s.append(own == null ? "" : " + "), cascaded).append(" by cascade");
      }
    }
    return s.toString();
  }

  /** "call_log 360, recording 120, tenant 120": tables by name. */
  static String tables(Map<String, Long> rowsByTable) {
    Map<String, Long> sorted =
        rowsByTable instanceof java.util.SortedMap<String, Long> m && m.comparator() == null
            ? m
            : new java.util.TreeMap<>(rowsByTable);
    StringBuilder s = new StringBuilder();
    sorted.forEach(
        (table, rows) ->
            Columns.appendGrouped(
                s.append(s.length() == 0 ? "" : ", ").append(table).append(' '), rows));
    return s.toString();
  }

  /** The rows of {@code table}, or null when the transaction deleted none there. */
  @Nullable Long rowsOf(@Nullable String table) {
    return table == null ? null : rowsByTable.get(table);
  }
}
