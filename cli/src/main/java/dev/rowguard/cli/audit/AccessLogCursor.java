package dev.rowguard.cli.audit;

import dev.rowguard.cli.InvalidInputException;
import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an nginx/Apache access log in combined format, one request at a time: {@code client ident
 * user [time] "request" status bytes "referer" "user-agent"}, optionally followed by a request id
 * ({@code request_id=ID}, {@code rid=ID}, or one more quoted field, as nginx logs {@code
 * "$request_id"}) and a duration: nginx's {@code $request_time} (seconds with a fraction, bare or
 * as {@code rt=}/{@code request_time=}; the line's time is then the request's end) or Apache's
 * {@code %D} (whole microseconds; the line's time is then the request's start).
 *
 * <p>A time without offset is read in the zone given; in the hour a zone repeats when its clocks go
 * back, the order of the lines decides which of the two offsets it is (the log is in time order):
 * the earlier until a line's local time goes back, the later from then on. A warning says so once
 * per log.
 */
final class AccessLogCursor implements Closeable {

  private static final Pattern COMBINED =
      Pattern.compile(
          "^(\\S+) \\S+ \\S+ \\[([^\\]]+)\\] \"((?:[^\"\\\\]|\\\\.)*)\" (\\d{3}) \\S+(?: \"(?:[^\"\\\\]|\\\\.)*\" \"(?:[^\"\\\\]|\\\\.)*\")?(.*)$");

  /** One field after the combined ones: {@code key=value}, {@code key="value"}, {@code "value"}. */
  private static final Pattern FIELD =
      Pattern.compile("\\s*(?:([A-Za-z_-]+)=)?(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]*[A-Za-z0-9][A-Za-z0-9._:-]*");
  private static final Pattern SECONDS = Pattern.compile("\\d+\\.\\d+");
  private static final Pattern MICROS = Pattern.compile("\\d+");
  private static final Set<String> DURATION_KEYS = Set.of("rt", "request_time");

  /**
   * How far a line's time may go back and still be the same clock: lines are written in the order
   * requests end (nginx) or start (Apache), a few seconds apart at most; local times in the
   * repeated hour that go back more than this are the second pass through it.
   */
  private static final Duration BACKWARDS = Duration.ofMinutes(30);

