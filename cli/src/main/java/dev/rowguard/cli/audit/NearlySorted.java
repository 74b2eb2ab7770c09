package dev.rowguard.cli.audit;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.PriorityQueue;
import org.jspecify.annotations.Nullable;

/**
 * A priority queue for a stream that is nearly in order, as a log is: what comes in order is kept
 * in arrival order (constant time), only what comes out of order goes to a heap. {@link #poll}
 * gives the least element of both, as one heap of all would.
 */
final class NearlySorted<T> {

  private final Comparator<? super T> order;

  /** Elements added in order, each at least the one before it: least first. */
  private final ArrayDeque<T> run = new ArrayDeque<>();

  /** Elements added less than the last of {@link #run}. */
  private final PriorityQueue<T> rest;

  NearlySorted(Comparator<? super T> order) {
    this.order = order;
    this.rest = new PriorityQueue<>(order);
  }

  void add(T t) {
    T last = run.peekLast();
    if (last == null || order.compare(t, last) >= 0) {
      run.addLast(t);
    } else {
      rest.add(t);
    }
  }

  /** The least element, removed; null when empty. */
  @Nullable T poll() {
    T a = run.peekFirst();
    T b = rest.peek();
    if (b == null || (a != null && order.compare(a, b) <= 0)) {
      return run.pollFirst();
    }
    return rest.poll();
  }

  int size() {
    return run.size() + rest.size();
  }
}
