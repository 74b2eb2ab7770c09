package dev.rowguard.audit;

import static dev.rowguard.audit.AuditTestSupport.customers;
import static dev.rowguard.audit.AuditTestSupport.events;
import static dev.rowguard.audit.AuditTestSupport.h2;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.Fields;
import dev.rowguard.audit.log.LogRecord;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the OpenTelemetry API and a current span, records carry its trace and span ids. */
class TraceIdsTest {

  @TempDir Path dir;

  @Test
  void recordsInASpanCarryItsIdsAndOthersNone() throws Exception {
    DataSource raw = h2();
    customers(raw, 300);
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    try (SdkTracerProvider provider =
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported))
                .build();
        AuditedDataSource ds = AuditedDataSource.wrap(raw, dir)) {
      Tracer tracer = provider.get("rowguard-test");
      Span span = tracer.spanBuilder("POST /admin/tenants/sync").startSpan();
      try (Scope scope = span.makeCurrent();
          Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("delete from customer where id <= 150");
        c.commit();
      } finally {
        span.end();
      }
      try (Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        s.executeUpdate("delete from customer"); // no span current
      }
      List<LogRecord> events = events(dir);
      assertThat(events)
          .extracting(LogRecord::kindName)
          .containsExactly("delete", "commit", "delete");
      String traceId = span.getSpanContext().getTraceId();
      String spanId = span.getSpanContext().getSpanId();
      assertThat(span.getSpanContext().isValid()).isTrue();
      assertThat(exported.getFinishedSpanItems())
          .singleElement()
          .satisfies(d -> assertThat(d.getTraceId()).isEqualTo(traceId));
      for (LogRecord r : events.subList(0, 2)) {
        assertThat(r.string(Fields.TRACE_ID)).isEqualTo(traceId);
        assertThat(r.string(Fields.SPAN_ID)).isEqualTo(spanId);
      }
      assertThat(events.get(2).string(Fields.TRACE_ID)).isNull();
      assertThat(events.get(2).string(Fields.SPAN_ID)).isNull();
    }
  }
}
