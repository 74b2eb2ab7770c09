package dev.rowguard.audit.log;

import org.jspecify.annotations.Nullable;

/**
 * The top-level members of a line that is one JSON object, found by one strict pass over its
 * characters that decodes nothing: each member's name and value are kept as positions in the line,
 * and a value is decoded when {@link LogRecord} is asked for it. A record line holds twenty members
 * and a reader such as the timeline shows a few of them for most records, so decoding only those is
 * most of what reading costs.
 *
 * <p>The pass accepts exactly the lines Jackson's default {@code ObjectMapper} reads as an object
 * (RFC 8259 JSON, no comments or other extensions, nothing after the object but whitespace, and its
 * default {@code StreamReadConstraints}: nesting depth, number and name length), so that whether a
 * line is a record does not depend on which reader asks; {@link LogRecord#members()} still decodes
 * the whole line with Jackson.
 */
final class JsonMembers {

  /** Jackson's {@code StreamReadConstraints.DEFAULT_MAX_DEPTH}. */
  static final int MAX_DEPTH = 1000;

  /** Jackson's {@code StreamReadConstraints.DEFAULT_MAX_NUM_LEN}. */
  static final int MAX_NUMBER = 1000;

  /** Jackson's {@code StreamReadConstraints.DEFAULT_MAX_NAME_LEN}. */
  static final int MAX_NAME = 50_000;

  /**
   * Per member: name start and end (inside the quotes), value start and end, name escaped, the
   * name's {@link String#hashCode} (a lookup compares names only when their hashes are equal).
   */
  private static final int SPAN = 6;

  private final String text;
  private final int[] spans;
  private final int count;

  /** Decoded values, by member index; null until asked for. */
  private final @Nullable Object[] decoded;

  private JsonMembers(String text, int[] spans, int count) {
    this.text = text;
    this.spans = spans;
    this.count = count;
    this.decoded = new Object[count];
  }

  /** The members of {@code text}, or null when it is not one JSON object. */
  static @Nullable JsonMembers scan(String text) {
    Scanner s = new Scanner(text);
    s.space();
    if (s.at('{') && s.object(1, true)) {
      s.space();
      if (s.i == text.length()) {
        // trimmed: a timeline holds many records at once
        return new JsonMembers(text, java.util.Arrays.copyOf(s.spans, s.count * SPAN), s.count);
      }
    }
    return null;
  }

  String text() {
    return text;
  }

  /** The index of the member named {@code name} (the last one, if the name is repeated), or -1. */
  int find(String name) {
    int hash = name.hashCode();
    for (int m = count - 1; m >= 0; m--) {
      if (spans[m * SPAN + 5] != hash) {
        continue;
      }
      int start = spans[m * SPAN];
      int end = spans[m * SPAN + 1];
      if (spans[m * SPAN + 4] == 0
          ? end - start == name.length() && text.regionMatches(start, name, 0, name.length())
          : Scanner.decode(text, start, end).equals(name)) {
        return m;
      }
    }
    return -1;
  }

  /** The first character of member {@code m}'s value: {@code "}, <code>{</code>, a digit... */
  char type(int m) {
    return text.charAt(spans[m * SPAN + 2]);
  }

  /** Whether member {@code m}'s value is a number. */
  boolean isNumber(int m) {
    char c = type(m);
    return c == '-' || (c >= '0' && c <= '9');
  }

  /** The raw text of member {@code m}'s value. */
  String raw(int m) {
    return text.substring(spans[m * SPAN + 2], spans[m * SPAN + 3]);
  }

  /** The string value of member {@code m}, decoded once; null when it is not a string. */
  @Nullable String string(int m) {
    if (type(m) != '"') {
      return null;
    }
    if (decoded[m] instanceof String s) {
      return s;
    }
    String s = Scanner.decode(text, spans[m * SPAN + 2] + 1, spans[m * SPAN + 3] - 1);
    decoded[m] = s;
    return s;
  }

