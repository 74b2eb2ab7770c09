package dev.rowguard.cli.audit;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/**
 * {@code --format html}: one self-contained page (inline CSS and script, no network) that lists the
 * entries with rows-deleted bars, anomaly markers and filters. Entries are streamed into a JSON
 * data block as they come; {@code <} is escaped so no value can close the script element.
 */
final class HtmlTimeline implements TimelineWriter {

  private static final String ENTRIES = "/*ENTRIES*/";
  private static final String ZONE = "/*ZONE*/";
  private static final String INCIDENTS = "/*INCIDENTS*/";
  private static final String MANY_ROWS = "/*MANY_ROWS*/";

  private final Writer out;
  private final ZoneId zone;
  private final TraceLinks traces;
  private final String head;
  private final String tail;
  private boolean first = true;

  HtmlTimeline(Writer out, ZoneId zone, TraceLinks traces) throws IOException {
    this.out = out;
    this.zone = zone;
    this.traces = traces;
    String page;
    try (InputStream in = HtmlTimeline.class.getResourceAsStream("timeline.html")) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int at = page.indexOf(ENTRIES);
    this.head = page.substring(0, at);
    this.tail =
        page.substring(at + ENTRIES.length())
            .replace(ZONE, safe(JsonTimeline.MAPPER.writeValueAsString(zone.getId())));
  }

  @Override
  public void begin() throws IOException {
    out.write(head);
  }

  @Override
  public void entry(Event e) throws IOException {
    out.write(first ? "\n" : ",\n");
    first = false;
    out.write(safe(JsonTimeline.MAPPER.writeValueAsString(EntryFields.of(e, zone, traces))));
  }

  @Override
  public void end(Incidents incidents) throws IOException {
    out.write(
        tail.replace(MANY_ROWS, Long.toString(incidents.manyRows()))
            .replace(
                INCIDENTS,
                safe(
                    JsonTimeline.MAPPER.writeValueAsString(
                        incidents.list().stream()
                            .map(i -> EntryFields.of(i, zone, traces))
                            .toList()))));
    out.flush();
  }

  /**
   * JSON that is safe inside a script element: {@code <} only ever appears inside strings, as an
   * escape.
   */
  private static String safe(String json) {
    return json.replace("<", "\\u003c");
  }
}
