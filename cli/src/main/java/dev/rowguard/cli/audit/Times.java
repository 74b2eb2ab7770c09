package dev.rowguard.cli.audit;

import dev.rowguard.cli.InvalidInputException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

/**
 * The command line's times: zones, {@code --from}/{@code --to} and hour ranges, each failing in one
 * line.
 */
final class Times {

  private Times() {}

  static ZoneId zone(String option, String id) {
    if (id == null) {
      return null;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      throw new InvalidInputException(
          option
              + ": unknown zone '"
              + id
              + "': use a region such as Europe/Berlin, or UTC, or an offset such as +01:00");
    }
  }

  /**
   * An instant from ISO-8601 with offset ({@code 2026-11-21T14:00:00+01:00}, {@code ...Z}), or a
   * local date-time or date read in {@code zone}; a local time without {@code --zone} is an error,
   * since guessing a zone would silently shift the window.
   */
  static Instant instant(String option, String text, ZoneId zone) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException notOffset) {
      try {
        return ZonedDateTime.parse(text).toInstant();
      } catch (DateTimeParseException notZoned) {
        LocalDateTime local = local(text);
        if (local == null) {
          throw new InvalidInputException(
              option
                  + ": '"
                  + text
                  + "' is not an ISO-8601 time: use 2026-11-21T14:00:00+01:00, or 2026-11-21T14:00 with --zone");
        }
        if (zone == null) {
          throw new InvalidInputException(
              option
                  + ": '"
                  + text
                  + "' has no offset: add one ("
                  + text
                  + "+01:00, "
                  + text
                  + "Z) or pass --zone");
        }
        return local.atZone(zone).toInstant();
      }
    }
  }

  private static LocalDateTime local(String text) {
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException notDateTime) {
      try {
        return LocalDate.parse(text).atStartOfDay();
      } catch (DateTimeParseException notDate) {
        return null;
      }
    }
  }

  /** {@code 08:00-18:00}. */
  static Anomalies.Hours hours(String option, String text) {
    if (text == null) {
      return null;
    }
    int dash = text.indexOf('-');
    try {
      if (dash > 0) {
        return new Anomalies.Hours(
            LocalTime.parse(text.substring(0, dash).strip()),
            LocalTime.parse(text.substring(dash + 1).strip()));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new InvalidInputException(
        option + ": '" + text + "' is not a range of hours: use HH:MM-HH:MM, e.g. 08:00-18:00");
  }
}
