package dev.rowguard.cli.audit;

import dev.rowguard.cli.InvalidInputException;
import org.jspecify.annotations.Nullable;

/**
 * {@code --trace-url}: the link from an entry's OpenTelemetry {@code trace_id} (and {@code
 * span_id}) to the tracing system, e.g. {@code https://tracing.example/trace/{trace_id}}.
 *
 * @param template the URL with {@link #TRACE_ID} (and optionally {@link #SPAN_ID}), or null for no
 *     links
 */
record TraceLinks(@Nullable String template) {

  static final String TRACE_ID = "{trace_id}";
  static final String SPAN_ID = "{span_id}";

  static final TraceLinks NONE = new TraceLinks(null);

  /** The option's value, checked: an http(s) URL with {@code {trace_id}} in it. */
  static TraceLinks parse(@Nullable String template) {
    if (template == null) {
      return NONE;
    }
    if (!template.startsWith("https://") && !template.startsWith("http://")) {
      throw new InvalidInputException(
          "--trace-url "
              + template
              + " is not an http(s) URL: give your tracing system's trace page, e.g. 'https://tracing.example/trace/"
              + TRACE_ID
              + "'");
    }
    if (!template.contains(TRACE_ID)) {
      throw new InvalidInputException(
          "--trace-url "
              + template
              + " has no "
              + TRACE_ID
              + ": put it where the trace id goes, e.g. 'https://tracing.example/trace/"
              + TRACE_ID
              + "'");
    }
    return new TraceLinks(template);
  }

  /** The entry's trace link, or null without a template or a trace id. */
  @Nullable String url(Event e) {
    String trace = e.traceId();
    if (template == null || trace == null) {
      return null;
    }
    String span = e.spanId();
    return template.replace(TRACE_ID, trace).replace(SPAN_ID, span == null ? "" : span);
  }
}
