package dev.rowguard.audit;

import dev.rowguard.audit.log.RowBatch;
import dev.rowguard.sql.Classification;
import dev.rowguard.sql.StatementClassifier;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.JDBCType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.jspecify.annotations.Nullable;

/**
 * The one place that knows how the rows a delete removes are read: just before a {@code DELETE FROM
 * t [alias] [WHERE ...]} (or a {@code TRUNCATE}) runs, a {@code SELECT} of the same table and WHERE
 * with the same parameters, on the same connection and so in the same transaction ({@code FOR
 * UPDATE} inside a transaction, so the rows cannot change before the delete); with {@link
 * Capture#KEYS} only the primary-key columns ({@link TableMetadata}, read once per table). A delete
 * by primary key ({@code WHERE id = ?}, what an ORM issues) needs no read at all for keys: the keys
 * are its bound parameters, kept for the executions that deleted a row.
 *
 * <p>Before a DELETE on a table that other tables reference with {@code ON DELETE CASCADE}, the
 * rows the database will remove with it are read too, per each child table's own capture mode
 * ({@code none}: only counted): {@code SELECT ... FROM child WHERE fk IN (SELECT pk FROM parent
 * [alias] [WHERE ...])} with the same parameters, recursively over cascade chains up to {@value
 * #MAX_CASCADE_DEPTH} tables deep, a table already on the chain (a cycle) ending it. A table's
 * foreign key onto itself (a tree) is read level by level, up to {@value #MAX_TREE_DEPTH} levels,
 * each level without the rows deleted at the top (which stops cycles in the data).
 *
 * <p>Reading never changes what the application's statement does: a read that fails is logged and
 * leaves the delete uncaptured (on PostgreSQL inside a savepoint, since a failed statement would
 * abort the application's transaction). PostgreSQL's {@code DELETE ... USING} is read as the join
 * it is; statements of other shapes (MySQL's multi-table deletes, CTEs, {@code MERGE}) are not
 * captured, nor their cascades, and {@link #notCaptured} says why, for the record.
 */
final class RowCapture {

  /**
   * {@code DELETE FROM t [alias] [WHERE ...] [ORDER BY ...] [LIMIT ...]}: the SELECT reads the same
   * tail (MySQL's {@code ORDER BY ... LIMIT} picks the same rows under the same lock).
   */
  private static final Pattern PLAIN_DELETE =
      Pattern.compile(
          "(?is)^\\s*delete\\s+from\\s+([\\w.\"`\\[\\]]+)((?:\\s+(?:as\\s+)?(?!(?:where|order|limit)\\b)\\w+)?(?:\\s+(?:where|order\\s+by|limit)\\b.*)?)$");

  /** {@code DELETE FROM t [alias] USING ...} (PostgreSQL): rows of a join. */
  private static final Pattern USING =
      Pattern.compile("(?is)^\\s*delete\\s+from\\s+\\S+(?:\\s+(?:as\\s+)?\\w+)?\\s+using\\b.*");

  /**
   * PostgreSQL's {@code DELETE FROM t [[AS] a] USING from_items [WHERE ...]}: the table, its alias
   * and what follows {@code USING}, read as {@code SELECT a.* FROM t a, from_items [WHERE ...]}.
   */
  private static final Pattern PG_USING =
      Pattern.compile(
          "(?is)^\\s*delete\\s+from\\s+((?:[\\w]+|\"[^\"]+\")(?:\\.(?:[\\w]+|\"[^\"]+\"))?)(?:\\s+(?:as\\s+)?(?!using\\b)(\\w+))?\\s+using\\s+(.+)$");

  /** {@code DELETE t1, t2 FROM ...}, {@code DELETE LOW_PRIORITY ...}, joins (MySQL). */
  private static final Pattern MULTI_TABLE =
      Pattern.compile("(?is)^\\s*delete\\s+(?!from\\b)\\S.*|.*\\bjoin\\b.*");

  /**
   * A trailing {@code LIMIT n} (MySQL's {@code DELETE ... [ORDER BY ...] LIMIT n}) or {@code FETCH
   * FIRST n ROWS ONLY} (H2).
   */
  private static final Pattern LIMIT =
      Pattern.compile(
          "(?is).*\\s(?:limit\\s+(?:\\d+|\\?)|fetch\\s+(?:first|next)\\s.*)\\s*;?\\s*$");