  /**
   * The number value of member {@code m} as Jackson's {@code Number.longValue()} has it (a fraction
   * truncated, a larger integer wrapped), decoded once; null when it is not a number.
   */
  @Nullable Long number(int m) {
    if (!isNumber(m)) {
      return null;
    }
    if (decoded[m] instanceof Long l) {
      return l;
    }
    Long l = longValue(text, spans[m * SPAN + 2], spans[m * SPAN + 3]);
    decoded[m] = l;
    return l;
  }

  /** The members of member {@code m}'s value, when it is an object; else null. */
  @Nullable JsonMembers object(int m) {
    if (type(m) != '{') {
      return null;
    }
    if (decoded[m] instanceof JsonMembers j) {
      return j;
    }
    // scanned already: this second pass over a few bytes cannot fail
    JsonMembers j = scan(raw(m));
    decoded[m] = j;
    return j;
  }

  int count() {
    return count;
  }

  /** The decoded name of member {@code m}. */
  String name(int m) {
    return Scanner.decode(text, spans[m * SPAN], spans[m * SPAN + 1]);
  }

  static long longValue(String text, int start, int end) {
    boolean integral = true;
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c == '.' || c == 'e' || c == 'E') {
        integral = false;
        break;
      }
    }
    String digits = text.substring(start, end);
    if (!integral) {
      return (long) Double.parseDouble(digits);
    }
    if (end - start <= 18) {
      return Long.parseLong(digits);
    }
    return new java.math.BigInteger(digits).longValue();
  }

  /** One strict pass over the characters of a line. */
  private static final class Scanner {
    final String s;
    final int n;
    int i;
    int[] spans = new int[SPAN * 24];
    int count;

    Scanner(String s) {
      this.s = s;
      this.n = s.length();
    }

    boolean at(char c) {
      return i < n && s.charAt(i) == c;
    }

    /** JSON's whitespace (and only it: Jackson rejects other control characters). */
    void space() {
      while (i < n) {
        char c = s.charAt(i);
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
          return;
        }
        i++;
      }
    }

    /** At <code>{</code>; {@code top}: record the members' positions. */
    boolean object(int depth, boolean top) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      i++;
      space();
      if (at('}')) {
        i++;
        return true;
      }
      while (true) {
        if (!at('"')) {
          return false;
        }
        int nameStart = i + 1;
        int escapes = string();
        if (escapes < 0) {
          return false;
        }
        int nameEnd = i - 1;
        if (nameEnd - nameStart > MAX_NAME
            && (escapes == 0 || decode(s, nameStart, nameEnd).length() > MAX_NAME)) {
          return false;
        }
        space();
        if (!at(':')) {
          return false;
        }
        i++;
        space();
        int valueStart = i;
        if (!value(depth)) {
          return false;
        }
        if (top) {
          add(nameStart, nameEnd, valueStart, i, escapes > 0 ? 1 : 0);
        }
        space();
        if (i >= n) {
          return false;
        }
        char c = s.charAt(i++);
        if (c == '}') {
          return true;
        }
        if (c != ',') {
          return false;
        }
        space();
      }
    }

    private void add(int nameStart, int nameEnd, int valueStart, int valueEnd, int escaped) {
      if ((count + 1) * SPAN > spans.length) {
        spans = java.util.Arrays.copyOf(spans, spans.length * 2);
      }
      int at = count * SPAN;
      spans[at] = nameStart;
      spans[at + 1] = nameEnd;
      spans[at + 2] = valueStart;
      spans[at + 3] = valueEnd;
      spans[at + 4] = escaped;
      int hash = 0;
      if (escaped == 0) {
        for (int k = nameStart; k < nameEnd; k++) {
          hash = 31 * hash + s.charAt(k);
        }
      } else {
        hash = decode(s, nameStart, nameEnd).hashCode();
      }
      spans[at + 5] = hash;
      count++;
    }

    boolean array(int depth) {
      if (depth > MAX_DEPTH) {
        return false;
      }
      i++;
      space();
      if (at(']')) {
        i++;
        return true;
      }
      while (true) {
        if (!value(depth)) {
          return false;
        }
        space();
        if (i >= n) {
          return false;
        }
        char c = s.charAt(i++);
        if (c == ']') {
          return true;
        }
        if (c != ',') {
          return false;
        }
        space();
      }
    }

    boolean value(int depth) {
      if (i >= n) {
        return false;
      }
      switch (s.charAt(i)) {
        case '"':
          return string() >= 0;
        case '{':
          return object(depth + 1, false);
        case '[':
          return array(depth + 1);
        case 't':
          return literal("true");
        case 'f':
          return literal("false");
        case 'n':
          return literal("null");
        default:
          return number();
      }
    }

    boolean literal(String word) {
      if (!s.startsWith(word, i)) {
        return false;
      }
      i += word.length();
      return true;
    }

    /** At a quote: skips the string; the number of escapes in it, or -1 when it is malformed. */
    int string() {
      int escapes = 0;
      i++;
      while (i < n) {
        char c = s.charAt(i);
        if (c == '"') {
          i++;
          return escapes;
        }
        if (c < 0x20) {
          return -1;
        }
        if (c == '\\') {
          escapes++;
          if (i + 1 >= n) {
            return -1;
          }
          char e = s.charAt(i + 1);
          if (e == 'u') {
            if (i + 6 > n) {
              return -1;
            }
            for (int h = i + 2; h < i + 6; h++) {
              char x = s.charAt(h);
              if (!((x >= '0' && x <= '9') || (x >= 'a' && x <= 'f') || (x >= 'A' && x <= 'F'))) {
                return -1;
              }
            }
            i += 6;
            continue;
          }
          if ("\"\\/bfnrt".indexOf(e) < 0) {
            return -1;
          }
          i += 2;
          continue;
        }
        i++;
      }
      return -1;
    }

    /**
     * {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?} with at most {@link #MAX_NUMBER}
     * digits, as Jackson counts them (the integer part's, or all of a fraction's and exponent's).
     */
    boolean number() {
      if (at('-')) {
        i++;
      }
      int start = i;
      if (at('0')) {
        i++;
      } else if (!digits()) {
        return false;
      }
      int count = i - start;
      if (at('.')) {
        i++;
        int f = i;
        if (!digits()) {
          return false;
        }
        count += i - f;
      }
      if (at('e') || at('E')) {
        i++;
        if (at('+') || at('-')) {
          i++;
        }
        int x = i;
        if (!digits()) {
          return false;
        }
        count += i - x;
      }
      // a digit after the number follows a leading zero: Jackson rejects leading zeros
      return count <= MAX_NUMBER && !(i < n && isDigit(s.charAt(i)));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private boolean digits() {
      int start = i;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
      }
      return i > start;
    }

    /** The characters of a well-formed string between its quotes, escapes decoded. */
    static String decode(String s, int start, int end) {
      int backslash = s.indexOf('\\', start);
      if (backslash < 0 || backslash >= end) {
        return s.substring(start, end);
      }
      StringBuilder out = new StringBuilder(end - start);
      int i = start;
      while (i < end) {
        char c = s.charAt(i);
        if (c != '\\') {
          out.append(c);
          i++;
          continue;
        }
        char e = s.charAt(i + 1);
        switch (e) {
          case 'u':
            out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
            i += 6;
            continue;
          case 'b':
            out.append('\b');
            break;
          case 'f':
            out.append('\f');
            break;
          case 'n':
            out.append('\n');
            break;
          case 'r':
            out.append('\r');
            break;
          case 't':
            out.append('\t');
            break;
          default:
            out.append(e);
        }
        i += 2;
      }
      return out.toString();
    }
  }
}
