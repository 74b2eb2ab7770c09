package dev.rowguard.cli.audit;

import java.io.IOException;
import java.io.Writer;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --format timesketch}: JSON Lines for Timesketch import, each with the three fields it
 * requires ({@code message}, {@code datetime}, {@code timestamp_desc}), {@code timestamp} in
 * microseconds, and the entry's fields next to them.
 */
final class TimesketchTimeline implements TimelineWriter {

  private final Writer out;
  private final TraceLinks traces;

  TimesketchTimeline(Writer out, TraceLinks traces) {
    this.out = out;
    this.traces = traces;
  }

  @Override
  public void begin() {}

  @Override
  public void entry(Event e) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("message", TextTimeline.message(e));
    m.put("datetime", EntryFields.TIME.format(e.ts.atZone(ZoneOffset.UTC)));
    m.put("timestamp_desc", e.isHttp() ? "HTTP request" : "rowguard audit " + e.kind);
    m.put("timestamp", ChronoUnit.MICROS.between(java.time.Instant.EPOCH, e.ts));
    EntryFields.of(e, ZoneId.of("UTC"), traces)
        .forEach((k, v) -> m.putIfAbsent(k.equals("time") ? "time_utc" : k, v));
    JsonTimeline.MAPPER.writeValue(out, m);
    out.write("\n");
  }

  @Override
  public void end(Incidents incidents) throws IOException {
    out.flush();
  }
}
