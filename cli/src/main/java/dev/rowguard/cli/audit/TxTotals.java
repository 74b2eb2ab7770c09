package dev.rowguard.cli.audit;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The totals of one transaction: recorded statements, threshold crossings (tx_aggregate records),
 * rows in total and per table (final when the outcome record gave them), and the outcome.
 */
record TxTotals(
    @Nullable String tx,
    long statements,
    long crossings,
    long rows,
    Map<String, Long> rowsByTable,
    String outcome) {

  TxTotals {
    rowsByTable = Map.copyOf(rowsByTable);
  }

  /** "call_log 360, recording 120, tenant 120": tables by name. */
  static String tables(Map<String, Long> rowsByTable) {
    return rowsByTable.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .map(x -> String.format(Locale.ROOT, "%s %,d", x.getKey(), x.getValue()))
        .collect(Collectors.joining(", "));
  }

  /** The rows of {@code table}, or null when the transaction deleted none there. */
  @Nullable Long rowsOf(@Nullable String table) {
    return table == null ? null : rowsByTable.get(table);
  }
}
