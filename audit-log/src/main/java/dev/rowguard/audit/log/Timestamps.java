package dev.rowguard.audit.log;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Writes {@code ts} values ({@code 2026-11-21T14:07:05.123456Z}). The date and time up to the
 * second are formatted once per second and reused, because records come in bursts and
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
}
