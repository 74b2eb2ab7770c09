package dev.rowguard.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ReferentialAction;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColDataType;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
import net.sf.jsqlparser.statement.create.table.ForeignKeyIndex;
import net.sf.jsqlparser.statement.create.table.Index;
import net.sf.jsqlparser.statement.drop.Drop;
import org.jspecify.annotations.Nullable;

/**
 * The tables and columns a series of DDL scripts leaves behind, with each column's nullability and
 * each table's unique keys: what the database enforces, which may differ from what the JPA mapping
 * says. Built from {@code CREATE TABLE}, {@code ALTER TABLE} ({@code ADD}, {@code ALTER ...
 * SET/DROP NOT NULL}, MySQL {@code MODIFY}/{@code CHANGE}, {@code RENAME COLUMN}, {@code DROP
 * COLUMN}, {@code ADD PRIMARY KEY}, {@code ADD [CONSTRAINT c] UNIQUE}, {@code DROP
 * CONSTRAINT}/{@code INDEX}), {@code CREATE UNIQUE INDEX} (not a partial one, with {@code WHERE}),
 * {@code DROP INDEX} and {@code DROP TABLE}, parsed with JSqlParser; every other statement, and any
 * statement it cannot parse, changes nothing. Names are compared as the database folds unquoted
 * ones: without quotes, schema or case.
 *
 * <p>Immutable.
 */
public final class Schema {

  /** The table an ALTER TABLE or CREATE INDEX names, for statements the parser does not take. */
  private static final Pattern CHANGED_TABLE =
      Pattern.compile(
          "(?is)\\b(?:alter\\s+table\\s+(?:if\\s+exists\\s+)?(?:only\\s+)?"
              + "|create\\s+(?:unique\\s+)?index\\b.*?\\bon\\s+(?:only\\s+)?)"
              + "([\\w.\"`\\[\\]]+)");

  /**
   * The tables a statement creates, alters or indexes ({@code CREATE TABLE t}, {@code ALTER TABLE
   * t}, {@code ... ON t}), for statements that are not read but may change them.
   */
  static final Pattern TABLE_NAMED =
      Pattern.compile(
          "(?i)\\b(?:create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?|alter\\s+table\\s+"
              + "(?:if\\s+exists\\s+)?|drop\\s+table\\s+(?:if\\s+exists\\s+)?|\\bon\\s+)"
              + "([\\w.\"`\\[\\]]+)");

  /** Statements longer than this are not parsed (a seed-data INSERT is no DDL anyway). */
  static final int MAX_PARSED_CHARS = 64 * 1024;

  /** The schema of no scripts. */
  public static final Schema EMPTY = new Schema(Map.of(), Map.of(), Map.of(), Set.of());

