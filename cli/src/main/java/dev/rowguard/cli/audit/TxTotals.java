package dev.rowguard.cli.audit;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The totals of one transaction, shown on its commit or rollback entry. */
record TxTotals(@Nullable String tx, long statements, long rows, Map<String, Long> rowsByTable) {

  TxTotals {
    rowsByTable = Map.copyOf(rowsByTable);
  }
}
