package dev.rowguard.sql;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.alter.Alter;
import net.sf.jsqlparser.statement.alter.AlterExpression;
import net.sf.jsqlparser.statement.alter.AlterOperation;
import net.sf.jsqlparser.statement.create.index.CreateIndex;
import net.sf.jsqlparser.statement.create.table.ColumnDefinition;
import net.sf.jsqlparser.statement.create.table.CreateTable;
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

  /** Statements longer than this are not parsed (a seed-data INSERT is no DDL anyway). */
  static final int MAX_PARSED_CHARS = 64 * 1024;

  /** The schema of no scripts. */
  public static final Schema EMPTY = new Schema(Map.of(), Map.of(), Set.of());

  /**
   * A column.
   *
   * @param name the name as written last, without quotes
   * @param notNull whether the database rejects NULL in it (NOT NULL, or a primary key column)
   */
  public record Column(String name, boolean notNull) {}

  /**
   * A set of columns the database keeps unique: a primary key, a unique constraint or a unique
   * index.
   *
   * @param name the constraint's or index's name, if the script gave one
   * @param columns the columns, folded as {@link #column} compares them
   */
  public record UniqueKey(@Nullable String name, List<String> columns) {
    public UniqueKey {
      columns = List.copyOf(columns);
    }
  }

  private final Map<String, Map<String, Column>> tables;
  private final Map<String, List<UniqueKey>> keys;
  private final Set<String> partlyRead;

  private Schema(
      Map<String, Map<String, Column>> tables,
      Map<String, List<UniqueKey>> keys,
      Set<String> partlyRead) {
    this.partlyRead = Set.copyOf(partlyRead);
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
    return new Schema(builder.tables, builder.keys, builder.partlyRead);
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

  /** The mutable model while scripts are applied. */
  private static final class Builder {
    final Map<String, Map<String, Column>> tables = new LinkedHashMap<>();
    final Map<String, List<UniqueKey>> keys = new LinkedHashMap<>();
    final Set<String> partlyRead = new HashSet<>();

    void apply(String statement) {
      String first = LexicalClassifier.firstWord(statement);
      if (!(first.equals("create") || first.equals("alter") || first.equals("drop"))
          || statement.length() > MAX_PARSED_CHARS
          || LexicalClassifier.maxDepth(statement) > StatementClassifier.MAX_PARSED_DEPTH) {
        return;
      }
      Statement parsed;
      try {
        parsed = CCJSqlParserUtil.newParser(statement).Statement();
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
          tables.remove(tableName(drop.getName()));
          keys.remove(tableName(drop.getName()));
        } else if ("INDEX".equalsIgnoreCase(drop.getType())) {
          String name = normalise(drop.getName().getName());
          keys.values().forEach(list -> list.removeIf(k -> name.equals(k.name())));
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
      addKey(tableName(create.getTable()), index.getName(), index.getColumnsNames());
    }

    private void addKey(String table, @Nullable String name, List<String> columns) {
      if (!tables.containsKey(table) || columns.isEmpty()) {
        return;
      }
      List<String> folded = new ArrayList<>();
      columns.forEach(c -> folded.add(normalise(c)));
      keys.computeIfAbsent(table, t -> new ArrayList<>())
          .add(new UniqueKey(name == null ? null : normalise(name), folded));
    }

    private static boolean isUnique(@Nullable String indexType) {
      String type = indexType == null ? "" : indexType.toUpperCase(Locale.ROOT);
      return type.contains("UNIQUE") || type.startsWith("PRIMARY");
    }

    private void create(CreateTable create) {
      if (create.getTable() == null || create.getColumnDefinitions() == null) {
        return; // CREATE TABLE ... AS SELECT: columns unknown
      }
      Map<String, Column> columns = new LinkedHashMap<>();
      for (ColumnDefinition definition : create.getColumnDefinitions()) {
        String name = definition.getColumnName();
        columns.put(
            normalise(name),
            new Column(unquoted(name), declaresNotNull(definition.getColumnSpecs())));
      }
      String table = tableName(create.getTable());
      tables.put(table, columns);
      keys.remove(table);
      partlyRead.remove(table);
      for (ColumnDefinition definition : create.getColumnDefinitions()) {
        if (declaresUnique(definition.getColumnSpecs())) {
          addKey(table, null, List.of(definition.getColumnName()));
        }
      }
      if (create.getIndexes() != null) {
        for (Index index : create.getIndexes()) {
          primaryKey(columns, index);
          if (isUnique(index.getType()) && index.getColumnsNames() != null) {
            addKey(table, index.getName(), index.getColumnsNames());
          }
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
            columns.put(
                normalise(c.getColumnName()),
                new Column(unquoted(c.getColumnName()), declaresNotNull(c.getColumnSpecs())));
          }
          if (e.getIndex() != null) {
            primaryKey(columns, e.getIndex());
            if (isUnique(e.getIndex().getType()) && e.getIndex().getColumnsNames() != null) {
              addKey(table, e.getIndex().getName(), e.getIndex().getColumnsNames());
            }
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
            columns.put(
                normalise(c.getColumnName()),
                new Column(unquoted(c.getColumnName()), declaresNotNull(c.getColumnSpecs())));
            if (!upper(c.getColumnSpecs()).contains("NULL")) {
              partlyRead.add(table);
            }
          }
        } else if (operation == AlterOperation.RENAME
            && e.getColumnOldName() != null
            && e.getColumnName() != null) {
          Column old = columns.remove(normalise(e.getColumnOldName()));
          if (old != null) {
            columns.put(
                normalise(e.getColumnName()),
                new Column(unquoted(e.getColumnName()), old.notNull()));
            rename(tableKeys, e.getColumnOldName(), e.getColumnName());
          }
        } else if (operation == AlterOperation.DROP) {
          if (e.getColumnName() != null) {
            String dropped = normalise(e.getColumnName());
            columns.remove(dropped);
            tableKeys.removeIf(k -> k.columns().contains(dropped));
          }
          String constraint =
              e.getConstraintName() != null
                  ? e.getConstraintName()
                  : e.getIndex() != null ? e.getIndex().getName() : null;
          if (constraint != null) {
            String name = normalise(constraint);
            tableKeys.removeIf(k -> name.equals(k.name()));
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
                  k.name(), k.columns().stream().map(c -> c.equals(old) ? renamed : c).toList()));
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
        columns.put(normalise(column), new Column(old.name(), notNull));
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