  /** The last {@code ORDER BY ...} before a trailing {@code LIMIT} or {@code FETCH}. */
  private static final Pattern ORDER_BY =
      Pattern.compile("(?is).*\\sorder\\s+by\\s+(.+?)\\s+(?:limit|fetch)\\s.*$");

  private static final Pattern ORDER_ITEM =
      Pattern.compile("(?is)^\\s*(?:\\w+\\.)?[\"`]?(\\w+)[\"`]?(?:\\s+(?:asc|desc))?\\s*$");

  private static final Pattern TRUNCATE =
      Pattern.compile("(?is)^\\s*truncate\\s+(?:table\\s+)?([\\w.\"`\\[\\]]+)\\s*;?\\s*$");

  /** {@code WHERE a.id = ? AND "version" = ?}: equalities with parameters only. */
  private static final Pattern BY_PARAMETERS =
      Pattern.compile(
          "(?is)^\\s*delete\\s+from\\s+[\\w.\"`\\[\\]]+(?:\\s+(?:as\\s+)?(?!where\\b)\\w+)?\\s+where\\s+(.*?)\\s*$");

  private static final Pattern EQUALS_PARAMETER =
      Pattern.compile("(?is)^\\s*(?:\\w+\\.)?[\"`\\[]?(\\w+)[\"`\\]]?\\s*=\\s*\\?\\s*$");

  private static final Pattern AND = Pattern.compile("(?i)\\s+and\\s+");

  /** Tables in one cascade chain, the deleted table included, that are read. */
  static final int MAX_CASCADE_DEPTH = 8;

  /**
   * Levels of a table's {@code ON DELETE CASCADE} foreign key onto itself (a tree) that are read
   * below the rows deleted from it; deeper descendants are not counted.
   */
  static final int MAX_TREE_DEPTH = 16;

  private final TableMetadata metadata = new TableMetadata();

  /**
   * What a statement text allows: the {@code t [alias] [WHERE ...]} to read from (null: not
   * captured), and for a delete whose WHERE is only {@code column = ?} equalities, each column's
   * parameter index (else null). Worked out once per text; the cache is cleared when it holds
   * {@value #SHAPES} texts.
   */
  private record Shape(
      @Nullable String from,
      @Nullable Map<String, Integer> positions,
      String notCaptured,
      @Nullable Set<String> orderedBy,
      @Nullable Join join) {}

  /**
   * A PostgreSQL {@code DELETE ... USING}: {@code from} is {@code t a, from_items [WHERE ...]},
   * {@code target} the alias (or table) whose rows go.
   */
  private record Join(String from, String target) {}

  private static @Nullable Join join(String sql) {
    List<String> statements = StatementClassifier.statements(sql);
    Matcher m = statements.size() == 1 ? PG_USING.matcher(statements.get(0)) : null;
    if (m == null || !m.matches()) {
      return null;
    }
    String alias = m.group(2);
    List<String> parts = TableMetadata.split(m.group(1));
    String target = alias != null ? alias : parts.get(parts.size() - 1);
    return new Join(m.group(1) + (alias == null ? "" : " " + alias) + ", " + m.group(3), target);
  }

  private static final int SHAPES = 4096;
  private final Map<String, Shape> shapes = new ConcurrentHashMap<>();

  private Shape shapeOf(String sql, Classification c) {
    Shape cached = shapes.get(sql);
    if (cached != null) {
      return cached;
    }
    String from = fromAndWhere(sql, c).orElse(null);
    Shape shape =
        new Shape(
            from,
            positions(sql),
            from == null ? whyNot(sql, c) : "",
            orderedBy(from),
            from == null && c.kind() == Classification.Kind.DELETE ? join(sql) : null);
    if (shapes.size() >= SHAPES) {
      shapes.clear();
    }
    shapes.put(sql, shape);
    return shape;
  }

  /** {@code WHERE a = ? AND b = ?}: column (lower case) to parameter index, else null. */
  private static @Nullable Map<String, Integer> positions(String sql) {
    Matcher m = BY_PARAMETERS.matcher(sql);
    if (!m.matches()) {
      return null;
    }
    Map<String, Integer> position = new HashMap<>();
    String[] conditions = AND.split(m.group(1));
    for (int i = 0; i < conditions.length; i++) {
      Matcher eq = EQUALS_PARAMETER.matcher(conditions[i]);
      if (!eq.matches()) {
        return null;
      }
      position.put(eq.group(1).toLowerCase(Locale.ROOT), i + 1);
    }
    return Map.copyOf(position);
  }

