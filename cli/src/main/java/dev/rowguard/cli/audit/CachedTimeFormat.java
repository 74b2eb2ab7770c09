package dev.rowguard.cli.audit;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * A time pattern of the form date-and-time up to the second, a fraction of {@code digits} digits,
 * then the rest (the offset): the parts before and after the fraction are formatted with
 * DateTimeFormatter once per second and zone and reused, because entries come in time order and
 * DateTimeFormatter costs more than the rest of an entry. Same text as the whole pattern.
 */
final class CachedTimeFormat {

  private final DateTimeFormatter head;
  private final char point;
  private final int digits;
  private final DateTimeFormatter tail;

  /** The last second formatted, as one value so that threads see its parts together. */
  private record Cached(long second, ZoneId zone, String head, String tail) {}

  private volatile Cached last;

  /**
   * {@code head} up to the second, then {@code point} and {@code digits} digits of the second's
   * fraction (truncated, as {@code S} does), then {@code tail}.
   */
  CachedTimeFormat(String head, char point, int digits, String tail) {
    this.head = DateTimeFormatter.ofPattern(head);
    this.point = point;
    this.digits = digits;
    this.tail = DateTimeFormatter.ofPattern(tail);
    this.last = new Cached(Long.MIN_VALUE, ZoneOffset.UTC, "", "");
  }

  String format(ZonedDateTime t) {
    long second = t.toEpochSecond();
    Cached c = last;
    if (c.second() != second || !c.zone().equals(t.getZone())) {
      c = new Cached(second, t.getZone(), head.format(t), tail.format(t));
      last = c;
    }
    StringBuilder out = new StringBuilder(c.head().length() + digits + c.tail().length() + 1);
    out.append(c.head()).append(point);
    int fraction = t.getNano();
    for (int divisor = 100_000_000, i = 0; i < digits; i++, divisor /= 10) {
      out.append((char) ('0' + fraction / divisor % 10));
    }
    return out.append(c.tail()).toString();
  }
}
