package dev.rowguard.cli.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Lines a delete up with the HTTP request it was made in: by the request id in its context, found
 * in any access log however long the request took; else the request of the same host running
 * closest in time within the window, among the access logs that carry no request ids (a log with
 * ids would have this delete's id if it served its request). Holds the requests of the last few
 * windows, and those a held delete may still be matched to by id.
 */
final class AccessMatcher {

  /**
   * Context keys that carry a request id (the audit logger's default MDC keys, and common others).
   */
  static final List<String> REQUEST_ID_KEYS =
      List.of("requestId", "request_id", "X-Request-Id", "x-request-id", "rid");

  private final Duration window;
  private final Deque<AccessEntry> recent = new ArrayDeque<>();
  private final Map<String, AccessEntry> byId = new HashMap<>();

  /**
   * The access logs that carry request ids, with the host each serves (null: any): a delete whose
   * id is not in them was not served by them, so it is not matched to their requests by time.
   */
  private final Map<String, Optional<String>> logsWithIds = new HashMap<>();

  AccessMatcher(Duration window) {
    this.window = window;
  }

  Duration window() {
    return window;
  }

  void add(AccessEntry a) {
    recent.addLast(a);
    if (a.requestId() != null) {
      byId.put(a.requestId(), a);
      logsWithIds.putIfAbsent(a.log(), Optional.ofNullable(a.host()));
    }
  }

  /** Forgets requests too old to match a delete at or after {@code oldest}. */
  void forgetBefore(Instant oldest) {
    Instant limit = oldest.minus(window).minus(window);
    while (!recent.isEmpty() && recent.peekFirst().latest().isBefore(limit)) {
      AccessEntry a = recent.pollFirst();
      if (a.requestId() != null) {
        byId.remove(a.requestId(), a); // unless a later request reused the id
      }
    }
  }

  /**
   * Whether a delete should wait for more of the access logs: it has a request id that no request
   * read so far has, and an access log with ids serves its host. nginx writes a request's line when
   * it ends, so a slow request's line comes long after its deletes.
   */
  boolean awaitsItsRequest(Event e) {
    String id = requestId(e);
    return id != null && !byId.containsKey(id) && idsServe(e.host);
  }

  private boolean idsServe(@Nullable String host) {
    for (Optional<String> served : logsWithIds.values()) {
      if (served.isEmpty() || served.get().equals(host)) {
        return true;
      }
    }
    return false;
  }

  /** The request a statement event was made in, or null when none matches. */
  @Nullable RequestMatch match(Event e) {
    String id = requestId(e);
    if (id != null) {
      AccessEntry a = byId.get(id);
      if (a != null) {
        return new RequestMatch(a, true);
      }
    }
    AccessEntry best = null;
    Duration bestGap = null;
    for (AccessEntry a : recent) {
      if (a.host() != null && !a.host().equals(e.host)) {
        continue;
      }
      if (id != null && logsWithIds.containsKey(a.log())) {
        continue; // a different request id in that log is not this request, however close in time
      }
      Duration gap = a.gap(e.ts);
      if (gap.compareTo(window) <= 0
          && (bestGap == null
              || gap.compareTo(bestGap) < 0
              || (gap.equals(bestGap) && closerStart(e.ts, a, best)))) {
        best = a;
        bestGap = gap;
      }
    }
    return best == null ? null : new RequestMatch(best, false);
  }

  /** Of two requests running at {@code t}, the one that started last is the innermost. */
  private static boolean closerStart(Instant t, AccessEntry a, AccessEntry than) {
    return Duration.between(a.earliest(), t)
            .abs()
            .compareTo(Duration.between(than.earliest(), t).abs())
        < 0;
  }

  static String requestId(Event e) {
    for (String k : REQUEST_ID_KEYS) {
      String v = e.context().get(k);
      if (v != null) {
        return v;
      }
    }
    return null;
  }
}
