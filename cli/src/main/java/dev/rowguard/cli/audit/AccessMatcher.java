package dev.rowguard.cli.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Lines a delete up with the HTTP request it was made in: by the request id in its context when the
 * access log has one, else the request of the same host closest in time within the window. Holds
 * only the requests of the last few windows.
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
   * Whether the access logs carry request ids at all; if not, a delete's id cannot be looked up.
   */
  private boolean idsSeen;

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
      idsSeen = true;
    }
  }

  /** Forgets requests too old to match a delete at or after {@code oldest}. */
  void forgetBefore(Instant oldest) {
    Instant limit = oldest.minus(window).minus(window);
    while (!recent.isEmpty() && recent.peekFirst().time().isBefore(limit)) {
      AccessEntry a = recent.pollFirst();
      if (a.requestId() != null) {
        byId.remove(a.requestId(), a); // unless a later request reused the id
      }
    }
  }

  /** The request a statement event was made in, or null when none matches. */
  @Nullable RequestMatch match(Event e) {
    String id = requestId(e);
    if (id != null && idsSeen) {
      AccessEntry a = byId.get(id);
      // a different request id in the access log is not this request, however close in time
      return a == null ? null : new RequestMatch(a, true);
    }
    AccessEntry best = null;
    long bestGap = Long.MAX_VALUE;
    for (AccessEntry a : recent) {
      long gap = Math.abs(Duration.between(e.ts, a.time()).toMillis());
      if (gap <= window.toMillis()
          && gap < bestGap
          && (a.host() == null || a.host().equals(e.host))) {
        best = a;
        bestGap = gap;
      }
    }
    return best == null ? null : new RequestMatch(best, false);
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
