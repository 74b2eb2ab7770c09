package dev.rowguard.cli.audit;

import java.io.IOException;

/** One output format of the timeline; entries arrive in time order, one at a time. */
interface TimelineWriter {

  void begin() throws IOException;

  void entry(Event e) throws IOException;

  /** After the last entry; {@code incidents} is the summary, complete only now. */
  void end(Incidents incidents) throws IOException;
}
