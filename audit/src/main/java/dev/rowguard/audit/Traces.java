package dev.rowguard.audit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OpenTelemetry trace and span current on this thread, for the records' {@code trace_id} and
 * {@code span_id}. The OpenTelemetry API is an optional dependency: whether it is on the class path
 * is looked up once, and without it no OpenTelemetry class is loaded ({@link Api} is the only class
 * that names one).
 */
final class Traces {

  private static final Logger LOG = LoggerFactory.getLogger(AuditedDataSource.class);

  /** A span's ids as OpenTelemetry writes them: 32 and 16 lower-case hex digits. */
  record Ids(String traceId, String spanId) {}

  private static volatile boolean present = present();

  private Traces() {}

  /** The current span's ids, or null without the OpenTelemetry API or a current valid span. */
  static @Nullable Ids current() {
    if (!present) {
      return null;
    }
    try {
      return Api.current();
    } catch (LinkageError e) {
      // An API too old or broken on the class path: never let it cost the application a delete.
      present = false;
      LOG.warn("rowguard audit: trace ids are not recorded, the OpenTelemetry API failed: {}", e);
      return null;
    }
  }

  private static boolean present() {
    try {
      Class.forName("io.opentelemetry.api.trace.Span", false, Traces.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  /** Loaded on the first {@link Traces#current} with the API present. */
  private static final class Api {
    private Api() {}

    static @Nullable Ids current() {
      SpanContext c = Span.current().getSpanContext();
      return c.isValid() ? new Ids(c.getTraceId(), c.getSpanId()) : null;
    }
  }
}