  private static final Set<String> ID_KEYS =
      Set.of("request_id", "requestid", "rid", "req_id", "x_request_id", "x-request-id", "reqid");
  private static final DateTimeFormatter WITH_OFFSET =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT);
  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss", Locale.ROOT);

  private final Path file;
  private final String host;
  private final ZoneId zone;
  private final Consumer<String> warnings;
  private final BufferedReader reader;
  private long lineNumber;
  private @Nullable Instant last;
  private boolean overlapWarned;

  /** {@code zone} is for logs whose times carry no offset; null makes such a log an error. */
  AccessLogCursor(AccessLogSpec spec, ZoneId zone, Consumer<String> warnings) throws IOException {
    this.file = spec.file();
    this.host = spec.host();
    this.zone = zone;
    this.warnings = warnings;
    this.reader =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8), 1 << 16);
  }

  /** The next request, or null at the end; blank lines are skipped. */
  AccessEntry next() throws IOException {
    String line;
    do {
      line = reader.readLine();
      lineNumber++;
      if (line == null) {
        return null;
      }
    } while (line.isBlank());
    String where = file + ":" + lineNumber;
    Matcher m = COMBINED.matcher(line);
    if (!m.matches()) {
      throw new InvalidInputException(
          where
              + ": not an access log line in combined format (client - user [time] \"request\" status bytes \"referer\" \"agent\")");
    }
    String[] request = m.group(3).split(" ", 3);
    String method = request.length >= 2 ? request[0] : m.group(3);
    String path = request.length >= 2 ? request[1] : "";
    Trailer t = trailer(m.group(5));
    Instant time = time(m.group(2), where);
    last = time;
    return new AccessEntry(
        time,
        t.duration,
        t.loggedAtStart,
        host,
        m.group(1),
        method,
        path,
        Integer.parseInt(m.group(4)),
        t.requestId,
        file.toString(),
        where);
  }

  private Instant time(String text, String where) {
    try {
      return OffsetDateTime.parse(text, WITH_OFFSET).toInstant();
    } catch (DateTimeParseException withOffset) {
      LocalDateTime local;
      try {
        local = LocalDateTime.parse(text, LOCAL);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            where + ": bad time [" + text + "]: expected dd/MMM/yyyy:HH:mm:ss +hhmm");
      }
      if (zone == null) {
        throw new InvalidInputException(
            where
                + ": the time ["
                + text
                + "] has no offset: pass --access-log-zone with the zone the server logs in");
      }
      return local(local, where);
    }
  }

  /** A local time in {@link #zone}; in a repeated hour, the offset the lines' order says. */
  private Instant local(LocalDateTime local, String where) {
    ZoneOffsetTransition overlap = zone.getRules().getTransition(local);
    if (overlap == null || !overlap.isOverlap()) {
      return local.atZone(zone).toInstant();
    }
    Instant earlier = local.atOffset(overlap.getOffsetBefore()).toInstant();
    Instant later = local.atOffset(overlap.getOffsetAfter()).toInstant();
    boolean second =
        last != null
            && (!last.isBefore(overlap.getInstant()) || earlier.isBefore(last.minus(BACKWARDS)));
    if (!overlapWarned) {
      overlapWarned = true;
      warnings.accept(
          where
              + ": local times from "
              + overlap.getDateTimeAfter()
              + " to "
              + overlap.getDateTimeBefore()
              + " come twice in "
              + zone.getId()
              + " (clocks went back); the order of the lines decides which is which"
              + (last == null
                  ? " and this log starts inside that hour: read as the first pass ("
                      + overlap.getOffsetBefore()
                      + ")"
                  : "")
              + "; log times with their offset (nginx $time_local, Apache %t carry it) to be sure");
    }
    return second ? later : earlier;
  }

  /** What follows the combined fields: a request id and a duration, each if there. */
  private record Trailer(
      @Nullable String requestId, @Nullable Duration duration, boolean loggedAtStart) {}

  private static Trailer trailer(@Nullable String rest) {
    if (rest == null || rest.isBlank()) {
      return new Trailer(null, null, false);
    }
    String keyed = null;
    List<String> quoted = new ArrayList<>();
    Duration duration = null;
    boolean atStart = false;
    Matcher f = FIELD.matcher(rest);
    int end = 0;
    while (f.lookingAt()) {
      String key = f.group(1) == null ? null : f.group(1).toLowerCase(Locale.ROOT);
      String value = f.group(2);
      boolean isQuoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
      if (isQuoted) {
        value = value.substring(1, value.length() - 1);
      }
      if (key != null && ID_KEYS.contains(key) && keyed == null && ID.matcher(value).matches()) {
        keyed = value;
      } else if (key != null && DURATION_KEYS.contains(key) && SECONDS.matcher(value).matches()) {
        duration = seconds(value);
      } else if (key == null && isQuoted) {
        quoted.add(value);
      } else if (key == null && duration == null && SECONDS.matcher(value).matches()) {
        duration = seconds(value); // nginx $request_time
      } else if (key == null && duration == null && MICROS.matcher(value).matches()) {
        duration = Duration.ofNanos(Long.parseLong(value) * 1000); // Apache %D
        atStart = true;
      }
      end = f.end();
      f.region(end, rest.length());
    }
    String id = keyed;
    if (id == null && quoted.size() == 1 && ID.matcher(quoted.get(0)).matches()) {
      id = quoted.get(0); // nginx "$request_id"
    }
    return new Trailer(id, duration, atStart);
  }

  private static Duration seconds(String text) {
    return Duration.ofNanos(new BigDecimal(text).movePointRight(9).longValueExact());
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