  /**
   * For a read that ends in {@code LIMIT n}: the plain columns of its {@code ORDER BY} (lower case;
   * empty without one), else null.
   */
  private static @Nullable Set<String> orderedBy(@Nullable String from) {
    if (from == null || !LIMIT.matcher(from).matches()) {
      return null;
    }
    Set<String> columns = new HashSet<>();
    Matcher m = ORDER_BY.matcher(from);
    if (m.matches()) {
      for (String item : m.group(1).split(",")) {
        Matcher plain = ORDER_ITEM.matcher(item);
        if (plain.matches()) {
          columns.add(plain.group(1).toLowerCase(Locale.ROOT));
        }
      }
    }
    return Set.copyOf(columns);
  }

  /**
   * Why the rows of a deleting text are not read, or null when its shape is one {@link #before}
   * reads (a read may still fail; PostgreSQL's {@code DELETE ... USING} is read as a join). For
   * {@code rowguard.rows.not_captured}. A {@code DELETE ... LIMIT n} is read only when its {@code
   * ORDER BY} names the whole primary key: any other order may pick other rows for the read than
   * for the delete.
   */
  @Nullable String notCaptured(Connection raw, String sql, Classification c, String dbSystem)
      throws SQLException {
    Shape shape = shapeOf(sql, c);
    if (shape.from() == null) {
      return shape.join() != null && dbSystem.equals("postgresql") ? null : shape.notCaptured();
    }
    Set<String> orderedBy = shape.orderedBy();
    if (orderedBy != null) {
      List<String> key = metadata.of(raw, c.tables().isEmpty() ? "?" : c.tables().get(0)).key();
      if (key.isEmpty() || !orderedBy.containsAll(key)) {
        return "DELETE ... LIMIT without an ORDER BY on the primary key (which rows go is not"
            + " determined, so no read can name them)";
      }
    }
    return null;
  }

  private static String whyNot(String sql, Classification c) {
    List<String> statements = StatementClassifier.statements(sql);
    if (statements.size() != 1) {
      return "a text of several statements (a delete is captured only when sent on its own)";
    }
    String s = statements.get(0).strip().toLowerCase(Locale.ROOT);
    if (c.kind() == Classification.Kind.TRUNCATE) {
      return "a TRUNCATE of several tables, or with CASCADE or other options";
    }
    if (s.startsWith("with")) {
      return "a DELETE inside WITH (a deleting CTE)";
    }
    if (s.startsWith("merge")) {
      return "MERGE ... DELETE";
    }
    if (s.startsWith("explain") || s.startsWith("do")) {
      return "a DELETE inside EXPLAIN or DO";
    }
    if (USING.matcher(s).matches()) {
      return "DELETE ... USING (the rows of a join)";
    }
    if (MULTI_TABLE.matcher(s).matches()) {
      return "a multi-table DELETE (DELETE t FROM t JOIN ...) or one with modifiers";
    }
    return "a DELETE of a shape whose rows cannot be read with the same WHERE";
  }

  /**
   * What was captured of one deleting statement before it ran; {@link #table(Object)} finishes it
   * once its update counts are known.
   */
  static final class Pending {
    final String table;
    final Capture capture;
    final TableMetadata.Table tableKeys;
    final List<String> columns;
    final List<String> types;
    final List<List<@Nullable Object>> rows;

    /** For keys taken from parameters: the binding each row came from, else null. */
    final int @Nullable [] bindingOf;

    /** Whether the bound on captured rows cut this capture short. */
    boolean incomplete;

    /**
     * For the rows of a cascade: every row the read saw, kept or not (beyond the bound, or only
     * counted for a table captured as {@code none}).
     */
    long seen;

    /** A cascade whose table is captured as {@code none}: counted, no rows kept. */
    boolean countOnly;

    /** What {@code ON DELETE CASCADE} removes with these rows, one per foreign key. */
    final List<Pending> cascaded = new ArrayList<>();

    /**
     * For a delete by key: the bindings whose key parameters become the rows once they are needed
     * (the statement is recorded, or its transaction keeps it), else null.
     */
    @Nullable List<List<ParameterSetOperation>> deferred;

    @Nullable Map<String, Integer> positions;
    long budget;

