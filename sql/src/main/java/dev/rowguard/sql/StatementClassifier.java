package dev.rowguard.sql;

import dev.rowguard.sql.Classification.Kind;
import dev.rowguard.sql.Classification.Where;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.ParenthesedStatement;
import net.sf.jsqlparser.statement.Statement;
import net.sf.jsqlparser.statement.Statements;
import net.sf.jsqlparser.statement.delete.Delete;
import net.sf.jsqlparser.statement.delete.ParenthesedDelete;
import net.sf.jsqlparser.statement.insert.Insert;
import net.sf.jsqlparser.statement.select.Select;
import net.sf.jsqlparser.statement.select.WithItem;
import net.sf.jsqlparser.statement.truncate.Truncate;
import org.jspecify.annotations.Nullable;

/**
 * Classifies SQL and JPQL text: does it delete rows, from which table, and is it bounded.
 *
 * <p>Text that contains neither {@code delete} nor {@code truncate} where a statement starts (nor
 * starts with {@code MERGE}) is answered by a keyword scan without parsing, so ordinary statements
 * cost a few nanoseconds. The commonest deleting text, {@code DELETE FROM t [alias] [WHERE column =
 * ? AND ...]}, is answered by a lexical shortcut ({@link LexicalClassifier#simpleDelete}) with what
 * JSqlParser would say. Other text that deletes is first read by a linear lexical pass ({@link
 * LexicalClassifier}); only text of at most {@value #MAX_PARSED_CHARS} characters nested at most
 * {@value #MAX_PARSED_DEPTH} parentheses deep is then parsed with JSqlParser on the calling thread
 * (never through its thread-per-parse entry point), whose answer (tautologies, {@code NOT IN}
 * parameters) wins when it finds a deletion. Larger, deeper or unparseable text gets the lexical
 * answer: a text that starts a statement with DELETE or TRUNCATE is always a deletion, with {@link
 * Where#UNKNOWN} when it has a WHERE the parser did not judge. Answers are cached by text, the
 * cache bounded by entries and by characters.
 *
 * <p>Thread-safe.
 */
public final class StatementClassifier {

  private static final int DEFAULT_CACHE_SIZE = 4096;

  private static final List<String> WRAPPERS = List.of("merge", "explain", "do");

  /** Texts longer than this are classified lexically only (a 1 MB IN list would take seconds). */
  static final int MAX_PARSED_CHARS = 16 * 1024;

  /** Deeper nesting is classified lexically only: JSqlParser backtracks exponentially in it. */
  static final int MAX_PARSED_DEPTH = 6;

  /** The cache holds texts up to this many characters in all (4 Mi chars, 8 MiB). */
  private static final long MAX_CACHED_CHARS = 4L << 20;

  /** Texts longer than this are not cached at all. */
  private static final int MAX_CACHED_TEXT = 64 * 1024;

  private static final StatementClassifier SHARED = new StatementClassifier(DEFAULT_CACHE_SIZE);

  private final int cacheSize;
  private final Map<String, Classification> cache = new ConcurrentHashMap<>();
  private final AtomicLong cachedChars = new AtomicLong();

  /** A classifier whose cache holds at most {@code cacheSize} distinct statement texts. */
  public StatementClassifier(int cacheSize) {
    if (cacheSize < 0) {
      throw new IllegalArgumentException("cacheSize must be >= 0, was " + cacheSize);
    }
    this.cacheSize = cacheSize;
  }

  /** One classifier for the whole JVM; statement texts are few and repeat. */
  public static StatementClassifier shared() {
    return SHARED;
  }

