package dev.rowguard.test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Assertions on what a {@link DeleteWatch} saw, in the AssertJ style: {@code
 * assertThatDeletes(watch).touchOnly("tenant", "call_log").atMost(10).nothingCommitted()}. Every
 * failure is an {@link AssertionError} whose message names the table, the rows beyond the
 * allowance, and the call site and statement of each offending delete. Rows count whatever the
 * transaction's outcome: a rollback-only test transaction still shows what the code would delete.
 * Table names compare case-insensitively.
 */
public final class DeleteAssertions {

  /** Offending deletes listed in a message; the rest are counted. */
  static final int LISTED = 10;

  private final List<RecordedDelete> deletes;
  private final List<DeletedRow> rows;
  private final boolean rowImages;

  private DeleteAssertions(List<RecordedDelete> deletes, List<DeletedRow> rows, boolean images) {
    this.deletes = deletes;
    this.rows = rows;
    this.rowImages = images;
  }

  /** Assertions on the deletes {@code watch} saw (closing it first is not required). */
  public static DeleteAssertions assertThatDeletes(DeleteWatch watch) {
    return new DeleteAssertions(watch.deletes(), watch.deletedRows(), watch.hasRowImages());
  }

  /**
   * Every deleted row that has {@code column} (any table) holds one of {@code allowed} (compared as
   * text, so a UUID matches its string form). Checked on the row images; rows of tables without the
   * column are not checked: name the parent table's key with {@link #onlyRowsOfTableWhere(String,
   * String, Object...)} (a separate name: a String value would otherwise pick that overload).
   */
  public DeleteAssertions onlyRowsWhere(String column, Object... allowed) {
    return onlyRows(null, column, allowed);
  }

  /** Every row deleted from {@code table} has {@code column} in {@code allowed}. */
  public DeleteAssertions onlyRowsOfTableWhere(String table, String column, Object... allowed) {
    return onlyRows(table, column, allowed);
  }

  private DeleteAssertions onlyRows(@Nullable String table, String column, Object... allowed) {
    if (!rowImages) {
      throw new IllegalStateException(
          "rowguard-test: onlyRowsWhere needs row images; watch a DataSource from DeleteWatch.watchable(dataSource)");
    }
    Set<String> ok = new TreeSet<>();
    for (Object a : allowed) {
      ok.add(String.valueOf(a));
    }
    List<DeletedRow> offending =
        rows.stream()
            .filter(r -> table == null || r.table().equalsIgnoreCase(table))
            .filter(r -> r.value(column).map(v -> !ok.contains(String.valueOf(v))).orElse(false))
            .toList();
    if (!offending.isEmpty()) {
      Map<String, Long> perTable = new LinkedHashMap<>();
      Set<String> values = new TreeSet<>();
      for (DeletedRow r : offending) {
        perTable.merge(r.table().toLowerCase(Locale.ROOT), 1L, Long::sum);
        r.value(column).ifPresent(v -> values.add(String.valueOf(v)));
      }
      List<String> lines = new ArrayList<>();
      lines.add(
          "expected only rows with "
              + column
              + " in "
              + ok
              + (table == null ? "" : " deleted from " + table)
              + " but "
              + offending.size()
              + " other row(s) were deleted "
              + perTable
              + ", "
              + column
              + " = "
              + values
              + "; first rows:");
      offending.stream()
          .limit(LISTED)
          .forEach(
              r -> lines.add("  - " + r.table() + " " + r.columns() + " by: " + r.statement()));
      if (offending.size() > LISTED) {
        lines.add("  ... and " + (offending.size() - LISTED) + " more row(s)");
      }
      throw new AssertionError(String.join(System.lineSeparator(), lines));
    }
    return this;
  }

  /** No delete at all. */
  public DeleteAssertions isEmpty() {
    return atMost(0);
  }

  /** No delete on a table other than {@code tables}. */
  public DeleteAssertions touchOnly(String... tables) {
    Set<String> allowed = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    allowed.addAll(Arrays.asList(tables));
    List<RecordedDelete> outside = matching(d -> !allowed.contains(d.table()));
    if (!outside.isEmpty()) {
      Map<String, Long> rows = rowsByTable(outside);
      fail(
          "expected deletes only in "
              + allowed
              + " but "
              + rows.entrySet().stream()
                  .map(e -> e.getValue() + " row(s) of " + e.getKey())
                  .toList()
              + " were deleted",
          outside);
    }
    return this;
  }

  /** At most {@code rows} rows deleted in total, over every table. */
  public DeleteAssertions atMost(long rows) {
    long total = total(deletes);
    if (total > rows) {
      fail(
          "expected at most "
              + rows
              + " deleted row(s) in total but "
              + total
              + " were deleted ("
              + (total - rows)
              + " beyond the allowance; per table "
              + rowsByTable(deletes)
              + ")",
          deletes);
    }
    return this;
  }

  /** At most {@code rows} rows deleted from {@code table}. */
  public DeleteAssertions rowsIn(String table, long rows) {
    List<RecordedDelete> in = matching(d -> d.table().equalsIgnoreCase(table));
    long total = total(in);
    if (total > rows) {
      fail(
          "expected at most "
              + rows
              + " deleted row(s) in "
              + table
              + " but "
              + total
              + " were deleted ("
              + (total - rows)
              + " beyond the allowance)",
          in);
    }
    return this;
  }

  /** Exactly {@code rows} rows deleted from {@code table}. */
  public DeleteAssertions exactlyRowsIn(String table, long rows) {
    List<RecordedDelete> in = matching(d -> d.table().equalsIgnoreCase(table));
    long total = total(in);
    if (total != rows) {
      fail(
          "expected exactly " + rows + " deleted row(s) in " + table + " but " + total + " were",
          in);
    }
    return this;
  }

  /** No delete committed: each was rolled back, or its transaction was still open. */
  public DeleteAssertions nothingCommitted() {
    List<RecordedDelete> committed = matching(d -> d.outcome() == RecordedDelete.Outcome.COMMITTED);
    if (!committed.isEmpty()) {
      fail(
          "expected nothing committed but "
              + total(committed)
              + " deleted row(s) were committed in "
              + rowsByTable(committed).keySet(),
          committed);
    }
    return this;
  }

  /** The deletes the assertions look at. */
  public List<RecordedDelete> deletes() {
    return deletes;
  }

  private List<RecordedDelete> matching(Predicate<RecordedDelete> p) {
    return deletes.stream().filter(p).toList();
  }

  private static long total(List<RecordedDelete> ds) {
    return ds.stream().mapToLong(RecordedDelete::rows).sum();
  }

  private static Map<String, Long> rowsByTable(List<RecordedDelete> ds) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (RecordedDelete d : ds) {
      out.merge(d.table().toLowerCase(Locale.ROOT), d.rows(), Long::sum);
    }
    return out;
  }

  private static void fail(String summary, List<RecordedDelete> offending) {
    List<String> lines = new ArrayList<>();
    lines.add(summary + ":");
    offending.stream().limit(LISTED).forEach(d -> lines.add("  - " + d.describe()));
    if (offending.size() > LISTED) {
      lines.add("  ... and " + (offending.size() - LISTED) + " more delete statement(s)");
    }
    throw new AssertionError(String.join(System.lineSeparator(), lines));
  }
}