    Pending(
        String table,
        Capture capture,
        TableMetadata.Table tableKeys,
        List<String> columns,
        List<String> types,
        List<List<@Nullable Object>> rows,
        int @Nullable [] bindingOf) {
      this.table = table;
      this.capture = capture;
      this.tableKeys = tableKeys;
      this.columns = columns;
      this.types = types;
      this.rows = rows;
      this.bindingOf = bindingOf;
    }

    int size() {
      List<List<ParameterSetOperation>> d = deferred;
      return d != null ? d.size() : rows.size();
    }

    /** Rows held, with those of the cascades. */
    long totalSize() {
      long n = size();
      for (Pending c : cascaded) {
        n += c.totalSize();
      }
      return n;
    }

    /**
     * The rows the cascades remove, per table (as {@link TableMetadata.Table#displayName()}); a
     * table reached by two chains is counted once per chain.
     */
    Map<String, Long> cascadedRows() {
      Map<String, Long> out = new java.util.TreeMap<>();
      addCascaded(out);
      return out;
    }

    private void addCascaded(Map<String, Long> out) {
      for (Pending c : cascaded) {
        out.merge(c.table, c.seen, Long::sum);
        c.addCascaded(out);
      }
    }

    /** {@link #table(Object)}, then the kept rows of each cascade (parents before children). */
    List<RowBatch.Table> tables(@Nullable Object result) {
      List<RowBatch.Table> out = new ArrayList<>();
      if (!countOnly) {
        out.add(table(result));
      }
      addCascadedTables(out);
      return out;
    }

    private void addCascadedTables(List<RowBatch.Table> out) {
      for (Pending c : cascaded) {
        if (!c.countOnly && !c.rows.isEmpty()) {
          out.add(c.table(null));
        }
        c.addCascadedTables(out);
      }
    }

