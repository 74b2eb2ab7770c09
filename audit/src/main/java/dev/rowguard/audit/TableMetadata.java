package dev.rowguard.audit;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The one owner of what the audit logger reads about tables from {@link DatabaseMetaData}: the
 * primary key, the tables a table references (imported foreign keys) and the foreign keys of other
 * tables that reference it with {@code ON DELETE CASCADE} (exported keys whose {@code DELETE_RULE}
 * is {@link DatabaseMetaData#importedKeyCascade}). One instance per audited DataSource; each table
 * is read once and cached, at most {@value #TABLES} tables (the cache is cleared when full).
 *
 * <p>Names: an unquoted name in a statement is looked up the way the database stores unquoted
 * identifiers ({@link DatabaseMetaData#storesUpperCaseIdentifiers()}: H2 {@code TENANT}, {@link
 * DatabaseMetaData#storesLowerCaseIdentifiers()}: PostgreSQL {@code tenant}), then as written, then
 * in the other cases; a quoted name ({@code "Tenant"}, {@code `t`}, {@code [t]}) exactly as
 * written. Without a schema, the connection's current schema is preferred when several schemas hold
 * the table.
 */
final class TableMetadata {

  static final int TABLES = 4096;

  /**
   * A table as the database stores it.
   *
   * @param schema the schema as stored, or null when the table was not found (or has none)
   * @param name the name as stored (as written in the statement when the table was not found)
   * @param key the primary-key columns, lower case, in key order (empty: none or not found)
   * @param storedKey the same as the database spells them, for quoting in SQL
   * @param parents the tables this one references by foreign key, lower case, without itself
   * @param cascades the foreign keys of other tables onto this one with {@code ON DELETE CASCADE}
   */
  record Table(
      @Nullable String schema,
      String name,
      List<String> key,
      List<String> storedKey,
      List<String> parents,
      List<Cascade> cascades) {

    /**
     * The name for logs and restore scripts: lower case when that is how the database stores it
     * unquoted or it stores upper case ({@code CALL_LOG} is {@code call_log}), else as stored.
     */
    String displayName() {
      String lower = name.toLowerCase(Locale.ROOT);
      return name.equals(lower) || name.equals(name.toUpperCase(Locale.ROOT)) ? lower : name;
    }
  }

  /**
   * A foreign key of {@code child} onto a table, with {@code ON DELETE CASCADE}: the child's
   * columns in key order and the parent columns they reference, as stored.
   */
  record Cascade(
      @Nullable String childSchema,
      String child,
      List<String> childColumns,
      List<String> parentColumns) {}

  private final Map<String, Table> tables = new ConcurrentHashMap<>();

  /** The table a statement names ({@code tenant}, {@code public.tenant}, {@code "Tenant"}). */
  Table of(Connection raw, String written) throws SQLException {
    String cacheKey = AuditOptions.bareName(written) + "\u0000" + written;
    Table cached = tables.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    List<String> parts = split(written);
    String name = parts.get(parts.size() - 1);
    String schema = parts.size() > 1 ? parts.get(parts.size() - 2) : null;
    DatabaseMetaData md = raw.getMetaData();
    Table found = null;
    for (String n : candidates(md, name)) {
      if (schema == null) {
        found = find(raw, md, null, n);
      } else {
        for (String s : candidates(md, schema)) {
          found = found != null ? found : find(raw, md, s, n);
        }
      }
      if (found != null) {
        break;
      }
    }
    if (found == null) {
      found = new Table(null, unquoted(name), List.of(), List.of(), List.of(), List.of());
    }
    remember(cacheKey, found);
    return found;
  }

  /** A table by its stored schema and name, as a foreign key names it. */
  Table stored(Connection raw, @Nullable String schema, String name) throws SQLException {
    String cacheKey = "\u0001" + schema + "\u0000" + name;
    Table cached = tables.get(cacheKey);
    if (cached != null) {
      return cached;
    }
    Table found = read(raw, raw.getMetaData(), schema, name);
    remember(cacheKey, found);
    return found;
  }

  private void remember(String cacheKey, Table table) {
    if (tables.size() >= TABLES) {
      tables.clear();
    }
    tables.put(cacheKey, table);
  }

  /** The table {@code name} (stored spelling) in {@code schema} (any when null), or null. */
  private static @Nullable Table find(
      Connection raw, DatabaseMetaData md, @Nullable String schema, String name)
      throws SQLException {
    // Names are patterns in getTables (call_log matches callxlog): keep exact matches only.
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getTables(raw.getCatalog(), schema, name, null)) {
      while (rs.next()) {
        if (name.equals(rs.getString("TABLE_NAME"))) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
    }
    if (schemas.isEmpty()) {
      return null;
    }
    String current = currentSchema(raw);
    String chosen = schemas.contains(current) ? current : schemas.get(0);
    return read(raw, md, chosen, name);
  }

  private static @Nullable String currentSchema(Connection raw) {
    try {
      return raw.getSchema();
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      return null; // drivers without schemas
    }
  }

  private static Table read(
      Connection raw, DatabaseMetaData md, @Nullable String schema, String name)
      throws SQLException {
    String catalog = raw.getCatalog();
    Map<Short, String> stored = new TreeMap<>();
    try (ResultSet rs = md.getPrimaryKeys(catalog, schema, name)) {
      while (rs.next()) {
        stored.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME"));
      }
    }
    Set<String> parents = new LinkedHashSet<>();
    String self = name.toLowerCase(Locale.ROOT);
    try (ResultSet rs = md.getImportedKeys(catalog, schema, name)) {
      while (rs.next()) {
        String parent = rs.getString("PKTABLE_NAME").toLowerCase(Locale.ROOT);
        if (!parent.equals(self)) {
          parents.add(parent);
        }
      }
    }
    // One foreign key per child schema, table and key name (a new one at KEY_SEQ 1 when unnamed).
    Map<String, List<String[]>> byKey = new LinkedHashMap<>();
    try (ResultSet rs = md.getExportedKeys(catalog, schema, name)) {
      int unnamed = 0;
      while (rs.next()) {
        if (rs.getShort("DELETE_RULE") != DatabaseMetaData.importedKeyCascade) {
          continue;
        }
        String fkName = rs.getString("FK_NAME");
        if (fkName == null && rs.getShort("KEY_SEQ") == 1) {
          unnamed++;
        }
        String childSchema = rs.getString("FKTABLE_SCHEM");
        String child = rs.getString("FKTABLE_NAME");
        String id =
            childSchema + "\u0000" + child + "\u0000" + (fkName == null ? "#" + unnamed : fkName);
        byKey
            .computeIfAbsent(id, k -> new ArrayList<>())
            .add(
                new String[] {
                  childSchema,
                  child,
                  rs.getString("FKCOLUMN_NAME"),
                  rs.getString("PKCOLUMN_NAME"),
                  Short.toString(rs.getShort("KEY_SEQ"))
                });
      }
    }
    List<Cascade> cascades = new ArrayList<>();
    for (List<String[]> columns : byKey.values()) {
      columns.sort((a, b) -> Integer.compare(Integer.parseInt(a[4]), Integer.parseInt(b[4])));
      List<String> childColumns = new ArrayList<>();
      List<String> parentColumns = new ArrayList<>();
      for (String[] c : columns) {
        childColumns.add(c[2]);
        parentColumns.add(c[3]);
      }
      cascades.add(
          new Cascade(
              columns.get(0)[0],
              columns.get(0)[1],
              List.copyOf(childColumns),
              List.copyOf(parentColumns)));
    }
    List<String> key = stored.values().stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    return new Table(
        schema,
        name,
        key,
        List.copyOf(stored.values()),
        List.copyOf(parents),
        List.copyOf(cascades));
  }

  /** The spellings to look an identifier up by, in order. */
  private static List<String> candidates(DatabaseMetaData md, String part) throws SQLException {
    if (isQuoted(part)) {
      return List.of(unquoted(part));
    }
    Set<String> out = new LinkedHashSet<>();
    if (md.storesUpperCaseIdentifiers()) {
      out.add(part.toUpperCase(Locale.ROOT));
    } else if (md.storesLowerCaseIdentifiers()) {
      out.add(part.toLowerCase(Locale.ROOT));
    }
    out.add(part);
    out.add(part.toUpperCase(Locale.ROOT));
    out.add(part.toLowerCase(Locale.ROOT));
    return List.copyOf(out);
  }

  private static boolean isQuoted(String part) {
    return part.length() >= 2
        && (part.startsWith("\"") || part.startsWith("`") || part.startsWith("["));
  }

  private static String unquoted(String part) {
    return isQuoted(part) ? part.substring(1, part.length() - 1) : part;
  }

  /** {@code "s"."t"} is {@code "s"}, {@code "t"}: dots inside quotes do not split. */
  static List<String> split(String written) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    char close = 0;
    for (int i = 0; i < written.length(); i++) {
      char ch = written.charAt(i);
      if (close != 0) {
        part.append(ch);
        if (ch == close) {
          close = 0;
        }
      } else if (ch == '.') {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        if (ch == '"' || ch == '`') {
          close = ch;
        } else if (ch == '[') {
          close = ']';
        }
        part.append(ch);
      }
    }
    parts.add(part.toString());
    return parts;
  }
}
