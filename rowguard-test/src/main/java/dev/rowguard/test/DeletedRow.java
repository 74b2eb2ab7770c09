package dev.rowguard.test;

import java.util.Map;
import java.util.Optional;

/**
 * One row a delete removed, as read just before it ran.
 *
 * @param table the table the row was in, as the statement names it
 * @param columns column label (lower case) to value; SQL NULL is the string {@code NULL}
 * @param statement the deleting statement's text
 */
public record DeletedRow(String table, Map<String, Object> columns, String statement) {

  public DeletedRow {
    columns = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(columns));
  }

  /** The value of {@code column} (any case), or empty when the table has no such column. */
  public Optional<Object> value(String column) {
    return Optional.ofNullable(columns.get(column.toLowerCase(java.util.Locale.ROOT)));
  }
}