  /** Classifies {@code text}; null and blank text are {@link Classification#OTHER}. */
  public Classification classify(String text) {
    if (text == null || !(mentionsDeletion(text) || startsWithWrapper(text))) {
      return Classification.OTHER;
    }
    Classification cached = cache.get(text);
    if (cached != null) {
      return cached;
    }
    Classification parsed = classifyUncached(text);
    if (cacheSize > 0 && text.length() <= MAX_CACHED_TEXT) {
      if (cache.size() >= cacheSize || cachedChars.get() + text.length() > MAX_CACHED_CHARS) {
        // Statement texts are normally a small fixed set; a flood of distinct texts (literals
        // inlined) must not grow memory without bound, and an occasional re-parse is cheap.
        cache.clear();
        cachedChars.set(0);
      }
      if (cache.putIfAbsent(text, parsed) == null) {
        cachedChars.addAndGet(text.length());
      }
    }
    return parsed;
  }

  /**
   * The statements of a text that holds several ({@code DELETE FROM u WHERE id = 1; DELETE FROM
   * t}), split lexically at the semicolons that end statements (not those in literals, comments,
   * parentheses or dollar-quoted bodies); one element for a single statement. Linear in the text's
   * length; meant for texts {@link #classify} found deleting.
   */
  public static List<String> statements(String text) {
    return text.indexOf(';') < 0 ? List.of(text) : LexicalClassifier.statements(text);
  }

  private static Classification classifyUncached(String text) {
    Classification simple = LexicalClassifier.simpleDelete(text);
    if (simple != null) {
      return simple;
    }
    Classification lexical = LexicalClassifier.classify(text);
    if (text.length() <= MAX_PARSED_CHARS && LexicalClassifier.maxDepth(text) <= MAX_PARSED_DEPTH) {
      Classification parsed = parse(text);
      if (parsed.deletes()) {
        return parsed;
      }
    }
    return lexical;
  }

  /**
   * Statements that wrap a deletion the pre-filter does not see at a statement start: H2, Oracle,
   * SQL Server and PostgreSQL 15+ {@code MERGE ... WHEN MATCHED THEN DELETE}, PostgreSQL {@code
   * EXPLAIN ANALYZE DELETE} (which runs it) and {@code DO $$ BEGIN DELETE ...; END $$}.
   */
  private static boolean startsWithWrapper(String text) {
    int i = 0;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    for (String word : WRAPPERS) {
      if (text.regionMatches(true, i, word, 0, word.length())
          && endsWord(text, i + word.length())) {
        return true;
      }
    }
    return false;
  }

  /** How many classifications the cache holds; for tests of its bound. */
  int cachedTexts() {
    return cache.size();
  }

  /** How many characters of text the cache holds; for tests of its bound. */
  long cachedChars() {
    return cachedChars.get();
  }

