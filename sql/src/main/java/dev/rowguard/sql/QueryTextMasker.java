package dev.rowguard.sql;

import org.jspecify.annotations.Nullable;

/**
 * Replaces the literals in SQL text with {@code ?}, so a logged statement shows its shape but not
 * its data: string literals (also {@code E'..'}, {@code N'..'}, {@code X'..'}, {@code B'..'},
 * {@code U&'..'}, with backslash escapes as MySQL writes them), MySQL double-quoted strings where a
 * value stands (after a comparison or LIKE, or in a list), PostgreSQL dollar-quoted strings, array
 * elements ({@code ARRAY['..']}) and numbers. Identifiers (also quoted ones: {@code "a"}, {@code
 * `a`}, {@code [a]}), keywords, bind markers ({@code ?}, {@code :name}, {@code $1}) and comments
 * are kept as written.
 *
 * <p>A lexical scan, not a parse: it never fails, also on text no parser understands. An
 * unterminated literal is masked to the end of the text.
 */
public final class QueryTextMasker {

  private QueryTextMasker() {}

  /** {@code text} with every literal replaced by {@code ?}; null stays null. */
  public static @Nullable String mask(@Nullable String text) {
    if (text == null) {
      return null;
    }
    int n = text.length();
    StringBuilder out = new StringBuilder(n);
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (c == '-' && i + 1 < n && text.charAt(i + 1) == '-') {
        int end = text.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(text, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
        int end = text.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        out.append(text, i, end);
        i = end;
      } else if (c == '"' && isValuePosition(text, i)) {
        // MySQL (without ANSI_QUOTES) reads "..." as a string: masked where a value stands
        i = closingQuote(text, i, '"');
        out.append('?');
      } else if (c == '"' || c == '`' || (c == '[' && isBracketIdentifier(text, i))) {
        int end = closingQuote(text, i, c == '[' ? ']' : c);
        out.append(text, i, end);
        i = end;
      } else if (c == '\'') {
        // A backslash escapes the next character in MySQL strings: 'it\'s' is one literal. In
        // standard SQL a string ending in a backslash then runs on to the next quote: masked
        // too much, never too little.
        i = skipString(text, i, true);
        out.append('?');
      } else if (c == '$'
          && i + 1 < n
          && !Character.isDigit(text.charAt(i + 1))
          && dollarTagEnd(text, i) > 0) {
        int tagEnd = dollarTagEnd(text, i);
        String tag = text.substring(i, tagEnd);
        int close = text.indexOf(tag, tagEnd);
        i = close < 0 ? n : close + tag.length();
        out.append('?');
      } else if (isIdentifierStart(c)) {
        int end = i;
        while (end < n && isIdentifierPart(text.charAt(end))) {
          end++;
        }
        String word = text.substring(i, end);
        if (end < n && text.charAt(end) == '\'' && isLiteralPrefix(word)) {
          i = skipString(text, end, word.equalsIgnoreCase("E"));
          out.append('?');
        } else if (end + 1 < n
            && word.equalsIgnoreCase("U")
            && text.charAt(end) == '&'
            && text.charAt(end + 1) == '\'') {
          i = skipString(text, end + 1, false);
          out.append('?');
        } else {
          out.append(word);
          i = end;
        }
      } else if (Character.isDigit(c)
          || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
        i = skipNumber(text, i);
        out.append('?');
      } else if ((c == ':' || c == '$' || c == '@')
          && i + 1 < n
          && isIdentifierPart(text.charAt(i + 1))) {
        // bind markers :name, $1, @p0 stay as written
        int end = i + 1;
        while (end < n && isIdentifierPart(text.charAt(end))) {
          end++;
        }
        out.append(text, i, end);
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /**
   * Whether the {@code [} at {@code start} opens a SQL Server identifier ({@code [Order Lines]}):
   * letters, digits, spaces and {@code _ $ # @} up to a {@code ]}. {@code ARRAY['a']} and {@code
   * a[1]} are not identifiers, and their contents are masked.
   */
  private static boolean isBracketIdentifier(String text, int start) {
    int end = text.indexOf(']', start + 1);
    if (end <= start + 1 || !isIdentifierStart(text.charAt(start + 1))) {
      return false;
    }
    for (int i = start + 1; i < end; i++) {
      char c = text.charAt(i);
      if (!isIdentifierPart(c) && c != ' ' && c != '#' && c != '@') {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether the {@code "} at {@code start} stands where a value does: after a comparison operator
   * or LIKE, or as an element of a list ({@code (} or {@code ,} before it, {@code ,} or {@code )}
   * after it). There a double-quoted text is a MySQL string; elsewhere it is an identifier.
   */
  private static boolean isValuePosition(String text, int start) {
    int b = start - 1;
    while (b >= 0 && Character.isWhitespace(text.charAt(b))) {
      b--;
    }
    if (b < 0) {
      return false;
    }
    char before = text.charAt(b);
    if (before == '=' || before == '<' || before == '>') {
      return true;
    }
    if (Character.isLetter(before)) {
      int w = b;
      while (w >= 0 && isIdentifierPart(text.charAt(w))) {
        w--;
      }
      String word = text.substring(w + 1, b + 1);
      return word.equalsIgnoreCase("LIKE") || word.equalsIgnoreCase("ILIKE");
    }
    if (before != '(' && before != ',') {
      return false;
    }
    int a = closingQuote(text, start, '"');
    while (a < text.length() && Character.isWhitespace(text.charAt(a))) {
      a++;
    }
    return a < text.length() && (text.charAt(a) == ',' || text.charAt(a) == ')');
  }

  private static boolean isLiteralPrefix(String word) {
    return word.equalsIgnoreCase("E")
        || word.equalsIgnoreCase("N")
        || word.equalsIgnoreCase("X")
        || word.equalsIgnoreCase("B");
  }

  private static boolean isIdentifierStart(char c) {
    return Character.isLetter(c) || c == '_';
  }

  private static boolean isIdentifierPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** The index after the string literal starting at the quote {@code start}. */
  private static int skipString(String text, int start, boolean backslashEscapes) {
    int n = text.length();
    int i = start + 1;
    while (i < n) {
      char c = text.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == '\'') {
        if (i + 1 < n && text.charAt(i + 1) == '\'') {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return n;
  }

  private static int closingQuote(String text, int start, char close) {
    int end = text.indexOf(close, start + 1);
    return end < 0 ? text.length() : end + 1;
  }

  /**
   * For {@code $tag$} or {@code $$} at {@code start}, the index after the closing {@code $}; else
   * -1.
   */
  private static int dollarTagEnd(String text, int start) {
    int i = start + 1;
    while (i < text.length()
        && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    return i < text.length() && text.charAt(i) == '$' ? i + 1 : -1;
  }

  private static int skipNumber(String text, int start) {
    int n = text.length();
    int i = start;
    if (text.startsWith("0x", i) || text.startsWith("0X", i)) {
      i += 2;
      while (i < n && Character.digit(text.charAt(i), 16) >= 0) {
        i++;
      }
      return i;
    }
    while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int j = i + 1;
      if (j < n && (text.charAt(j) == '+' || text.charAt(j) == '-')) {
        j++;
      }
      if (j < n && Character.isDigit(text.charAt(j))) {
        i = j;
        while (i < n && Character.isDigit(text.charAt(i))) {
          i++;
        }
      }
    }
    return i;
  }
}
