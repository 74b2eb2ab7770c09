package dev.rowguard.audit.log;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.sql.JDBCType;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One batch of captured rows: the rows (or only their primary keys) that one recorded delete, or
 * one transaction's deletes on a table, removed. A batch is one line of a rows file ({@link
 * RowsFiles}); the record it belongs to carries the line's SHA-256 ({@link Fields#ROWS_SHA256}).
 *
 * @param tx the transaction id of the record ({@link Fields#TX})
 * @param tables the rows per table, in the order they were deleted
 */
public record RowBatch(String tx, List<Table> tables) {

  /** The version of the line format, the {@code format} member. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  public RowBatch {
    tables = List.copyOf(tables);
  }

  /**
   * The captured rows of one table.
   *
   * @param table the table as the statement names it
   * @param capture {@code keys} or {@code rows}: whether {@code columns} are the primary key or all
   *     columns
   * @param key the primary-key columns (empty when the table has none)
   * @param parents tables this one references by foreign key (restore inserts those first)
   * @param columns the column names of each row, lower case
   * @param types the JDBC type name of each column ({@code java.sql.JDBCType}), for the literals of
   *     a restore script
   * @param rows the values, in {@code columns} order: {@link String}, {@link Long}, {@link
   *     BigDecimal}, {@link Boolean}, or null for SQL NULL; binary values as base64 strings
   */
  public record Table(
      String table,
      String capture,
      List<String> key,
      List<String> parents,
      List<String> columns,
      List<String> types,
      List<List<@Nullable Object>> rows) {
    public Table {
      key = List.copyOf(key);
      parents = List.copyOf(parents);
      columns = List.copyOf(columns);
      types = List.copyOf(types);
      List<List<@Nullable Object>> copy = new ArrayList<>(rows.size());
      for (List<@Nullable Object> r : rows) {
        copy.add(Collections.unmodifiableList(new ArrayList<>(r)));
      }
      rows = Collections.unmodifiableList(copy);
    }
  }

  /** Rows over all tables. */
  public long rowCount() {
    return tables.stream().mapToLong(t -> t.rows().size()).sum();
  }

  /** The batch as one JSON line, without the newline. */
  public String toLine() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put(Fields.TX, tx);
    ArrayNode ts = root.putArray("tables");
    for (Table t : tables) {
      ObjectNode o = ts.addObject();
      o.put("table", t.table());
      o.put("capture", t.capture());
      t.key().forEach(o.putArray("key")::add);
      t.parents().forEach(o.putArray("parents")::add);
      t.columns().forEach(o.putArray("columns")::add);
      t.types().forEach(o.putArray("types")::add);
      ArrayNode rows = o.putArray("rows");
      for (List<@Nullable Object> r : t.rows()) {
        ArrayNode a = rows.addArray();
        for (Object v : r) {
          if (v == null) {
            a.addNull();
          } else if (v instanceof Long n) {
            a.add(n);
          } else if (v instanceof BigDecimal d) {
            a.add(d);
          } else if (v instanceof Boolean b) {
            a.add(b);
          } else {
            a.add(v.toString());
          }
        }
      }
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a line written by {@link #toLine()}.
   *
   * @throws IllegalArgumentException if the line is not a batch
   */
  public static RowBatch parse(String line) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a batch of captured rows: " + e.getOriginalMessage());
    }
    if (root == null || !root.path("tables").isArray()) {
      throw new IllegalArgumentException("not a batch of captured rows");
    }
    List<Table> tables = new ArrayList<>();
    for (JsonNode t : root.path("tables")) {
      List<List<@Nullable Object>> rows = new ArrayList<>();
      for (JsonNode r : t.path("rows")) {
        List<@Nullable Object> values = new ArrayList<>();
        for (JsonNode v : r) {
          values.add(value(v));
        }
        rows.add(values);
      }
      tables.add(
          new Table(
              t.path("table").asText(),
              t.path("capture").asText(),
              strings(t.path("key")),
              strings(t.path("parents")),
              strings(t.path("columns")),
              strings(t.path("types")),
              rows));
    }
    return new RowBatch(root.path(Fields.TX).asText(), tables);
  }

  /**
   * Column {@code i} of the current row as a batch holds it ({@link Table#rows()}), by its type
   * name ({@link #typeOf}): booleans, integers as {@link Long}, other numbers as {@link
   * BigDecimal}, binary as base64, UUIDs and everything else as the driver's text. The one encoding
   * of captured values, used by the audit logger and by restore's reads from a backup.
   */
  public static @Nullable Object read(ResultSet rs, int i, String type) throws SQLException {
    Object v =
        switch (type) {
          case "BIT", "BOOLEAN" -> rs.getBoolean(i);
          case "TINYINT", "SMALLINT", "INTEGER", "BIGINT" -> rs.getLong(i);
          case "DECIMAL", "NUMERIC", "REAL", "FLOAT", "DOUBLE" -> rs.getBigDecimal(i);
          case "BINARY", "VARBINARY", "LONGVARBINARY", "BLOB" -> {
            byte[] b = rs.getBytes(i);
            yield b == null ? null : Base64.getEncoder().encodeToString(b);
          }
          case UUID -> {
            Object o = rs.getObject(i);
            yield o == null ? null : o.toString();
          }
          default -> rs.getString(i);
        };
    return rs.wasNull() ? null : v;
  }

  /** The type name of a UUID column, whatever JDBC type the driver reports (H2: BINARY). */
  public static final String UUID = "UUID";

  /**
   * The type name a batch records for column {@code i}: {@value #UUID} for a column the driver
   * reads as {@link java.util.UUID}, else the {@link JDBCType} name ({@code OTHER} if unknown).
   */
  public static String typeOf(ResultSetMetaData md, int i) throws SQLException {
    if (java.util.UUID.class.getName().equals(md.getColumnClassName(i))) {
      return UUID;
    }
    try {
      return JDBCType.valueOf(md.getColumnType(i)).getName();
    } catch (IllegalArgumentException e) {
      return JDBCType.OTHER.getName();
    }
  }

  private static @Nullable Object value(JsonNode v) {
    if (v.isNull()) {
      return null;
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.decimalValue();
    }
    return v.asText();
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
