package dev.rowguard.cli.audit;

import java.io.IOException;

/** One output format of the timeline; entries arrive in time order, one at a time. */
interface TimelineWriter {

  void begin() throws IOException;

  void entry(Event e) throws IOException;

  void end() throws IOException;
}
