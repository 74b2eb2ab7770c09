package dev.rowguard.cli.audit;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The SQL of a restore plan: a header saying what is restored, one transaction, per table a guard
 * that fails the script if any of its rows exists again, then the rows as INSERTs, parents before
 * the tables that reference them.
 */
final class RestoreScript {

  /** Rows per INSERT and per guard's key list. */
  private static final int CHUNK = 500;

  /** The SQL dialect of the script ({@code --dialect}). */
  enum Dialect {
    POSTGRESQL,
    H2,
    MYSQL;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The dialect of a log's {@code db.system.name}, or null for one without a dialect here. */
    static @Nullable Dialect of(@Nullable String dbSystem) {
      if (dbSystem == null) {
        return null;
      }
      return switch (dbSystem) {
        case "postgresql" -> POSTGRESQL;
        case "h2database" -> H2;
        case "mysql", "mariadb" -> MYSQL;
        default -> null;
      };
    }
  }

  /** The rows of one table to put back. */
  static final class Table {
    final String name;
    final List<String> key;
    final List<String> parents;
    final List<String> columns;
    final List<String> types;

    /** By key values (or by the whole row for a table without a key), first capture wins. */
    final Map<List<@Nullable Object>, List<@Nullable Object>> rows = new LinkedHashMap<>();

    Table(
        String name,
        List<String> key,
        List<String> parents,
        List<String> columns,
        List<String> types) {
      this.name = name;
      this.key = key;
      this.parents = parents;
      this.columns = columns;
      this.types = types;
    }

    void add(List<@Nullable Object> row) {
      List<@Nullable Object> k;
      if (key.isEmpty()) {
        k = row;
      } else {
        k = new ArrayList<>(key.size());
        for (String c : key) {
          k.add(row.get(columns.indexOf(c)));
        }
      }
      rows.putIfAbsent(k, row);
    }
  }

  private RestoreScript() {}

  /**
   * Tables in insert order: every table after the tables it references among them; otherwise the
   * table deleted last first (children are deleted before their parents).
   */
  static List<Table> insertOrder(List<Table> deletionOrder) {
    List<Table> pending = new ArrayList<>(deletionOrder);
    java.util.Collections.reverse(pending);
    List<Table> out = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    while (!pending.isEmpty()) {
      Table next = null;
      for (Table t : pending) {
        boolean ready = true;
        for (Table other : pending) {
          if (other != t && t.parents.contains(bare(other.name))) {
            ready = false;
            break;
          }
        }
        if (ready) {
          next = t;
          break;
        }
      }
      if (next == null) {
        next = pending.get(0); // a cycle of foreign keys: keep deletion order reversed
      }
      pending.remove(next);
      placed.add(next.name);
      out.add(next);
    }
    return out;
  }

