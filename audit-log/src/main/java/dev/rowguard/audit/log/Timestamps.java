package dev.rowguard.audit.log;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.jspecify.annotations.Nullable;

/**
 * Writes and reads {@code ts} values ({@code 2026-11-21T14:07:05.123456Z}). The date and time up to
 * the second are formatted once per second and reused, because records come in bursts and
 * DateTimeFormatter costs more than the rest of a record.
 */
final class Timestamps {

  private static final DateTimeFormatter SECOND =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.");

  /** The last second formatted, as a pair so that readers on other threads see both together. */
  private record Cached(long epochSecond, String text) {}

  private static volatile Cached cached = new Cached(Long.MIN_VALUE, "");

  private Timestamps() {}

  static void append(StringBuilder out, Instant ts) {
    long second = ts.getEpochSecond();
    Cached c = cached;
    if (c.epochSecond() != second) {
      c = new Cached(second, SECOND.format(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC)));
      cached = c;
    }
    out.append(c.text());
    int micros = ts.getNano() / 1000;
    for (int divisor = 100_000; divisor > 0; divisor /= 10) {
      out.append((char) ('0' + micros / divisor % 10));
    }
    out.append('Z');
  }

  /**
   * The instant {@code text} names, as {@link Instant#parse} reads it, or null when it is not one.
   * The shape the writer writes (four-digit year, {@code Z}, up to nine fraction digits) is read
   * without DateTimeFormatter, which costs more than the rest of a record; anything else is left to
   * {@link Instant#parse}.
   */
  static @Nullable Instant parse(String text) {
    int n = text.length();
    if (n >= 20
        && n <= 30
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == 'T'
        && text.charAt(13) == ':'
        && text.charAt(16) == ':'
        && text.charAt(n - 1) == 'Z'
        && (n == 20 || (text.charAt(19) == '.' && n > 21))) {
      int year = digits(text, 0, 4);
      int month = digits(text, 5, 7);
      int day = digits(text, 8, 10);
      int hour = digits(text, 11, 13);
      int minute = digits(text, 14, 16);
      int second = digits(text, 17, 19);
      int nanos = n == 20 ? 0 : digits(text, 20, n - 1);
      if (year >= 0
          && month >= 0
          && day >= 0
          && hour >= 0
          && hour < 24
          && minute >= 0
          && minute < 60
          && second >= 0
          && second < 60
          && nanos >= 0) {
        for (int i = n - 1; i < 29; i++) {
          nanos *= 10;
        }
        try {
          long days = LocalDate.of(year, month, day).toEpochDay();
          return Instant.ofEpochSecond(days * 86_400 + hour * 3600 + minute * 60 + second, nanos);
        } catch (DateTimeException e) {
          return null; // February 30th: Instant.parse rejects it too
        }
      }
    }
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The decimal value of {@code text[from, to)}, or -1 when it is not all ASCII digits. */
  private static int digits(String text, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
