package dev.rowguard.cli.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;

/** {@code --format json}: one JSON array of entries, written as they come. */
final class JsonTimeline implements TimelineWriter {

  /** Writes values to a writer it neither closes nor flushes per value: entries are streamed. */
  static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
          .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

  private final Writer out;
  private final ZoneId zone;
  private final TraceLinks traces;
  private boolean first = true;

  JsonTimeline(Writer out, ZoneId zone, TraceLinks traces) {
    this.out = out;
    this.zone = zone;
    this.traces = traces;
  }

  @Override
  public void begin() throws IOException {
    out.write("[");
  }

  @Override
  public void entry(Event e) throws IOException {
    out.write(first ? "\n  " : ",\n  ");
    first = false;
    MAPPER.writeValue(out, EntryFields.of(e, zone, traces));
  }

  @Override
  public void end(Incidents incidents) throws IOException {
    out.write(first ? "]\n" : "\n]\n");
    out.flush();
  }
}