  static String bare(String table) {
    String t = table.replace("\"", "").replace("`", "");
    return t.substring(t.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
  }

  /** Writes the script: {@code header} lines as comments, then the transaction. */
  static void write(Writer out, Dialect dialect, List<String> header, List<Table> tables)
      throws IOException {
    for (String line : header) {
      out.write("-- " + line + "\n");
    }
    out.write("\n");
    out.write(dialect == Dialect.H2 ? "SET AUTOCOMMIT OFF;\n" : "BEGIN;\n");
    if (dialect == Dialect.MYSQL) {
      // The guards' failures name the table: a duplicate key error quotes the value (64 chars).
      out.write("CREATE TEMPORARY TABLE rowguard_guard (message VARCHAR(200) PRIMARY KEY);\n");
    }
    for (Table t : tables) {
      if (!t.key.isEmpty()) {
        out.write(
            "\n-- " + t.name + ": fail, restoring nothing, if any of these rows exists again\n");
        List<List<@Nullable Object>> keys = new ArrayList<>(t.rows.keySet());
        for (int from = 0; from < keys.size(); from += CHUNK) {
          out.write(guard(dialect, t, keys.subList(from, Math.min(keys.size(), from + CHUNK))));
        }
      } else {
        out.write(
            "\n-- "
                + t.name
                + " has no primary key: no guard; a row that exists again is inserted twice\n");
      }
    }
    if (dialect == Dialect.MYSQL) {
      out.write("DROP TEMPORARY TABLE rowguard_guard;\n");
    }
    for (Table t : tables) {
      out.write("\n-- " + t.name + ": " + t.rows.size() + " row(s)\n");
      List<List<@Nullable Object>> rows = new ArrayList<>(t.rows.values());
      for (int from = 0; from < rows.size(); from += CHUNK) {
        out.write("INSERT INTO " + t.name + " (" + String.join(", ", t.columns) + ") VALUES\n");
        int to = Math.min(rows.size(), from + CHUNK);
        for (int i = from; i < to; i++) {
          out.write("  " + tuple(dialect, t.columns, t.types, rows.get(i), t.columns));
          out.write(i + 1 < to ? ",\n" : ";\n");
        }
      }
    }
    out.write("\nCOMMIT;\n");
  }

  private static String guard(Dialect dialect, Table t, List<List<@Nullable Object>> keys) {
    String column = t.key.size() == 1 ? t.key.get(0) : "(" + String.join(", ", t.key) + ")";
    StringBuilder in = new StringBuilder();
    for (List<@Nullable Object> k : keys) {
      if (in.length() > 0) {
        in.append(", ");
      }
      String v = tuple(dialect, t.key, keyTypes(t), k, t.key);
      in.append(t.key.size() == 1 ? v.substring(1, v.length() - 1) : v);
    }
    String exists = "EXISTS (SELECT 1 FROM " + t.name + " WHERE " + column + " IN (" + in + "))";
    String message = "rowguard restore: rows of " + t.name + " exist again; nothing was restored";
    return switch (dialect) {
      case POSTGRESQL ->
          "DO $$ BEGIN IF " + exists + " THEN RAISE EXCEPTION '" + message + "'; END IF; END $$;\n";
      // No procedural blocks in H2: a cast that cannot succeed fails the statement with the
      // message in it, evaluated only when the rows exist (the count keeps it from being a
      // constant H2 would fold).
      case H2 ->
          "SELECT CASE WHEN "
              + exists
              + " THEN CAST(CONCAT('"
              + message
              + ": ', (SELECT COUNT(*) FROM "
              + t.name
              + ")) AS INT) ELSE 0 END;\n";
      // MySQL has SIGNAL only in stored programs: two rows of the same message into a primary
      // key fail the statement (error 1062, "Duplicate entry 'rowguard restore: ...'") only when
      // the rows exist. Short, since the error quotes at most 64 characters of it.
      case MYSQL ->
          "INSERT INTO rowguard_guard SELECT 'rowguard restore: "
              + t.name
              + " rows exist again, nothing restored' FROM (SELECT 1 UNION ALL SELECT 2) two WHERE "
              + exists
              + ";\n";
    };
  }

  private static List<String> keyTypes(Table t) {
    List<String> out = new ArrayList<>(t.key.size());
    for (String k : t.key) {
      int i = t.columns.indexOf(k);
      out.add(i < 0 ? "OTHER" : t.types.get(i));
    }
    return out;
  }

  private static String tuple(
      Dialect dialect,
      List<String> columns,
      List<String> types,
      List<@Nullable Object> values,
      List<String> names) {
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        out.append(", ");
      }
      out.append(literal(dialect, types.get(i), values.get(i)));
    }
    return out.append(')').toString();
  }

  /** A SQL literal of a captured value ({@code RowBatch.Table#rows()}). */
  static String literal(Dialect dialect, String type, @Nullable Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Long || v instanceof Integer) {
      return v.toString();
    }
    if (v instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (v instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    String text = v.toString();
    if (isBinary(type)) {
      String hex = HexFormat.of().formatHex(Base64.getDecoder().decode(text));
      return dialect == Dialect.POSTGRESQL ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
    }
    String escaped = text.replace("'", "''");
    if (dialect == Dialect.MYSQL) {
      escaped = escaped.replace("\\", "\\\\");
    }
    return "'" + escaped + "'";
  }

  private static boolean isBinary(String type) {
    return switch (type) {
      case "BINARY", "VARBINARY", "LONGVARBINARY", "BLOB" -> true;
      default -> false;
    };
  }
}