  /**
   * Where a migration made a change: a file and a line, 1-based.
   *
   * @param file the file as it was found (relative when its location was given relative)
   * @param line the line of the statement or change
   */
  public record Origin(String file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /**
   * A column.
   *
   * @param name the name as written last, without quotes
   * @param notNull whether the database rejects NULL in it (NOT NULL, or a primary key column)
   * @param type the data type as the migration wrote it ({@code VARCHAR (253)}, {@code
   *     varchar(253)}), if known
   */
  public record Column(String name, boolean notNull, @Nullable String type) {
    public Column(String name, boolean notNull) {
      this(name, notNull, null);
    }
  }

  /**
   * A set of columns the database keeps unique: a primary key, a unique constraint or a unique
   * index.
   *
   * @param name the constraint's or index's name, if the script gave one
   * @param columns the columns, folded as {@link #column} compares them
   * @param origin the statement or change that created it, when it was read from a file
   * @param prefixLengths for each column, the prefix length the index keeps (MySQL's {@code
   *     c(100)}), or 0 for the whole column
   */
  public record UniqueKey(
      @Nullable String name,
      List<String> columns,
      @Nullable Origin origin,
      List<Integer> prefixLengths) {
    public UniqueKey {
      columns = List.copyOf(columns);
      prefixLengths =
          prefixLengths.size() == columns.size()
              ? List.copyOf(prefixLengths)
              : java.util.Collections.nCopies(columns.size(), 0);
    }

    public UniqueKey(@Nullable String name, List<String> columns) {
      this(name, columns, null, List.of());
    }
  }

  /**
   * A foreign key of a table: its columns refer to {@code referencedTable}.
   *
   * @param name the constraint's name, if the migration gave one
   * @param columns the referring columns, folded
   * @param referencedTable the referenced (parent) table, folded
   * @param onDelete the {@code ON DELETE} action in upper case ({@code CASCADE}, {@code SET NULL}),
   *     empty when none was declared
   * @param origin the statement or change that created it, when it was read from a file
   */
  public record ForeignKey(
      @Nullable String name,
      List<String> columns,
      String referencedTable,
      String onDelete,
      @Nullable Origin origin) {
    public ForeignKey {
      columns = List.copyOf(columns);
    }

    /** True for {@code ON DELETE CASCADE}: deleting the parent row deletes this row. */
    public boolean cascadesDelete() {
      return onDelete.equals("CASCADE");
    }
  }

  private final Map<String, Map<String, Column>> tables;
  private final Map<String, List<UniqueKey>> keys;
  private final Map<String, List<ForeignKey>> foreignKeys;
  private final Set<String> partlyRead;

  private Schema(
      Map<String, Map<String, Column>> tables,
      Map<String, List<UniqueKey>> keys,
      Map<String, List<ForeignKey>> foreignKeys,
      Set<String> partlyRead) {
    this.partlyRead = Set.copyOf(partlyRead);
    Map<String, List<ForeignKey>> foreignCopy = new LinkedHashMap<>();
    foreignKeys.forEach(
        (name, list) -> {
          if (tables.containsKey(name)) {
            foreignCopy.put(name, List.copyOf(list));
          }
        });
    this.foreignKeys = Map.copyOf(foreignCopy);
    Map<String, Map<String, Column>> copy = new LinkedHashMap<>();
    tables.forEach((name, columns) -> copy.put(name, Map.copyOf(columns)));
    this.tables = Map.copyOf(copy);
    Map<String, List<UniqueKey>> keyCopy = new LinkedHashMap<>();
    keys.forEach(
        (name, list) -> {
          if (tables.containsKey(name)) {
            keyCopy.put(name, List.copyOf(list));
          }
        });
    this.keys = Map.copyOf(keyCopy);
  }

  /** The schema {@code scripts} build, applied in the order given. */
  public static Schema of(List<String> scripts) {
    Builder builder = new Builder();
    for (String script : scripts) {
      for (String statement : LexicalClassifier.statements(script)) {
        builder.apply(statement);
      }
    }
    return builder.build();
  }

  /** The tables the scripts left, folded, in no particular order. */
  public Set<String> tables() {
    return tables.keySet();
  }

  /**
   * The columns of {@code table} in no particular order: empty when the scripts did not create it.
   */
  public List<Column> columns(String table) {
    Map<String, Column> columns = tables.get(normalise(table));
    return columns == null ? List.of() : List.copyOf(columns.values());
  }

  /** The foreign keys of {@code table} (the child): empty when it has none. */
  public List<ForeignKey> foreignKeys(String table) {
    return foreignKeys.getOrDefault(normalise(table), List.of());
  }

  /** True when no table is known. */
  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /** True when a script created {@code table} (and none dropped it). */
  public boolean hasTable(String table) {
    return tables.containsKey(normalise(table));
  }

  /** Column {@code column} of {@code table}, when the scripts created both. */
  public Optional<Column> column(String table, String column) {
    Map<String, Column> columns = tables.get(normalise(table));
    return columns == null ? Optional.empty() : Optional.ofNullable(columns.get(normalise(column)));
  }

  /**
   * True when every statement that changed {@code table} was understood: none failed to parse, and
   * none left its outcome to the dialect (a {@code MODIFY} without NULL or NOT NULL keeps the
   * column's nullability on Oracle and drops it on MySQL). Only then does a column that looks
   * nullable here surely allow NULL.
   */
  public boolean isFullyRead(String table) {
    return hasTable(table) && !partlyRead.contains(normalise(table));
  }

  /** The unique keys of {@code table}: empty when it has none or the scripts did not create it. */
  public List<UniqueKey> uniqueKeys(String table) {
    return keys.getOrDefault(normalise(table), List.of());
  }

  /**
   * How a database folds an identifier for comparison here: the last part of a qualified name,
   * without quotes ({@code "x"}, {@code `x`}, {@code [x]}), lower case.
   */
  static String normalise(String identifier) {
    String name = identifier.strip();
    int dot = lastDotOutsideQuotes(name);
    if (dot >= 0) {
      name = name.substring(dot + 1);
    }
    if (name.length() >= 2
        && ((name.startsWith("\"") && name.endsWith("\""))
            || (name.startsWith("`") && name.endsWith("`"))
            || (name.startsWith("[") && name.endsWith("]")))) {
      name = name.substring(1, name.length() - 1);
    }
    return name.toLowerCase(Locale.ROOT);
  }

  private static int lastDotOutsideQuotes(String name) {
    boolean quoted = false;
    int dot = -1;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '"' || c == '`') {
        quoted = !quoted;
      } else if (c == '.' && !quoted) {
        dot = i;
      }
    }
    return dot;
  }

  /**
   * The mutable model while migrations are applied: SQL statements ({@link #apply}, {@link
   * #applyScript}) and the changes of other formats (Liquibase) through the same operations.
   */
  static final class Builder {
    final Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
    final Map<String, List<UniqueKey>> keys = new LinkedHashMap<>();
    final Map<String, List<ForeignKey>> foreignKeys = new LinkedHashMap<>();
    final Set<String> partlyRead = new HashSet<>();

    /** Where the change being applied is written, recorded on the keys it creates. */
    private @Nullable Origin origin;

    Schema build() {
      return new Schema(tables, keys, foreignKeys, partlyRead);
    }

    /** Sets where the following changes are written ({@code null}: not known). */
    void at(@Nullable Origin where) {
      origin = where;
    }

    /**
     * Applies each statement of {@code script}, recording {@code file} and the statement's line as
     * the origin of what it creates; {@code firstLine} is the script's first line in the file.
     */
    void applyScript(@Nullable String file, String script, int firstLine) {
      int line = firstLine;
      int counted = 0;
      for (LexicalClassifier.Located statement : LexicalClassifier.located(script)) {
        for (int i = counted; i < statement.offset(); i++) {
          if (script.charAt(i) == '\n') {
            line++;
          }
        }
        counted = statement.offset();
        at(file == null ? null : new Origin(file, line));
        apply(statement.text());
      }
      at(null);
    }

    /** Every later statement about {@code table} may differ from the model. */
    void partlyRead(String table) {
      partlyRead.add(normalise(table));
    }

    /** Every table known so far may have changed in a way not read (a changelog not found). */
    void partlyReadAll() {
      partlyRead.addAll(tables.keySet());
    }

    /**
     * Nothing is known any more of {@code table}'s columns and keys (a change that could not be
     * resolved touched it): the table stays, empty and partly read, so the mapping decides.
     */
    void forget(String table) {
      String name = normalise(table);
      Map<String, Column> columns = tables.get(name);
      if (columns != null) {
        columns.clear();
        keys.remove(name);
        foreignKeys.remove(name);
        partlyRead.add(name);
      }
    }

    /** {@link #forget}s every table a statement of {@code script} creates, alters or indexes. */
    void forgetNamedTables(String script) {
      Matcher named = TABLE_NAMED.matcher(script);
      while (named.find()) {
        forget(named.group(1));
      }
    }

    /** A deep copy, to apply a change that may not run on it and {@link #keepAgreed} after. */
    Builder copy() {
      Builder copy = new Builder();
      tables.forEach((t, columns) -> copy.tables.put(t, new LinkedHashMap<>(columns)));
      keys.forEach((t, list) -> copy.keys.put(t, new ArrayList<>(list)));
      foreignKeys.forEach((t, list) -> copy.foreignKeys.put(t, new ArrayList<>(list)));
      copy.partlyRead.addAll(partlyRead);
      return copy;
    }

    /**
     * Keeps only what this model and {@code other} agree on: the same migrations with and without a
     * change that may not run, or the histories of two databases. A table only one of them has is
     * dropped (unknown: the mapping decides); in a table both have, a column whose nullability
     * differs or that only one has, and a key or foreign key only one has, are dropped and the
     * table is marked partly read, so it gives no finding from the migrations; a column type that
     * differs becomes unknown. Keys are compared without their origin (another file may create the
     * same key).
     */
    void keepAgreed(Builder other) {
      tables
          .entrySet()
          .removeIf(
              entry -> {
                Map<String, Column> theirs = other.tables.get(entry.getKey());
                if (theirs == null) {
                  keys.remove(entry.getKey());
                  foreignKeys.remove(entry.getKey());
                  partlyRead.remove(entry.getKey());
                  return true;
                }
                return false;
              });
      for (Map.Entry<String, Map<String, Column>> entry : tables.entrySet()) {
        String table = entry.getKey();
        Map<String, Column> mine = entry.getValue();
        Map<String, Column> theirs = other.tables.getOrDefault(table, Map.of());
        boolean differs = !mine.keySet().equals(theirs.keySet());
        differs |=
            mine.entrySet()
                .removeIf(
                    c -> {
                      Column their = theirs.get(c.getKey());
                      return their == null || their.notNull() != c.getValue().notNull();
                    });
        mine.replaceAll(
            (name, c) -> {
              Column their = theirs.get(name);
              return their != null && Objects.equals(c.type(), their.type())
                  ? c
                  : new Column(c.name(), c.notNull(), null);
            });
        List<UniqueKey> theirKeys = other.keys.getOrDefault(table, List.of());
        List<UniqueKey> myKeys = keys.getOrDefault(table, new ArrayList<>());
        differs |= myKeys.size() != theirKeys.size();
        differs |= myKeys.removeIf(k -> theirKeys.stream().noneMatch(t -> sameKey(k, t)));
        List<ForeignKey> theirForeign = other.foreignKeys.getOrDefault(table, List.of());
        List<ForeignKey> myForeign = foreignKeys.getOrDefault(table, new ArrayList<>());
        differs |= myForeign.size() != theirForeign.size();
        differs |= myForeign.removeIf(k -> theirForeign.stream().noneMatch(t -> sameKey(k, t)));
        if (differs || other.partlyRead.contains(table)) {
          partlyRead.add(table);
        }
      }
    }

    private static boolean sameKey(UniqueKey a, UniqueKey b) {
      return Objects.equals(a.name(), b.name())
          && a.columns().equals(b.columns())
          && a.prefixLengths().equals(b.prefixLengths());
    }

    private static boolean sameKey(ForeignKey a, ForeignKey b) {
      return Objects.equals(a.name(), b.name())
          && a.columns().equals(b.columns())
          && a.referencedTable().equals(b.referencedTable())
          && a.onDelete().equals(b.onDelete());
    }

    /** Creates (or replaces) {@code table} with {@code columns}; keys are added separately. */
    void createTable(String table, List<Column> columns) {
      String name = normalise(table);
      Map<String, Column> byName = new LinkedHashMap<>();
      columns.forEach(c -> byName.put(normalise(c.name()), c));
      tables.put(name, byName);
      keys.remove(name);
      foreignKeys.remove(name);
      partlyRead.remove(name);
    }

    /** Adds or redefines a column of a created table. */
    void putColumn(String table, Column column) {
      Map<String, Column> columns = tables.get(normalise(table));
      if (columns != null) {
        columns.put(normalise(column.name()), column);
      }
    }

    /** Sets the nullability of a column of a created table. */
    void setNotNull(String table, String column, boolean notNull) {
      Map<String, Column> columns = tables.get(normalise(table));
      if (columns != null) {
        setNotNull(columns, column, notNull);
      }
    }

    /** Adds a unique key (primary key, unique constraint, unique index) to a created table. */
    void uniqueKey(String table, @Nullable String name, List<String> columns) {
      addKey(normalise(table), name, columns);
    }

    /** Drops the unique keys named {@code name}: of {@code table}, or of every table if null. */
    void dropKey(@Nullable String table, String name) {
      String folded = normalise(name);
      if (table == null) {
        keys.values().forEach(list -> list.removeIf(k -> folded.equals(k.name())));
      } else {
        List<UniqueKey> list = keys.get(normalise(table));
        if (list != null) {
          list.removeIf(k -> folded.equals(k.name()));
        }
      }
    }

    /** Adds a foreign key to a created table. */
    void foreignKey(
        String table,
        @Nullable String name,
        List<String> columns,
        String referencedTable,
        @Nullable String onDelete) {
      String child = normalise(table);
      if (!tables.containsKey(child) || columns.isEmpty()) {
        return;
      }
      List<String> folded = new ArrayList<>();
      columns.forEach(c -> folded.add(normalise(c)));
      foreignKeys
          .computeIfAbsent(child, t -> new ArrayList<>())
          .add(
              new ForeignKey(
                  name == null ? null : normalise(name),
                  folded,
                  normalise(referencedTable),
                  onDelete == null ? "" : onDelete.strip().toUpperCase(Locale.ROOT),
                  origin));
    }

    /** Drops the foreign key named {@code name} of {@code table}. */
    void dropForeignKey(String table, String name) {
      List<ForeignKey> list = foreignKeys.get(normalise(table));
      if (list != null) {
        String folded = normalise(name);
        list.removeIf(k -> folded.equals(k.name()));
      }
    }

    /** Renames a column, in the table and in its keys. */
    void renameColumn(String table, String from, String to) {
      Map<String, Column> columns = tables.get(normalise(table));
      if (columns == null) {
        return;
      }
      Column old = columns.remove(normalise(from));
      if (old != null) {
        columns.put(normalise(to), new Column(unquoted(to), old.notNull(), old.type()));
        rename(keys.computeIfAbsent(normalise(table), t -> new ArrayList<>()), from, to);
      }
    }

    /** Drops a column and the keys over it. */
    void dropColumn(String table, String column) {
      Map<String, Column> columns = tables.get(normalise(table));
      if (columns != null) {
        String dropped = normalise(column);
        columns.remove(dropped);
        List<UniqueKey> list = keys.get(normalise(table));
        if (list != null) {
          list.removeIf(k -> k.columns().contains(dropped));
        }
      }
    }

    /** Renames a table with its columns and keys. */
    void renameTable(String from, String to) {
      String old = normalise(from);
      String renamed = normalise(to);
      Map<String, Column> columns = tables.remove(old);
      if (columns == null) {
        return;
      }
      tables.put(renamed, columns);
      List<UniqueKey> tableKeys = keys.remove(old);
      if (tableKeys != null) {
        keys.put(renamed, tableKeys);
      }
      List<ForeignKey> tableForeignKeys = foreignKeys.remove(old);
      if (tableForeignKeys != null) {
        foreignKeys.put(renamed, tableForeignKeys);
      }
      foreignKeys.replaceAll(
          (t, list) ->
              new ArrayList<>(
                  list.stream()
                      .map(
                          k ->
                              k.referencedTable().equals(old)
                                  ? new ForeignKey(
                                      k.name(), k.columns(), renamed, k.onDelete(), k.origin())
                                  : k)
                      .toList()));
      if (partlyRead.remove(old)) {
        partlyRead.add(renamed);
      }
    }

    /** Drops a table. */
    void dropTable(String table) {
      String name = normalise(table);
      tables.remove(name);
      keys.remove(name);
      foreignKeys.remove(name);
    }

    void apply(String statement) {
      String first = LexicalClassifier.firstWord(statement);
      if (!(first.equals("create") || first.equals("alter") || first.equals("drop"))
          || statement.length() > MAX_PARSED_CHARS
          || LexicalClassifier.maxDepth(statement) > StatementClassifier.MAX_PARSED_DEPTH) {
        return;
      }
      String text = Placeholders.withoutQualifiers(statement);
      if (Placeholders.isUnresolved(text)) {
        // ${name} that no configuration gives a value: what the statement changes is unknown
        forgetNamedTables(text);
        return;
      }
      Statement parsed;
      try {
        parsed = CCJSqlParserUtil.newParser(text).Statement();
      } catch (Exception | StackOverflowError e) {
        // Vendor DDL JSqlParser does not know: it changes nothing we model, but the table it names
        // may now differ from the model.
        Matcher named = CHANGED_TABLE.matcher(statement);
        if (named.find()) {
          partlyRead.add(normalise(named.group(1)));
        }
        return;
      }
      if (parsed instanceof CreateTable create) {
        create(create);
      } else if (parsed instanceof Alter alter) {
        alter(alter);
      } else if (parsed instanceof CreateIndex index) {
        createIndex(index);
      } else if (parsed instanceof Drop drop && drop.getName() != null) {
        if ("TABLE".equalsIgnoreCase(drop.getType())) {
          dropTable(drop.getName().getName());
        } else if ("INDEX".equalsIgnoreCase(drop.getType())) {
          dropKey(null, drop.getName().getName());
        }
      }
    }

    /** {@code CREATE UNIQUE INDEX}; a partial index (with WHERE) keeps only some rows unique. */
    private void createIndex(CreateIndex create) {
      Index index = create.getIndex();
      if (index == null
          || create.getTable() == null
          || !isUnique(index.getType())
          || index.getColumnsNames() == null
          || (create.getTailParameters() != null
              && upper(create.getTailParameters()).contains("WHERE"))) {
        return;
      }
      addKey(tableName(create.getTable()), index);
    }

    private void addKey(String table, @Nullable String name, List<String> columns) {
      addKey(table, name, columns, List.of());
    }

    /** A key from an index's columns, with their prefix lengths ({@code key_prefix(100)}). */
    private void addKey(String table, Index index) {
      List<Integer> lengths = new ArrayList<>();
      if (index.getColumns() != null) {
        for (Index.ColumnParams column : index.getColumns()) {
          int length = 0;
          if (column.getParams() != null) {
            for (String param : column.getParams()) {
              String digits = param.replaceAll("[()\\s]", "");
              if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
                length = Integer.parseInt(digits);
              }
            }
          }
          lengths.add(length);
        }
      }
      addKey(table, index.getName(), index.getColumnsNames(), lengths);
    }

    private void addKey(
        String table, @Nullable String name, List<String> columns, List<Integer> lengths) {
      if (!tables.containsKey(table) || columns.isEmpty()) {
        return;
      }
      List<String> folded = new ArrayList<>();
      columns.forEach(c -> folded.add(normalise(c)));
      keys.computeIfAbsent(table, t -> new ArrayList<>())
          .add(new UniqueKey(name == null ? null : normalise(name), folded, origin, lengths));
    }

    private static boolean isUnique(@Nullable String indexType) {
      String type = indexType == null ? "" : indexType.toUpperCase(Locale.ROOT);
      return type.contains("UNIQUE") || type.startsWith("PRIMARY");
    }

    private void create(CreateTable create) {
      if (create.getTable() == null || create.getColumnDefinitions() == null) {
        return; // CREATE TABLE ... AS SELECT: columns unknown
      }
      List<Column> definitions = new ArrayList<>();
      String charset = tableCharset(create.getTableOptionsStrings());
      for (ColumnDefinition definition : create.getColumnDefinitions()) {
        Column column =
            column(
                definition.getColumnName(),
                definition.getColDataType(),
                definition.getColumnSpecs());
        if (charset != null
            && column.type() != null
            && !upper(List.of(column.type())).get(0).contains("CHARACTER SET")) {
          // MySQL's table default applies to the columns that name none
          column =
              new Column(
                  column.name(), column.notNull(), column.type() + " CHARACTER SET " + charset);
        }
        definitions.add(column);
      }
      String table = tableName(create.getTable());
      createTable(table, definitions);
      Map<String, Column> columns = Objects.requireNonNull(tables.get(table), "just created");
      for (ColumnDefinition definition : create.getColumnDefinitions()) {
        if (declaresUnique(definition.getColumnSpecs())) {
          addKey(table, null, List.of(definition.getColumnName()));
        }
        inlineReference(table, definition.getColumnName(), definition.getColumnSpecs());
      }
      if (create.getIndexes() != null) {
        for (Index index : create.getIndexes()) {
          primaryKey(columns, index);
          if (isUnique(index.getType()) && index.getColumnsNames() != null) {
            addKey(table, index);
          }
          foreignKeyIndex(table, index);
        }
      }
    }

    private void alter(Alter alter) {
      if (alter.getTable() == null || alter.getAlterExpressions() == null) {
        return;
      }
      String table = tableName(alter.getTable());
      Map<String, Column> columns = tables.get(table);
      if (columns == null) {
        return; // a table the scripts did not create (or that an earlier baseline holds)
      }
      List<UniqueKey> tableKeys = keys.computeIfAbsent(table, t -> new ArrayList<>());
      for (AlterExpression e : alter.getAlterExpressions()) {
        AlterOperation operation = e.getOperation();
        if (operation == AlterOperation.UNSPECIFIC) {
          partlyRead.add(table); // ALTER TABLE t <words JSqlParser keeps without reading them>
          continue;
        }
        List<AlterExpression.ColumnDataType> changed =
            e.getColDataTypeList() == null ? List.of() : e.getColDataTypeList();
        if (operation == AlterOperation.ADD) {
          for (AlterExpression.ColumnDataType c : changed) {
            putColumn(table, column(c.getColumnName(), c.getColDataType(), c.getColumnSpecs()));
            inlineReference(table, c.getColumnName(), c.getColumnSpecs());
          }
          if (e.getIndex() != null) {
            primaryKey(columns, e.getIndex());
            if (isUnique(e.getIndex().getType()) && e.getIndex().getColumnsNames() != null) {
              addKey(table, e.getIndex());
            }
            foreignKeyIndex(table, e.getIndex());
          } else if (e.getFkColumns() != null && e.getFkSourceTable() != null) {
            ReferentialAction onDelete = e.getReferentialAction(ReferentialAction.Type.DELETE);
            foreignKey(
                table,
                e.getConstraintName(),
                e.getFkColumns(),
                e.getFkSourceTable(),
                onDelete == null ? null : onDelete.getAction().toString());
          }
          if (e.getPkColumns() != null) {
            e.getPkColumns().forEach(c -> setNotNull(columns, c, true));
            addKey(table, null, e.getPkColumns());
          }
          if (e.getUkColumns() != null) {
            addKey(table, e.getUkName(), e.getUkColumns());
          }
        } else if (operation == AlterOperation.ALTER) {
          // PostgreSQL and H2: ALTER COLUMN c SET NOT NULL / DROP NOT NULL; TYPE keeps nullability.
          for (AlterExpression.ColumnDataType c : changed) {
            List<String> specs = upper(c.getColumnSpecs());
            if (specs.contains("DROP") && containsNotNull(specs)) {
              setNotNull(columns, c.getColumnName(), false);
            } else if (containsNotNull(specs)) {
              setNotNull(columns, c.getColumnName(), true);
            }
          }
        } else if (operation == AlterOperation.MODIFY || operation == AlterOperation.CHANGE) {
          // MySQL redefines the column: NOT NULL must be written again or it is gone.
          if (operation == AlterOperation.CHANGE && e.getColumnOldName() != null) {
            columns.remove(normalise(e.getColumnOldName()));
            if (changed.size() == 1) {
              rename(tableKeys, e.getColumnOldName(), changed.get(0).getColumnName());
            }
          }
          for (AlterExpression.ColumnDataType c : changed) {
            putColumn(table, column(c.getColumnName(), c.getColDataType(), c.getColumnSpecs()));
            if (!upper(c.getColumnSpecs()).contains("NULL")) {
              partlyRead.add(table);
            }
          }
        } else if (operation == AlterOperation.RENAME
            && e.getColumnOldName() != null
            && e.getColumnName() != null) {
          renameColumn(table, e.getColumnOldName(), e.getColumnName());
        } else if (operation == AlterOperation.RENAME_TABLE && e.getNewTableName() != null) {
          renameTable(table, e.getNewTableName());
          return;
        } else if (operation == AlterOperation.DROP) {
          if (e.getColumnName() != null) {
            dropColumn(table, e.getColumnName());
          }
          String constraint =
              e.getConstraintName() != null
                  ? e.getConstraintName()
                  : e.getIndex() != null ? e.getIndex().getName() : null;
          if (constraint != null) {
            dropKey(table, constraint);
            dropForeignKey(table, constraint);
          }
        }
      }
    }

    private static void rename(List<UniqueKey> tableKeys, String from, String to) {
      String old = normalise(from);
      String renamed = normalise(to);
      tableKeys.replaceAll(
          k ->
              new UniqueKey(
                  k.name(),
                  k.columns().stream().map(c -> c.equals(old) ? renamed : c).toList(),
                  k.origin(),
                  k.prefixLengths()));
    }

    /** MySQL's {@code [DEFAULT] CHARSET=x} / {@code CHARACTER SET x} among a table's options. */
    private static @Nullable String tableCharset(@Nullable List<String> options) {
      if (options == null) {
        return null;
      }
      List<String> words = upper(options);
      for (int i = 0; i < words.size(); i++) {
        boolean charset = words.get(i).equals("CHARSET");
        if (words.get(i).equals("CHARACTER")
            && i + 1 < words.size()
            && words.get(i + 1).equals("SET")) {
          charset = true;
          i++;
        }
        if (charset) {
          int value = i + 1 < words.size() && words.get(i + 1).equals("=") ? i + 2 : i + 1;
          return value < words.size() ? options.get(value) : null;
        }
      }
      return null;
    }

    private static Column column(
        String name, @Nullable ColDataType type, @Nullable List<String> specs) {
      return new Column(
          unquoted(name), declaresNotNull(specs), type == null ? null : type.toString());
    }

    /** {@code FOREIGN KEY (c) REFERENCES parent (id) [ON DELETE action]} in a table's indexes. */
    private void foreignKeyIndex(String table, Index index) {
      if (index instanceof ForeignKeyIndex fk
          && fk.getTable() != null
          && fk.getColumnsNames() != null) {
        foreignKey(
            table,
            fk.getName(),
            fk.getColumnsNames(),
            fk.getTable().getName(),
            fk.getOnDeleteReferenceOption());
      }
    }

    /** {@code c INT REFERENCES parent (id) [ON DELETE action]} among a column's specs. */
    private void inlineReference(String table, String column, @Nullable List<String> columnSpecs) {
      if (columnSpecs == null) {
        return;
      }
      List<String> specs = upper(columnSpecs);
      int references = specs.indexOf("REFERENCES");
      if (references < 0 || references + 1 >= specs.size()) {
        return;
      }
      String parent = columnSpecs.get(references + 1);
      int paren = parent.indexOf('(');
      if (paren >= 0) {
        parent = parent.substring(0, paren);
      }
      String onDelete = null;
      for (int i = references + 2; i + 2 < specs.size(); i++) {
        if (specs.get(i).equals("ON") && specs.get(i + 1).equals("DELETE")) {
          onDelete = specs.get(i + 2);
          if ((onDelete.equals("SET") || onDelete.equals("NO")) && i + 3 < specs.size()) {
            onDelete = onDelete + " " + specs.get(i + 3);
          }
          break;
        }
      }
      if (!parent.isBlank()) {
        foreignKey(table, null, List.of(column), parent, onDelete);
      }
    }

    private static void primaryKey(Map<String, Column> columns, Index index) {
      if (index.getType() != null
          && index.getType().toUpperCase(Locale.ROOT).startsWith("PRIMARY")
          && index.getColumnsNames() != null) {
        index.getColumnsNames().forEach(c -> setNotNull(columns, c, true));
      }
    }

    private static void setNotNull(Map<String, Column> columns, String column, boolean notNull) {
      Column old = columns.get(normalise(column));
      if (old != null) {
        columns.put(normalise(column), new Column(old.name(), notNull, old.type()));
      }
    }

    private static String tableName(Table table) {
      return normalise(table.getName());
    }

    /** NOT NULL or PRIMARY KEY among a column's specs; {@code DEFAULT NULL} and NULL are not. */
    private static boolean declaresNotNull(@Nullable List<String> columnSpecs) {
      List<String> specs = upper(columnSpecs);
      return containsNotNull(specs) || containsPair(specs, "PRIMARY", "KEY");
    }

    /** UNIQUE or PRIMARY KEY among a column's specs. */
    private static boolean declaresUnique(@Nullable List<String> columnSpecs) {
      List<String> specs = upper(columnSpecs);
      return specs.contains("UNIQUE") || containsPair(specs, "PRIMARY", "KEY");
    }

    private static boolean containsNotNull(List<String> specs) {
      return containsPair(specs, "NOT", "NULL");
    }

    private static boolean containsPair(List<String> specs, String first, String second) {
      for (int i = 0; i + 1 < specs.size(); i++) {
        if (specs.get(i).equals(first) && specs.get(i + 1).equals(second)) {
          return true;
        }
      }
      return false;
    }

    private static List<String> upper(@Nullable List<String> specs) {
      List<String> out = new ArrayList<>();
      if (specs != null) {
        specs.forEach(s -> out.add(s.toUpperCase(Locale.ROOT)));
      }
      return out;
    }

    private static String unquoted(String name) {
      String n = name.strip();
      return n.length() >= 2 && (n.startsWith("\"") || n.startsWith("`") || n.startsWith("["))
          ? n.substring(1, n.length() - 1)
          : n;
    }
  }
}
