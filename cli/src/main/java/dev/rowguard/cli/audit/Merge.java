package dev.rowguard.cli.audit;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** A streaming k-way merge: holds one event per source, never a whole log. */
final class Merge implements EventSource {

  /** Time, then source, then order within the source: stable for equal times. */
  static final Comparator<Event> ORDER =
      (a, b) -> {
        // written out: the reorder windows compare every event about twenty times
        int c = a.ts.compareTo(b.ts);
        if (c != 0) {
          return c;
        }
        c = Integer.compare(a.stream, b.stream);
        return c != 0 ? c : Long.compare(a.order, b.order);
      };

  private record Head(Event event, EventSource source) {}

  private final List<? extends EventSource> sources;
  private final PriorityQueue<Head> heads =
      new PriorityQueue<>(Comparator.comparing(Head::event, ORDER));
  private boolean started;

  Merge(List<? extends EventSource> sources) {
    this.sources = sources;
  }

  @Override
  public Event next() throws IOException {
    if (!started) {
      started = true;
      for (EventSource s : sources) {
        push(s);
      }
    }
    Head h = heads.poll();
    if (h == null) {
      return null;
    }
    push(h.source());
    return h.event();
  }

  private void push(EventSource s) throws IOException {
    Event e = s.next();
    if (e != null) {
      heads.add(new Head(e, s));
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (EventSource s : sources) {
      try {
        s.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
