package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.LogRecord;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Opens every audit log and access log as a time-ordered source, merged into one; audit logs from
 * {@code from} on when it is given (the records before it are not read). An audit log whose clock
 * stepped back further than the reorder window is sorted ({@link SortedLog}); {@code to} bounds how
 * far its times are looked at for that.
 */
final class EventSources {

  private EventSources() {}

  static EventSource open(
      List<AuditLog> logs,
      List<AccessLogSpec> accessLogs,
      ZoneId accessZone,
      Consumer<String> warnings,
      @Nullable Instant from,
      @Nullable Instant to)
      throws IOException {
    List<EventSource> sources = new ArrayList<>();
    try {
      for (AuditLog log : logs) {
        int stream = sources.size();
        RecordCursor cursor =
            from == null ? new RecordCursor(log, warnings) : new RecordCursor(log, warnings, from);
        Reordered.Reader reader =
            new Reordered.Reader() {
              @Override
              public Event read() throws IOException {
                LogRecord r = cursor.next();
                return r == null ? null : Event.of(r, cursor.ts(), stream);
              }

              @Override
              public void close() throws IOException {
                cursor.close();
              }

              @Override
              public String where(Event e) {
                return log.directory() + " seq " + e.order;
              }
            };
        try {
          sources.add(SortedLog.open(cursor, stream, reader, warnings, to));
        } catch (IOException | RuntimeException e) {
          cursor.close();
          throw e;
        }
      }
      for (AccessLogSpec spec : accessLogs) {
        int stream = sources.size();
        AccessLogCursor cursor = new AccessLogCursor(spec, accessZone, warnings);
        sources.add(
            new Reordered(
                new Reordered.Reader() {
                  private long order;

                  @Override
                  public Event read() throws IOException {
                    AccessEntry a = cursor.next();
                    return a == null ? null : Event.of(a, stream, order++);
                  }

                  @Override
                  public void close() throws IOException {
                    cursor.close();
                  }

                  @Override
                  public String where(Event e) {
                    return e.request.where();
                  }
                },
                warnings));
      }
    } catch (IOException | RuntimeException e) {
      new Merge(sources).close();
      throw e;
    }
    return new Merge(sources);
  }
}
