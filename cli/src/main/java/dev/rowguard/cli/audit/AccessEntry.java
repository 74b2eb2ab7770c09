package dev.rowguard.cli.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One request from an nginx/Apache access log in combined format.
 *
 * @param time the time the log gives, whole seconds: nginx's {@code $time_local} is when the
 *     response was sent, Apache's {@code %t} when the request arrived
 * @param duration how long the request took, when the line carries it (nginx {@code $request_time},
 *     Apache {@code %D}), else null
 * @param loggedAtStart whether {@code time} is the request's start (Apache, known by its {@code
 *     %D}) rather than its end (nginx, and every line without a duration)
 * @param host the host that served it (from {@code --access-log HOST=FILE}), or null when not given
 * @param client the client address
 * @param method the HTTP method, or the whole request line when it has no method
 * @param path the request target
 * @param status the response status
 * @param requestId a request id logged after the combined fields, or null
 * @param log the access log it was read from, as given
 * @param where {@code file:line}
 */
record AccessEntry(
    Instant time,
    @Nullable Duration duration,
    boolean loggedAtStart,
    String host,
    String client,
    String method,
    String path,
    int status,
    String requestId,
    String log,
    String where) {

  /** The precision of access-log times. */
  static final Duration SECOND = Duration.ofSeconds(1);

  /**
   * Where the request goes in the timeline. With a duration: the earliest moment it can have
   * started, so it comes before the deletes it made. Without one, the time is its end (nginx),
   * somewhere in the logged second: the last moment of that second, so it comes after the audit
   * records of that second, which it can only have caused, not followed.
   */
  Instant at() {
    if (duration == null) {
      return time.plus(SECOND).minusNanos(1_000);
    }
    return loggedAtStart ? time : time.minus(duration);
  }

  /** The earliest moment the request can have been running. */
  Instant earliest() {
    return duration == null ? time : at();
  }

  /** The latest moment the request can have been running: the end of its end's second. */
  Instant latest() {
    Instant end = duration != null && loggedAtStart ? time.plus(duration) : time;
    return end.plus(SECOND);
  }

  /** How far {@code t} is from the time the request ran: zero while it ran. */
  Duration gap(Instant t) {
    if (t.isBefore(earliest())) {
      return Duration.between(t, earliest());
    }
    return t.isAfter(latest()) ? Duration.between(latest(), t) : Duration.ZERO;
  }

  /** "GET /admin/tenants/42 -> 200", and "(1.234 s)" when the line says how long it took. */
  String summary() {
    String s = method + " " + path + " -> " + status;
    return duration == null
        ? s
        : s + String.format(Locale.ROOT, " (%.3f s)", duration.toNanos() / 1e9);
  }
}
