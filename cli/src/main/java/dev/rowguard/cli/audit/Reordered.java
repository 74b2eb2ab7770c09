package dev.rowguard.cli.audit;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Puts a nearly ordered stream in time order with a bounded buffer. A log is in append order, and
 * {@code ts} is when each event happened, so records of concurrent threads can be a few records out
 * of time order; access logs likewise. {@link #WINDOW} events of slack is far more than that. A
 * clock stepped back further than that (a correction of the host's clock, a restored VM) leaves the
 * stream out of order: the first event that comes after one already given out, though earlier,
 * makes one warning that names where and by how much.
 */
final class Reordered implements EventSource {

  static final int WINDOW = 1024;

  /** What feeds a {@link Reordered}: the next event of a stream in file order, or null. */
  interface Reader {
    Event read() throws IOException;

    void close() throws IOException;

    /** Where an event read from here is, for a warning: {@code file:line} or log and seq. */
    String where(Event e);
  }

  private final Reader reader;
  private final Consumer<String> warnings;
  private final NearlySorted<Event> buffer = new NearlySorted<>(Merge.ORDER);
  private boolean exhausted;
  private @Nullable Event last;
  private boolean warned;

  Reordered(Reader reader, Consumer<String> warnings) {
    this.reader = reader;
    this.warnings = warnings;
  }

  @Override
  public Event next() throws IOException {
    while (!exhausted && buffer.size() < WINDOW) {
      Event e = reader.read();
      if (e == null) {
        exhausted = true;
      } else {
        if (!warned && last != null && e.ts.isBefore(last.ts)) {
          warned = true;
          warnings.accept(
              reader.where(e)
                  + ": time goes back "
                  + Duration.between(e.ts, last.ts)
                  + " (to "
                  + e.ts
                  + ", after "
                  + last.ts
                  + " at "
                  + reader.where(last)
                  + ") by more than the "
                  + WINDOW
                  + " records the timeline reorders: a clock step? The entries after it are listed out of time order");
        }
        buffer.add(e);
      }
    }
    Event e = buffer.poll();
    if (e != null) {
      last = e;
    }
    return e;
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
