package dev.rowguard.sql;

import dev.rowguard.sql.Classification.Kind;
import dev.rowguard.sql.Classification.Where;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A single forward pass over SQL text, no backtracking, linear in its length: which statements
 * delete (DELETE, TRUNCATE, a DELETE inside parentheses as in a CTE, {@code EXPLAIN ANALYZE
 * DELETE}, {@code MERGE ... THEN DELETE}, a DELETE in a {@code DO $$ ... $$} body), from which
 * tables, and whether a DELETE has a WHERE ({@link Where#UNKNOWN}: this pass cannot judge
 * tautologies), a bound ({@code LIMIT}, {@code FETCH FIRST}, {@code TOP}, a join: {@link
 * Where#PRESENT}) or neither ({@link Where#NONE}).
 *
 * <p>It skips string literals ({@code ''} doubled), quoted identifiers, dollar-quoted bodies and
 * comments (block comments nest, as in PostgreSQL). It is what {@link StatementClassifier} answers
 * with for text too large or too deeply nested to hand to JSqlParser, and for text JSqlParser
 * cannot parse.
 */
final class LexicalClassifier {

  private static final int EOF = 0;
  private static final int WORD = 1;
  private static final int QUOTED = 2;
  private static final int STRING = 3;
  private static final int OPEN = 4;
  private static final int CLOSE = 5;
  private static final int SEMI = 6;
  private static final int COMMA = 7;
  private static final int PUNCT = 8;

  private final String s;
  private int pos;
  private int type;
  private int start;
  private int end;
  private int depth;
  private int maxDepth;

  private LexicalClassifier(String s) {
    this.s = s;
  }

  /** The classification of every statement in {@code text}, worst first. */
  static Classification classify(String text) {
    return new LexicalClassifier(text).all();
  }

  /** The deepest nesting of parentheses outside literals and comments. */
  static int maxDepth(String text) {
    LexicalClassifier l = new LexicalClassifier(text);
    do {
      l.advance();
    } while (l.type != EOF);
    return l.maxDepth;
  }

  /**
   * The statements of a script, split at each {@code ;} outside literals, quoted identifiers,
   * dollar-quoted bodies, comments and parentheses, stripped; blank ones left out.
   */
  static List<String> statements(String script) {
    List<String> out = new ArrayList<>();
    located(script).forEach(s -> out.add(s.text()));
    return out;
  }

  /**
   * A statement of a script and where it starts.
   *
   * @param text the statement, stripped
   * @param offset the index in the script of its first token (after comments)
   */
  record Located(String text, int offset) {}

  /** {@link #statements}, each with the offset of its first token. */
  static List<Located> located(String script) {
    LexicalClassifier l = new LexicalClassifier(script);
    List<Located> out = new ArrayList<>();
    int from = 0;
    int first = -1;
    do {
      l.advance();
      if (l.type == EOF || (l.type == SEMI && l.depth <= 0)) {
        String statement = script.substring(from, l.start).strip();
        if (!statement.isEmpty()) {
          out.add(new Located(statement, first < 0 ? from : first));
        }
        from = l.end;
        first = -1;
      } else if (first < 0) {
        first = l.start;
      }
    } while (l.type != EOF);
    return out;
  }

  /** The first word of {@code text} after spaces and comments, lower case; empty if none. */
  static String firstWord(String text) {
    LexicalClassifier l = new LexicalClassifier(text);
    l.advance();
    return l.type == WORD ? text.substring(l.start, l.end).toLowerCase(java.util.Locale.ROOT) : "";
  }

  /** Words a column, table or alias of {@link #simpleDelete} must not be. */
  private static final java.util.Set<String> KEYWORDS =
      java.util.Set.of(
          "and",
          "as",
          "between",
          "case",
          "cross",
          "exists",
          "false",
          "fetch",
          "for",
          "from",
          "full",
          "in",
          "inner",
          "is",
          "join",
          "left",
          "like",
          "limit",
          "natural",
          "not",
          "null",
          "only",
          "or",
          "order",
          "output",
          "partition",
          "returning",
          "right",
          "select",
          "set",
          "top",
          "true",
          "using",
          "where",
          "with");

  /**
   * The classification of the commonest deleting text without JSqlParser, or null when the text is
   * anything else: {@code DELETE FROM table [[AS] alias] [WHERE c op v [AND c op v]...]}, where
   * each {@code c} is a column (optionally qualified by the alias or table), each {@code op} one of
   * {@code = <> != < <= > >=} and each {@code v} a bind parameter ({@code ?}, {@code ?1}, {@code
   * :name}) or an unsigned integer; unquoted names, no comments, literals or parentheses. Such a
   * WHERE restricts the rows (it compares a column with a value, so it is no tautology) and has no
   * {@code NOT IN}, so the answer is what parsing gives wherever JSqlParser parses the text (a test
   * holds the two equal). Linear and allocation-light: the parse it saves costs tens of
   * microseconds per distinct text, which at compile time is a visible share of the checks' cost
   * and at run time is paid on the application's thread by every new text (inlined literal ids make
   * every text new).
   */
  static @Nullable Classification simpleDelete(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!(Character.isLetterOrDigit(c)
          || Character.isWhitespace(c)
          || c == '_'
          || c == '.'
          || c == '?'
          || c == ':'
          || c == '='
          || c == '<'
          || c == '>'
          || c == '!')) {
        return null;
      }
    }
    LexicalClassifier l = new LexicalClassifier(text);
    l.advance();
    if (!l.is("delete")) {
      return null;
    }
    l.advance();
    if (!l.is("from")) {
      return null;
    }
    l.advance();
    String table = l.plainName();
    if (table == null) {
      return null;
    }
    if (l.is("as")) {
      l.advance();
      if (l.plainWord() == null) {
        return null;
      }
    } else if (l.type == WORD && !l.is("where")) {
      if (l.plainWord() == null) {
        return null;
      }
    }
    Where where = Where.NONE;
    if (l.is("where")) {
      do {
        l.advance();
        if (!l.comparison()) {
          return null;
        }
      } while (l.is("and"));
      where = Where.PRESENT;
    }
    return l.type == EOF ? new Classification(Kind.DELETE, where, List.of(table), List.of()) : null;
  }

  /** A word that is no keyword and does not start with a digit, consumed; or null. */
  private @Nullable String plainWord() {
    if (type != WORD
        || Character.isDigit(s.charAt(start))
        || KEYWORDS.contains(s.substring(start, end).toLowerCase(java.util.Locale.ROOT))) {
      return null;
    }
    String word = s.substring(start, end);
    advance();
    return word;
  }

  /** {@code a} or {@code a.b}, each part a {@link #plainWord}, consumed; or null. */
  private @Nullable String plainName() {
    String first = plainWord();
    if (first == null || !punct('.')) {
      return first;
    }
    advance();
    String second = plainWord();
    return second == null ? null : first + "." + second;
  }

  /** {@code column op value} at the current token, consumed; false if it is anything else. */
  private boolean comparison() {
    if (plainName() == null || type != PUNCT) {
      return false;
    }
    char op = s.charAt(start);
    int second = end;
    advance();
    if (start == second && (punct('=') && op != '=' || punct('>') && op == '<')) {
      advance(); // <=, >=, !=, <>
    } else if (op != '=' && op != '<' && op != '>') {
      return false;
    }
    if (type == WORD) {
      // an unsigned integer
      boolean number = digits();
      advance();
      return number;
    }
    if (punct('?')) {
      int at = end;
      advance();
      if (type == WORD && start == at) {
        // ?1: its digits follow the mark
        boolean number = digits();
        advance();
        return number;
      }
      return true;
    }
    if (punct(':')) {
      int at = end;
      advance();
      if (type != WORD || start != at) {
        return false;
      }
      advance();
      return true;
    }
    return false;
  }

  /** Is the current word all digits? */
  private boolean digits() {
    for (int i = start; i < end; i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private boolean punct(char c) {
    return type == PUNCT && end - start == 1 && s.charAt(start) == c;
  }

  private Classification all() {
    Classification worst = Classification.OTHER;
    advance();
    while (type != EOF) {
      worst = StatementClassifier.worse(worst, statement());
      if (type == SEMI || type == CLOSE) {
        advance();
      }
    }
    return worst;
  }

  /** Classifies the statement starting at the current token; stops at its end. */
  private Classification statement() {
    int base = depth;
    while (is("begin")) {
      // a PL/pgSQL block (DO $$ BEGIN DELETE ...; END $$) or BEGIN; DELETE ...
      advance();
    }
    if (is("delete")) {
      return delete(base);
    }
    if (is("truncate")) {
      return truncate(base);
    }
    if (is("explain")) {
      advance();
      boolean analyze = false;
      if (type == OPEN) {
        int inner = depth;
        advance();
        while (type != EOF && depth >= inner) {
          analyze |= is("analyze");
          advance();
        }
        advance();
      }
      while (is("analyze") || is("analyse") || is("verbose")) {
        analyze |= !is("verbose");
        advance();
      }
      return analyze ? statement() : rest(base);
    }
    if (is("merge")) {
      return merge(base);
    }
    if (is("do")) {
      advance();
      Classification body = Classification.OTHER;
      if (type == STRING && s.charAt(start) == '$') {
        int tag = s.indexOf('$', start + 1) + 1;
        body = classify(s.substring(tag, end - (tag - start)));
      }
      return StatementClassifier.worse(body, rest(base));
    }
    return rest(base);
  }

  private boolean atEnd(int base) {
    return type == EOF || (type == SEMI && depth == base) || depth < base;
  }

  /** Skips to the statement's end; a DELETE right after an opening parenthesis is classified. */
  private Classification rest(int base) {
    Classification worst = Classification.OTHER;
    while (!atEnd(base)) {
      if (type == OPEN) {
        advance();
        if (is("delete") || is("truncate")) {
          worst = StatementClassifier.worse(worst, statement());
          if (type == CLOSE) {
            advance();
          }
        }
        continue;
      }
      advance();
    }
    return worst;
  }

  private Classification delete(int base) {
    advance();
    boolean bounded = false;
    boolean from = false;
    if (is("top")) {
      bounded = true;
      advance();
      if (type == OPEN) {
        int inner = depth;
        while (type != EOF && depth >= inner) {
          advance();
        }
      }
      advance();
    }
    if (is("from")) {
      from = true;
      advance();
    }
    if (is("only")) {
      advance();
    }
    @Nullable String table = name();
    if (table == null) {
      return rest(base);
    }
    if (!from && !(atEnd(base) || is("where") || is("as") || next(WORD) && atWordEnd())) {
      // "delete is not SQL": a DELETE without FROM is a table and an optional alias, then WHERE.
      return rest(base);
    }
    boolean where = false;
    while (!atEnd(base)) {
      if (depth == base) {
        where |= is("where");
        bounded |= is("limit") || is("fetch") || is("join") || is("top");
      }
      advance();
    }
    Where w = bounded ? Where.PRESENT : where ? Where.UNKNOWN : Where.NONE;
    return new Classification(Kind.DELETE, w, List.of(table), List.of());
  }

  /**
   * After {@code DELETE t}: is the current word an alias that ends the statement or meets WHERE?
   */
  private boolean atWordEnd() {
    int saved = pos;
    int savedType = type;
    int savedStart = start;
    int savedEnd = end;
    int savedDepth = depth;
    advance();
    boolean ok = type == EOF || type == SEMI || type == CLOSE || is("where");
    pos = saved;
    type = savedType;
    start = savedStart;
    end = savedEnd;
    depth = savedDepth;
    return ok;
  }

  private boolean next(int t) {
    return type == t;
  }

  private Classification truncate(int base) {
    advance();
    if (is("table")) {
      advance();
    }
    if (is("if")) {
      advance();
      if (is("exists")) {
        advance();
      }
    }
    if (is("only")) {
      advance();
    }
    List<String> tables = new ArrayList<>();
    @Nullable String table = name();
    while (table != null) {
      tables.add(table);
      if (type != COMMA) {
        break;
      }
      advance();
      table = name();
    }
    rest(base);
    return tables.isEmpty()
        ? Classification.OTHER
        : new Classification(Kind.TRUNCATE, Where.NONE, tables, List.of());
  }

  private Classification merge(int base) {
    advance();
    @Nullable String table = null;
    boolean deletes = false;
    boolean then = false;
    while (!atEnd(base)) {
      if (table == null && is("into")) {
        advance();
        table = name();
        continue;
      }
      deletes |= then && is("delete");
      then = is("then");
      advance();
    }
    return deletes
        ? new Classification(
            Kind.DELETE, Where.UNKNOWN, table == null ? List.of() : List.of(table), List.of())
        : Classification.OTHER;
  }

  /** A possibly qualified, possibly quoted table name at the current token, consumed; or null. */
  private @Nullable String name() {
    StringBuilder b = new StringBuilder();
    while (type == WORD || type == QUOTED) {
      b.append(type == QUOTED ? s.substring(start + 1, end - 1) : s.substring(start, end));
      if (pos < s.length() && s.charAt(pos) == '.') {
        pos++;
        b.append('.');
        advance();
      } else {
        advance();
        return b.toString();
      }
    }
    return b.length() == 0 ? null : b.toString();
  }

  private boolean is(String word) {
    return type == WORD
        && end - start == word.length()
        && s.regionMatches(true, start, word, 0, word.length());
  }

  /** Reads the next token into type, start and end. */
  private void advance() {
    int n = s.length();
    skipSpaceAndComments();
    start = pos;
    if (pos >= n) {
      type = EOF;
      end = pos;
      return;
    }
    char c = s.charAt(pos);
    if (Character.isLetterOrDigit(c) || c == '_') {
      pos++;
      while (pos < n && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) {
        pos++;
      }
      type = WORD;
    } else if (c == '\'') {
      pos = closing(pos, '\'');
      type = STRING;
    } else if (c == '"' || c == '`') {
      pos = closing(pos, c);
      type = QUOTED;
    } else if (c == '$' && dollarTagEnd(pos) > 0) {
      int tagEnd = dollarTagEnd(pos);
      String tag = s.substring(pos, tagEnd);
      int close = s.indexOf(tag, tagEnd);
      pos = close < 0 ? n : close + tag.length();
      type = STRING;
    } else {
      pos++;
      switch (c) {
        case '(' -> {
          type = OPEN;
          depth++;
          maxDepth = Math.max(maxDepth, depth);
        }
        case ')' -> {
          type = CLOSE;
          depth--;
        }
        case ';' -> type = SEMI;
        case ',' -> type = COMMA;
        default -> type = PUNCT;
      }
    }
    end = pos;
  }

  /** The index after a literal opened at {@code from} by {@code quote}; doubled quotes stay in. */
  private int closing(int from, char quote) {
    int i = from + 1;
    int n = s.length();
    while (i < n) {
      if (s.charAt(i) == quote) {
        if (i + 1 < n && s.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return n;
  }

  /** For {@code $tag$} or {@code $$} at {@code from}, the index after the tag; else -1. */
  private int dollarTagEnd(int from) {
    int i = from + 1;
    int n = s.length();
    if (i < n && Character.isDigit(s.charAt(i))) {
      return -1; // $1: a positional parameter
    }
    while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
      i++;
    }
    return i < n && s.charAt(i) == '$' ? i + 1 : -1;
  }

  private void skipSpaceAndComments() {
    int n = s.length();
    while (pos < n) {
      char c = s.charAt(pos);
      if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '-' && pos + 1 < n && s.charAt(pos + 1) == '-') {
        int eol = s.indexOf('\n', pos);
        pos = eol < 0 ? n : eol + 1;
      } else if (c == '/' && pos + 1 < n && s.charAt(pos + 1) == '*') {
        int nesting = 1;
        pos += 2;
        while (pos < n && nesting > 0) {
          if (s.startsWith("/*", pos)) {
            nesting++;
            pos += 2;
          } else if (s.startsWith("*/", pos)) {
            nesting--;
            pos += 2;
          } else {
            pos++;
          }
        }
      } else {
        return;
      }
    }
  }
}
