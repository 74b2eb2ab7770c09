package dev.rowguard.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who and what a delete was made for, recorded in the {@code context} member of audit records:
 * tenant, user, request id, route, or any key the application finds useful for a post-mortem. Per
 * thread; values set here take precedence over SLF4J MDC values with the same key.
 *
 * <pre>{@code
 * try (AuditContext.Scope s = AuditContext.with("tenant", tenantId, "user", userName)) {
 *   tenantSync.run();
 * }
 * }</pre>
 *
 * <p>Do not put secrets here: the log is meant to be read.
 */
public final class AuditContext {

  private static final ThreadLocal<Map<String, String>> CURRENT =
      ThreadLocal.withInitial(LinkedHashMap::new);

  private AuditContext() {}

  /** Sets {@code key} for this thread until {@link #remove} or {@link #clear}. */
  public static void put(String key, String value) {
    if (value == null) {
      remove(key);
    } else {
      CURRENT.get().put(key, value);
    }
  }

  public static void remove(String key) {
    CURRENT.get().remove(key);
  }

  public static void clear() {
    CURRENT.remove();
  }

  /** The context of this thread (unmodifiable view). */
  public static Map<String, String> current() {
    return Collections.unmodifiableMap(CURRENT.get());
  }

  /**
   * Sets key/value pairs ({@code "tenant", "acme", "user", "bob"}) and returns a scope that
   * restores the previous values when closed.
   */
  public static Scope with(String... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("AuditContext.with takes key/value pairs");
    }
    Map<String, String> previous = new LinkedHashMap<>(CURRENT.get());
    for (int i = 0; i < keysAndValues.length; i += 2) {
      put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return () -> {
      CURRENT.get().clear();
      CURRENT.get().putAll(previous);
    };
  }

  /** Restores the context that was current before {@link #with}. */
  @FunctionalInterface
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
