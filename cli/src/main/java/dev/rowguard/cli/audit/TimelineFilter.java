package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.RecordKind;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Which entries the timeline shows. Statement filters (table, tenant, context, min rows) pick
 * statements; a commit or rollback is shown when a statement of its transaction was; HTTP requests
 * are shown only without statement filters. {@code log_open} and {@code checkpoint} records are
 * bookkeeping and shown only when asked for with {@code --kind}.
 */
record TimelineFilter(
    Instant from,
    Instant to,
    Set<String> tables,
    Set<String> tenants,
    Map<String, String> context,
    long minRows,
    Set<String> kinds) {

  private static final Set<String> BOOKKEEPING =
      Set.of(
          RecordKind.LOG_OPEN.wireName(),
          RecordKind.CHECKPOINT.wireName(),
          RecordKind.ROTATE.wireName());

  boolean hasStatementFilters() {
    return !tables.isEmpty() || !tenants.isEmpty() || !context.isEmpty() || minRows > 0;
  }

  boolean inTime(Event e) {
    return (from == null || !e.ts.isBefore(from)) && (to == null || !e.ts.isAfter(to));
  }

  /**
   * {@code transactionShown}: for a commit or rollback, whether a statement of its transaction was
   * shown.
   */
  boolean shows(Event e, boolean transactionShown) {
    if (!inTime(e) || !kindShown(e.kind)) {
      return false;
    }
    if (e.isHttp()) {
      return !hasStatementFilters();
    }
    if (e.isOutcome()) {
      return !hasStatementFilters() || transactionShown;
    }
    if (!e.isStatement()) {
      return !hasStatementFilters();
    }
    Map<String, String> ctx = e.context();
    return (tables.isEmpty() || tables.contains(e.table()))
        && (tenants.isEmpty() || tenants.contains(ctx.get("tenant")))
        && context.entrySet().stream().allMatch(c -> c.getValue().equals(ctx.get(c.getKey())))
        && (minRows == 0 || (e.rows() != null && e.rows() >= minRows));
  }

  private boolean kindShown(String kind) {
    return kinds.isEmpty() ? !BOOKKEEPING.contains(kind) : kinds.contains(kind);
  }
}
