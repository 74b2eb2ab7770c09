package dev.rowguard.cli.audit;

import java.io.Closeable;
import java.io.IOException;

/** A stream of events in time order. */
interface EventSource extends Closeable {

  /** The next event, or null at the end. */
  Event next() throws IOException;
}
