package dev.rowguard.checker.util;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.util.Context;
import java.util.function.Supplier;

/**
 * State kept for one compilation: held in javac's {@link Context}, so nothing outlives the
 * compilation and each compilation starts afresh.
 */
public final class PerCompilation {

  private PerCompilation() {}

  /** The compilation's instance under {@code key}, made by {@code create} on first use. */
  public static <T> T get(VisitorState state, Context.Key<T> key, Supplier<T> create) {
    Context context = state.context;
    T value = context.get(key);
    if (value == null) {
      value = create.get();
      context.put(key, value);
    }
    return value;
  }
}
