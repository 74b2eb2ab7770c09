package dev.rowguard.audit.log;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The one serialization the log uses, specified in docs/AUDIT-LOG.md ("Canonical form").
 *
 * <p>No whitespace; members in the order given; strings escaped as {@code \"}, {@code \\}, {@code
 * \b \f \n \r \t}, other characters below U+0020 as <code>&#92;u00XX</code> (lowercase hex),
 * everything else (including non-ASCII and {@code /}) written as itself in UTF-8; integers in plain
 * decimal; nested objects ({@code context}, {@code rowguard.tx.deleted_rows}) with members sorted
 * by key (Java {@link String#compareTo}). A verifier never has to reproduce this: it hashes the
 * bytes it reads (see {@link RecordHash}).
 */
final class CanonicalJson {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private CanonicalJson() {}

  /**
   * Appends {@code "key":value}; value is a String, Long/Integer, or a Map of String to String or
   * Long.
   */
  static void member(StringBuilder out, String key, Object value) {
    string(out, key);
    out.append(':');
    value(out, value);
  }

  static void value(StringBuilder out, Object value) {
    if (value instanceof String s) {
      string(out, s);
    } else if (value instanceof Long || value instanceof Integer) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      // LogEntry stores maps already sorted (unmodifiable SortedMap views); sort only what is not.
      Map<?, ?> sorted =
          map instanceof SortedMap<?, ?> t && t.comparator() == null ? map : new TreeMap<>(map);
      for (Map.Entry<?, ?> e : sorted.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        Object v = e.getValue();
        member(
            out,
            String.valueOf(e.getKey()),
            v instanceof Long || v instanceof Integer ? v : String.valueOf(v));
      }
      out.append('}');
    } else {
      throw new IllegalArgumentException(
          "not a log value: " + (value == null ? "null" : value.getClass()));
    }
  }

  /** Appends {@code s} as a JSON string with the escaping above. */
  static void string(StringBuilder out, String s) {
    out.append('"');
    int n = s.length();
    int plain = 0;
    while (plain < n
        && s.charAt(plain) >= 0x20
        && s.charAt(plain) != '"'
        && s.charAt(plain) != '\\') {
      plain++;
    }
    out.append(s, 0, plain); // most strings need no escaping: copy them in one go
    for (int i = plain; i < n; i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