    /**
     * The captured rows as a batch table; {@code result} is what the JDBC call returned, which
     * tells which bindings of a delete by key deleted a row.
     */
    RowBatch.Table table(@Nullable Object result) {
      List<List<ParameterSetOperation>> d = deferred;
      Map<String, Integer> p = positions;
      if (d != null && p != null) {
        deferred = null;
        Pending keys = keysFromParameters(table, tableKeys, p, d, budget);
        return keys == null
            ? new RowBatch.Table(
                table,
                capture.wireName(),
                tableKeys.key(),
                tableKeys.parents(),
                columns,
                types,
                List.of())
            : keys.table(result);
      }
      List<List<@Nullable Object>> kept = rows;
      int[] from = bindingOf;
      if (from != null) {
        long[] counts = Execution.counts(result, null);
        kept = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
          int b = from[i];
          long count = counts.length == 0 ? 1 : b < counts.length ? counts[b] : 1;
          if (count != 0) {
            kept.add(rows.get(i));
          }
        }
      }
      return new RowBatch.Table(
          table, capture.wireName(), tableKeys.key(), tableKeys.parents(), columns, types, kept);
    }
  }

  /**
   * Reads what {@code query} is about to delete, at most {@code budget} rows (with its cascades,
   * each table captured as {@code captureOf} says), or returns empty for a statement of another
   * shape, a table captured as {@link Capture#NONE} without cascades (with cascades: only their
   * rows, counted or captured per {@code captureOf}), or a read that failed.
   */
  Optional<Pending> before(
      Connection raw,
      Classification c,
      QueryInfo query,
      Capture capture,
      Function<String, Capture> captureOf,
      String dbSystem,
      long budget)
      throws SQLException {
    if (budget <= 0) {
      return Optional.empty();
    }
    String sql = query.getQuery();
    Shape shape = shapeOf(sql, c);
    String from = shape.from();
    // A join's read names its target's columns, locks only its rows and drops repeated rows.
    String target = null;
    Join join = shape.join();
    if (from == null && join != null && dbSystem.equals("postgresql")) {
      from = join.from();
      target = join.target();
    }
    if (from == null) {
      return Optional.empty();
    }
    String table = c.tables().isEmpty() ? "?" : c.tables().get(0);
    TableMetadata.Table tk = metadata.of(raw, table);
    // ON DELETE CASCADE applies to DELETE only (TRUNCATE of a referenced table fails or cascades
    // by its own CASCADE keyword, which is not read here).
    boolean cascades = c.kind() == Classification.Kind.DELETE && !tk.cascades().isEmpty();
    if (capture == Capture.NONE && !cascades) {
      return Optional.empty();
    }
    List<List<ParameterSetOperation>> bindings = query.getParametersList();
    Map<String, Integer> positions = shape.positions();
    Pending byKey = null;
    if (capture == Capture.KEYS
        && !tk.key().isEmpty()
        && !bindings.isEmpty()
        && positions != null
        && positions.keySet().containsAll(tk.key())) {
      // A delete by key: nothing to read now; the keys are its parameters.
      byKey = new Pending(table, Capture.KEYS, tk, tk.key(), List.of(), List.of(), null);
      byKey.deferred = bindings;
      byKey.positions = positions;
      byKey.budget = budget;
      if (!cascades) {
        return Optional.of(byKey);
      }
    }
    boolean keysOnly = capture == Capture.KEYS && !tk.key().isEmpty();
    String quote = quote(raw);
    boolean inTransaction = !raw.getAutoCommit();
    // on its own line: a trailing -- comment cannot swallow it
    String lock =
        inTransaction && raw.getMetaData().supportsSelectForUpdate() ? "\nfor update" : "";
    String qualifier = target == null ? "" : target + ".";
    String rootLock = target == null || lock.isEmpty() ? lock : lock + " of " + target;
    Savepoint sp = inTransaction && dbSystem.equals("postgresql") ? raw.setSavepoint() : null;
    try {
      List<List<ParameterSetOperation>> each = bindings.isEmpty() ? List.of(List.of()) : bindings;
      Pending p = byKey;
      if (capture == Capture.NONE) {
        // Nothing of the table itself: the driver counts its rows; the cascades are read below.
        p = new Pending(table, Capture.NONE, tk, List.of(), List.of(), new ArrayList<>(), null);
        p.countOnly = true;
      } else if (p == null) {
        String select =
            "select "
                + (keysOnly ? columns(qualifier, quote, tk.storedKey()) : qualifier + "*")
                + " from "
                + from
                + rootLock;
        p =
            readEach(
                raw,
                select,
                each,
                table,
                keysOnly ? Capture.KEYS : Capture.ROWS,
                tk,
                budget,
                false);
        if (target != null) {
          // A row of t joined to several rows of the USING list is deleted once.
          List<List<@Nullable Object>> once =
              new ArrayList<>(new java.util.LinkedHashSet<>(p.rows));
          p.rows.clear();
          p.rows.addAll(once);
        }
      }
      Pending root = p;
      if (cascades) {
        List<String> chain = new ArrayList<>(List.of(tk.displayName().toLowerCase(Locale.ROOT)));
        // MySQL and MariaDB refuse LIMIT in an IN subquery (error 1235), not in a derived table.
        boolean derived = dbSystem.equals("mysql") || dbSystem.equals("mariadb");
        cascade(
            raw, root, root, tk, from, qualifier, each, quote, lock, captureOf, budget, chain, true,
            derived);
      }
      if (sp != null) {
        raw.releaseSavepoint(sp);
      }
      return Optional.of(root);
    } catch (SQLException | ReflectiveOperationException | RuntimeException e) {
      if (sp != null) {
        raw.rollback(sp);
      }
      throw new SQLException("cannot read the rows this delete removes: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the rows {@code ON DELETE CASCADE} removes with the rows {@code parentFrom} selects of
   * {@code parentTable} into {@code parent}'s cascades, and theirs, down the chain.
   */
  private void cascade(
      Connection raw,
      Pending root,
      Pending parent,
      TableMetadata.Table parentTable,
      String parentFrom,
      String parentQualifier,
      List<List<ParameterSetOperation>> each,
      String quote,
      String lock,
      Function<String, Capture> captureOf,
      long budget,
      List<String> chain,
      boolean trees,
      boolean derived)
      throws SQLException, ReflectiveOperationException {
    if (chain.size() >= MAX_CASCADE_DEPTH) {
      return;
    }
    for (TableMetadata.Cascade fk : parentTable.cascades()) {
      TableMetadata.Table child = metadata.stored(raw, fk.childSchema(), fk.child());
      String name = child.displayName();
      String lower = name.toLowerCase(Locale.ROOT);
      if (chain.contains(lower)) {
        if (trees && lower.equals(chain.get(chain.size() - 1))) {
          descendants(
              raw,
              root,
              parent,
              child,
              fk,
              parentFrom,
              parentQualifier,
              each,
              quote,
              lock,
              captureOf,
              budget,
              chain,
              derived);
        }
        continue; // a cycle through other tables ends the chain; a tree is read just above
      }
      String from = childFrom(quote, child, fk, parentFrom, parentQualifier, derived);
      Pending read =
          readCascade(raw, root, child, captureOf.apply(name), from, each, quote, lock, budget);
      parent.cascaded.add(read);
      chain.add(lower);
      cascade(
          raw, root, read, child, from, "", each, quote, lock, captureOf, budget, chain, true,
          derived);
      chain.remove(chain.size() - 1);
    }
  }

  /**
   * Reads the descendants {@code ON DELETE CASCADE} removes through {@code fk}, a foreign key of
   * {@code table} onto itself (a tree), below the rows {@code topFrom} selects: level by level (the
   * rows whose parent is in the level above), each level without the top rows, which the delete
   * removes anyway (a row is then read once, also when the top holds a row and its descendant, and
   * a cycle in the data ends at its top row), until a level is empty or {@value #MAX_TREE_DEPTH}
   * levels were read. Each level is a cascade of the level above (its own other cascades read below
   * it), so counts add up per table.
   */
  private void descendants(
      Connection raw,
      Pending root,
      Pending top,
      TableMetadata.Table table,
      TableMetadata.Cascade fk,
      String topFrom,
      String topQualifier,
      List<List<ParameterSetOperation>> each,
      String quote,
      String lock,
      Function<String, Capture> captureOf,
      long budget,
      List<String> chain,
      boolean derived)
      throws SQLException, ReflectiveOperationException {
    Capture mode = captureOf.apply(table.displayName());
    String refs = inList(quote, fk.parentColumns());
    String notTop =
        "\nand not (" + refs + " in (" + keysOf(quote, fk, topFrom, topQualifier, derived) + "))";
    // Every level repeats the top's text, with its parameters: bound once per copy.
    int parameters = parameterCount(each);
    String above = topFrom;
    Pending parent = top;
    for (int level = 1; level <= MAX_TREE_DEPTH; level++) {
      String from =
          childFrom(quote, table, fk, above, level == 1 ? topQualifier : "", derived) + notTop;
      List<List<ParameterSetOperation>> bound = repeated(each, parameters, level + 1);
      Pending read = readCascade(raw, root, table, mode, from, bound, quote, lock, budget);
      if (read.seen == 0) {
        return;
      }
      parent.cascaded.add(read);
      cascade(
          raw, root, read, table, from, "", bound, quote, lock, captureOf, budget, chain, false,
          derived);
      above = from;
      parent = read;
    }
  }

  /**
   * {@code child where fk in (select <referenced columns> from <parentFrom>)}: the rows of {@code
   * child} that {@code fk} ties to the rows {@code parentFrom} selects ({@code parentQualifier}:
   * the alias its columns need, for a join).
   */
  private static String childFrom(
      String quote,
      TableMetadata.Table child,
      TableMetadata.Cascade fk,
      String parentFrom,
      String parentQualifier,
      boolean derived) {
    String qualified =
        (child.schema() == null ? "" : quote + child.schema() + quote + ".")
            + quote
            + child.name()
            + quote;
    return qualified
        + " where "
        + inList(quote, fk.childColumns())
        + " in ("
        + keysOf(quote, fk, parentFrom, parentQualifier, derived)
        + ")";
  }

  /**
   * {@code select <referenced columns> from <parentFrom>}, the parent side of {@code fk}; {@code
   * derived}: wrapped in a derived table, since MySQL and MariaDB refuse {@code LIMIT} in an {@code
   * IN} subquery (error 1235) but not there. The parent's WHERE may end in a {@code --} comment:
   * the text after it starts on a new line.
   */
  private static String keysOf(
      String quote,
      TableMetadata.Cascade fk,
      String parentFrom,
      String parentQualifier,
      boolean derived) {
    String rows =
        "select "
            + columns(parentQualifier, quote, fk.parentColumns())
            + " from "
            + parentFrom
            + "\n";
    return derived
        ? "select "
            + columns("", quote, fk.parentColumns())
            + " from ("
            + rows
            + ") rowguard_parent"
        : rows;
  }

  /** One quoted column, or several in parentheses: the left side of an {@code IN}. */
  private static String inList(String quote, List<String> stored) {
    String c = columns("", quote, stored);
    return stored.size() == 1 ? c : "(" + c + ")";
  }

  /**
   * Reads the rows of {@code child} that {@code from} selects as a cascade of {@code root}, per
   * {@code mode} ({@code none}: counted only), within what is left of {@code budget}.
   */
  private static Pending readCascade(
      Connection raw,
      Pending root,
      TableMetadata.Table child,
      Capture mode,
      String from,
      List<List<ParameterSetOperation>> each,
      String quote,
      String lock,
      long budget)
      throws SQLException, ReflectiveOperationException {
    boolean keysOnly = mode == Capture.KEYS && !child.key().isEmpty();
    String select =
        "select "
            + (mode == Capture.NONE ? "1" : keysOnly ? columns("", quote, child.storedKey()) : "*")
            + " from "
            + from
            + lock;
    long left = mode == Capture.NONE ? 0 : Math.max(0, budget - root.totalSize());
    Pending read =
        readEach(
            raw,
            select,
            each,
            child.displayName(),
            keysOnly ? Capture.KEYS : Capture.ROWS,
            child,
            left,
            true);
    read.countOnly = mode == Capture.NONE;
    return read;
  }

  /** The most parameters one binding sets (their highest index). */
  private static int parameterCount(List<List<ParameterSetOperation>> each) {
    int n = 0;
    for (List<ParameterSetOperation> binding : each) {
      for (ParameterSetOperation op : binding) {
        Object[] args = op.getArgs();
        if (args != null && args.length > 0 && args[0] instanceof Integer i) {
          n = Math.max(n, i);
        }
      }
    }
    return n;
  }

  /**
   * Each binding {@code copies} times in a row, the k-th copy's parameter indexes shifted by k
   * times {@code parameters}: for a text that repeats a parameterised part.
   */
  private static List<List<ParameterSetOperation>> repeated(
      List<List<ParameterSetOperation>> each, int parameters, int copies) {
    if (parameters == 0) {
      return each;
    }
    List<List<ParameterSetOperation>> out = new ArrayList<>(each.size());
    for (List<ParameterSetOperation> binding : each) {
      List<ParameterSetOperation> ops = new ArrayList<>(binding.size() * copies);
      for (int k = 0; k < copies; k++) {
        for (ParameterSetOperation op : binding) {
          Object[] args = op.getArgs().clone();
          if (args.length > 0 && args[0] instanceof Integer i) {
            args[0] = i + k * parameters;
          }
          ops.add(new ParameterSetOperation(op.getMethod(), args));
        }
      }
      out.add(ops);
    }
    return out;
  }

  /** {@link #read} once per binding into one capture. */
  private static Pending readEach(
      Connection raw,
      String select,
      List<List<ParameterSetOperation>> each,
      String table,
      Capture capture,
      TableMetadata.Table tk,
      long budget,
      boolean countAll)
      throws SQLException, ReflectiveOperationException {
    Pending p = null;
    for (List<ParameterSetOperation> binding : each) {
      p = read(raw, select, binding, table, capture, tk, p, budget, countAll);
    }
    return Objects.requireNonNull(p, "one read per binding, at least one binding");
  }

  /** {@code qualifier"a", qualifier"b"}: the columns quoted, each after {@code qualifier}. */
  private static String columns(String qualifier, String quote, List<String> stored) {
    return String.join(", ", stored.stream().map(k -> qualifier + quote + k + quote).toList());
  }

  /**
   * {@code t [alias] [WHERE ...]} of a plain DELETE, or {@code t} of a TRUNCATE: what the SELECT
   * reads from.
   */
  static Optional<String> fromAndWhere(String sql, Classification c) {
    // The SELECT must read what this one statement deletes and nothing else: a text of several
    // statements is not captured (its WHERE would carry the next statement into the SELECT).
    List<String> statements = StatementClassifier.statements(sql);
    if (statements.size() != 1) {
      return Optional.empty();
    }
    sql = statements.get(0);
    if (c.kind() == Classification.Kind.TRUNCATE) {
      Matcher m = TRUNCATE.matcher(sql);
      return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }
    Matcher m = PLAIN_DELETE.matcher(sql);
    return m.matches() ? Optional.of(m.group(1) + m.group(2)) : Optional.empty();
  }

  /** The keys of a delete by key from its bindings, or null if one is bound in a way not seen. */
  private static @Nullable Pending keysFromParameters(
      String table,
      TableMetadata.Table tk,
      Map<String, Integer> position,
      List<List<ParameterSetOperation>> bindings,
      long budget) {
    List<List<@Nullable Object>> rows = new ArrayList<>(bindings.size());
    List<String> types = new ArrayList<>();
    int[] bindingOf = new int[(int) Math.min(bindings.size(), budget)];
    boolean incomplete = false;
    for (int b = 0; b < bindings.size(); b++) {
      if (rows.size() >= budget) {
        incomplete = true;
        break;
      }
      Map<Integer, @Nullable Object> byIndex = new HashMap<>();
      for (ParameterSetOperation op : bindings.get(b)) {
        Object[] args = op.getArgs();
        if (args != null && args.length >= 2 && args[0] instanceof Integer index) {
          byIndex.put(index, args[1]);
        }
      }
      List<@Nullable Object> row = new ArrayList<>(tk.key().size());
      for (String k : tk.key()) {
        int index = position.get(k);
        if (!byIndex.containsKey(index)) {
          return null; // bound in a way not seen here (a stream, say)
        }
        Object v = byIndex.get(index);
        row.add(encode(v));
        if (b == 0) {
          types.add(typeOf(v));
        }
      }
      bindingOf[rows.size()] = b;
      rows.add(row);
    }
    Pending p = new Pending(table, Capture.KEYS, tk, tk.key(), types, rows, bindingOf);
    p.incomplete = incomplete;
    return p;
  }

  private static Pending read(
      Connection raw,
      String select,
      List<ParameterSetOperation> binding,
      String table,
      Capture capture,
      TableMetadata.Table tk,
      @Nullable Pending into,
      long budget,
      boolean countAll)
      throws SQLException, ReflectiveOperationException {
    try (PreparedStatement ps = raw.prepareStatement(select)) {
      for (ParameterSetOperation op : binding) {
        op.getMethod().invoke(ps, op.getArgs());
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        int n = md.getColumnCount();
        Pending p = into;
        if (p == null) {
          List<String> columns = new ArrayList<>(n);
          List<String> types = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            columns.add(md.getColumnLabel(i).toLowerCase(Locale.ROOT));
            types.add(RowBatch.typeOf(md, i));
          }
          p = new Pending(table, capture, tk, columns, types, new ArrayList<>(), null);
        }
        while (rs.next()) {
          p.seen++;
          if (p.size() >= budget) {
            p.incomplete = true;
            if (countAll) {
              continue; // a cascade: its count is what the database will remove
            }
            break;
          }
          List<@Nullable Object> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(RowBatch.read(rs, i, p.types.get(i - 1)));
          }
          p.rows.add(row);
        }
        return p;
      }
    }
  }

  /** A bound parameter as a batch holds it. */
  private static @Nullable Object encode(@Nullable Object v) {
    if (v == null) {
      return null;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof BigDecimal || v instanceof Boolean) {
      return v;
    }
    if (v instanceof Double || v instanceof Float) {
      return new BigDecimal(v.toString());
    }
    if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    }
    return v.toString();
  }

  private static String typeOf(@Nullable Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return JDBCType.BIGINT.getName();
    }
    if (v instanceof Number) {
      return JDBCType.NUMERIC.getName();
    }
    if (v instanceof Boolean) {
      return JDBCType.BOOLEAN.getName();
    }
    if (v instanceof byte[]) {
      return JDBCType.VARBINARY.getName();
    }
    if (v instanceof java.util.UUID) {
      return RowBatch.UUID;
    }
    return v instanceof String ? JDBCType.VARCHAR.getName() : JDBCType.OTHER.getName();
  }

  private static String quote(Connection raw) throws SQLException {
    String q = raw.getMetaData().getIdentifierQuoteString();
    return q == null || q.isBlank() ? "" : q.trim();
  }

  /** Merges captures of one table into one batch table (the per-transaction buffer). */
  static List<RowBatch.Table> merge(List<RowBatch.Table> tables) {
    Map<String, RowBatch.Table> byTable = new LinkedHashMap<>();
    for (RowBatch.Table t : tables) {
      String k = t.table() + "\u0000" + t.capture() + "\u0000" + t.columns();
      RowBatch.Table before = byTable.get(k);
      if (before == null) {
        byTable.put(k, t);
      } else {
        List<List<@Nullable Object>> rows = new ArrayList<>(before.rows());
        rows.addAll(t.rows());
        byTable.put(
            k,
            new RowBatch.Table(
                t.table(), t.capture(), t.key(), t.parents(), t.columns(), t.types(), rows));
      }
    }
    return new ArrayList<>(byTable.values());
  }
}
