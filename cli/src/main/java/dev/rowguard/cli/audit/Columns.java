package dev.rowguard.cli.audit;

/**
 * What {@code String.format(Locale.ROOT, ...)} wrote in the text formats, without parsing a format
 * string per value: {@code %,d} ({@link #grouped}), {@code %-Ns} ({@link #left}) and {@code %Ns}
 * ({@link #right}). A timeline writes a few of them per entry, for millions of entries.
 */
final class Columns {

  private Columns() {}

  /** {@code v} with a comma between groups of three digits: {@code 1,234,567}. */
  static String grouped(long v) {
    return appendGrouped(new StringBuilder(26), v).toString();
  }

  static StringBuilder appendGrouped(StringBuilder out, long v) {
    String digits = Long.toString(v);
    int start = v < 0 ? 1 : 0;
    out.append(digits, 0, start);
    int n = digits.length() - start;
    for (int i = 0; i < n; i++) {
      if (i > 0 && (n - i) % 3 == 0) {
        out.append(',');
      }
      out.append(digits.charAt(start + i));
    }
    return out;
  }

  /** {@code s} and spaces after it up to {@code width} characters ({@code %-Ns}). */
  static StringBuilder left(StringBuilder out, String s, int width) {
    out.append(s);
    for (int i = s.length(); i < width; i++) {
      out.append(' ');
    }
    return out;
  }

  /** Spaces up to {@code width} characters, then {@code s} ({@code %Ns}). */
  static StringBuilder right(StringBuilder out, String s, int width) {
    for (int i = s.length(); i < width; i++) {
      out.append(' ');
    }
    return out.append(s);
  }
}