  /**
   * Cheap pre-filter: does {@code delete} or {@code truncate} stand as a word where a statement
   * starts (the start of the text or of a line, after {@code ;}, after {@code (} or {@code )} as in
   * CTEs, or after a block comment)? Texts that merely mention the word ({@code deleted_at}, {@code
   * 'please delete'}, {@code THEN DELETE}) are not parsed at all.
   */
  static boolean mentionsDeletion(String text) {
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      int length;
      if ((c == 'd' || c == 'D') && text.regionMatches(true, i, "delete", 0, 6)) {
        length = 6;
      } else if ((c == 't' || c == 'T') && text.regionMatches(true, i, "truncate", 0, 8)) {
        length = 8;
      } else {
        continue;
      }
      if (endsWord(text, i + length) && startsStatement(text, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean endsWord(String text, int end) {
    return end == text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
  }

  private static boolean startsStatement(String text, int start) {
    for (int k = start - 1; k >= 0; k--) {
      char p = text.charAt(k);
      if (p == '\n' || p == '\r') {
        return true;
      }
      if (!Character.isWhitespace(p)) {
        // ')' ends a CTE: WITH old AS (SELECT ...) DELETE FROM t ...
        return p == ';' || p == '(' || p == ')' || (p == '/' && k > 0 && text.charAt(k - 1) == '*');
      }
    }
    return true;
  }

  /** JSqlParser's answer alone, for tests that compare it with the lexical shortcuts. */
  static Classification parse(String text) {
    Statements statements;
    try {
      statements = CCJSqlParserUtil.newParser(text).Statements();
    } catch (Exception | StackOverflowError e) {
      // Not SQL we understand (vendor syntax, HQL-only forms, a string that merely says "delete").
      return Classification.OTHER;
    }
    Classification worst = Classification.OTHER;
    for (Statement statement : statements) {
      worst = worse(worst, classify(statement));
    }
    return worst;
  }

  /** The more dangerous of two classifications, so a text reports its worst statement. */
  static Classification worse(Classification a, Classification b) {
    return rank(b) > rank(a) ? b : a;
  }

  /** Orders classifications by danger. */
  private static int rank(Classification c) {
    if (c.removesEveryRow()) {
      return 3;
    }
    if (!c.notInParameters().isEmpty()) {
      return 2;
    }
    return c.deletes() ? 1 : 0;
  }

  private static Classification classify(Statement statement) {
    if (statement instanceof Delete delete) {
      return classifyDelete(delete);
    }
    if (statement instanceof Truncate truncate) {
      return new Classification(
          Kind.TRUNCATE,
          Where.NONE,
          tableNames(truncate.getTables(), truncate.getTable()),
          List.of());
    }
    if (statement instanceof Select select && select.getWithItemsList() != null) {
      return classifyWithItems(select.getWithItemsList());
    }
    if (statement instanceof Insert insert && insert.getWithItemsList() != null) {
      // WITH d AS (DELETE ... RETURNING id) INSERT INTO archive SELECT id FROM d
      return classifyWithItems(insert.getWithItemsList());
    }
    return Classification.OTHER;
  }

  /**
   * {@code WITH gone AS (DELETE FROM t ... RETURNING ...) SELECT ...}: the delete hides in a CTE.
   */
  private static Classification classifyWithItems(List<WithItem<?>> items) {
    Classification worst = Classification.OTHER;
    for (WithItem<?> item : items) {
      ParenthesedStatement inner = item.getParenthesedStatement();
      if (inner instanceof ParenthesedDelete parenthesed) {
        worst = worse(worst, classifyDelete(parenthesed.getDelete()));
      }
    }
    return worst;
  }

  private static Classification classifyDelete(Delete delete) {
    List<String> tables = tableNames(delete.getTables(), delete.getTable());
    Where where;
    List<String> notIn = List.of();
    if (delete.getWhere() != null) {
      where =
          Conditions.isTautology(delete.getWhere(), soleTarget(delete))
              ? Where.TAUTOLOGY
              : Where.PRESENT;
      notIn = Conditions.notInParameters(delete.getWhere());
    } else if (delete.getLimit() != null) {
      // MySQL DELETE FROM t ORDER BY id LIMIT 10: bounded, not every row.
      where = Where.PRESENT;
    } else if (delete.getJoins() != null && !delete.getJoins().isEmpty()) {
      // DELETE t1 FROM t1 JOIN t2 ON ...: the join condition bounds the rows.
      where = Where.PRESENT;
    } else {
      where = Where.NONE;
    }
    return new Classification(Kind.DELETE, where, tables, notIn);
  }

  /** The one table a DELETE removes rows from and reads no other, or null. */
  private static @Nullable Table soleTarget(Delete delete) {
    boolean several =
        (delete.getTables() != null && delete.getTables().size() > 1)
            || (delete.getJoins() != null && !delete.getJoins().isEmpty())
            || (delete.getUsingList() != null && !delete.getUsingList().isEmpty());
    return several ? null : delete.getTable();
  }

  /**
   * The statement's target tables: its table list where it has one (multi-table forms), else its
   * table.
   */
  private static List<String> tableNames(List<Table> list, Table single) {
    List<String> tables = new ArrayList<>();
    if (list != null && !list.isEmpty()) {
      list.forEach(t -> tables.add(tableName(t)));
    } else if (single != null) {
      tables.add(tableName(single));
    }
    return tables;
  }

  /** The table as written, without alias or identifier quotes, so log readers can match names. */
  static String tableName(Table table) {
    return table.getFullyQualifiedName().replace("\"", "").replace("`", "");
  }
}
