package dev.rowguard.cli.audit;

import java.io.IOException;
import java.util.PriorityQueue;

/**
 * Puts a nearly ordered stream in time order with a bounded buffer. A log is in append order, and
 * {@code ts} is when each event happened, so records of concurrent threads can be a few records out
 * of time order; access logs likewise. {@link #WINDOW} events of slack is far more than that.
 */
final class Reordered implements EventSource {

  static final int WINDOW = 1024;

  /** What feeds a {@link Reordered}: the next event of a stream in file order, or null. */
  interface Reader {
    Event read() throws IOException;

    void close() throws IOException;
  }

  private final Reader reader;
  private final PriorityQueue<Event> buffer = new PriorityQueue<>(Merge.ORDER);
  private boolean exhausted;

  Reordered(Reader reader) {
    this.reader = reader;
  }

  @Override
  public Event next() throws IOException {
    while (!exhausted && buffer.size() < WINDOW) {
      Event e = reader.read();
      if (e == null) {
        exhausted = true;
      } else {
        buffer.add(e);
      }
    }
    return buffer.poll();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
