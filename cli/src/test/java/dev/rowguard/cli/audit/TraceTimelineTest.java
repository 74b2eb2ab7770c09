package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.cli.report.CliRun;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The timeline shows the OpenTelemetry trace a delete was made in (recorded by the real audit
 * logger inside a span of the real OpenTelemetry SDK) and links it with {@code --trace-url}.
 */
class TraceTimelineTest {

  private static final String TRACE_URL = "https://tracing.example/trace/{trace_id}?span={span_id}";

  @TempDir Path dir;

  /** A log and the ids of the span its delete and commit were made in. */
  record Traced(Path log, String traceId, String spanId) {
    String url() {
      return "https://tracing.example/trace/" + traceId + "?span=" + spanId;
    }
  }

  /** 150 rows deleted and committed inside a span of a real SDK tracer. */
  static Traced tracedLog(Path dir) throws Exception {
    Path log = dir.resolve("audit");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL("jdbc:h2:mem:traced" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
    try (Connection c = h2.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create table invoice (id int primary key)");
      s.execute("insert into invoice select x from system_range(1, 150)");
    }
    InMemorySpanExporter exported = InMemorySpanExporter.create();
    try (SdkTracerProvider tracing =
            SdkTracerProvider.builder()
                .addSpanProcessor(SimpleSpanProcessor.create(exported))
                .build();
        AuditedDataSource ds = AuditedDataSource.wrap(h2, log)) {
      Span span = tracing.get("billing").spanBuilder("POST /invoices/purge").startSpan();
      try (Scope scope = span.makeCurrent();
          Connection c = ds.getConnection();
          Statement s = c.createStatement()) {
        c.setAutoCommit(false);
        s.executeUpdate("delete from invoice where id > 0");
        c.commit();
      } finally {
        span.end();
      }
      assertThat(exported.getFinishedSpanItems()).hasSize(1);
      return new Traced(log, span.getSpanContext().getTraceId(), span.getSpanContext().getSpanId());
    }
  }

  @Test
  void textShowsTheTraceAndItsUrl() throws Exception {
    Traced t = tracedLog(dir);
    CliRun r = CliRun.run("audit", "timeline", t.log().toString(), "--trace-url", TRACE_URL);
    assertThat(r.err()).isEmpty();
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("| trace: " + t.traceId() + " span " + t.spanId() + "  " + t.url());
    // Without --trace-url the ids are still shown.
    CliRun plain = CliRun.run("audit", "timeline", t.log().toString());
    assertThat(plain.out())
        .contains("| trace: " + t.traceId() + " span " + t.spanId())
        .doesNotContain("https://");
  }

  @Test
  void jsonAndHtmlCarryTheIdsAndTheLink() throws Exception {
    Traced t = tracedLog(dir);
    CliRun r =
        CliRun.run(
            "audit", "timeline", t.log().toString(), "--trace-url", TRACE_URL, "--format", "json");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode entries = new ObjectMapper().readTree(r.out());
    assertThat(entries).hasSize(2); // the delete and its commit, both in the span
    for (JsonNode e : entries) {
      assertThat(e.get("trace_id").asText()).isEqualTo(t.traceId());
      assertThat(e.get("span_id").asText()).isEqualTo(t.spanId());
      assertThat(e.get("trace_url").asText()).isEqualTo(t.url());
    }
    assertThat(htmlPage(t)).contains("\"trace_url\":\"" + t.url() + "\"");
  }

  /** The HTML page of {@code t}'s log with {@link #TRACE_URL}. */
  private String htmlPage(Traced t) throws Exception {
    Path html = dir.resolve("timeline.html");
    CliRun page =
        CliRun.run(
            "audit",
            "timeline",
            t.log().toString(),
            "--trace-url",
            TRACE_URL,
            "--format",
            "html",
            "-o",
            html.toString());
    assertThat(page.exit()).as(page.err()).isZero();
    return Files.readString(html);
  }

  @Test
  void theIncidentSummaryNamesTheTraceAndLinksIt() throws Exception {
    Traced t = tracedLog(dir);
    CliRun r = CliRun.run("audit", "timeline", t.log().toString(), "--trace-url", TRACE_URL);
    assertThat(r.exit()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith("INCIDENTS: 1 ");
    assertThat(lines.get(1))
        .contains("committed  invoice 150 (150 rows)")
        .contains("  trace " + t.traceId() + " " + t.url());
    CliRun plain = CliRun.run("audit", "timeline", t.log().toString());
    assertThat(plain.out().lines().toList().get(1))
        .contains("  trace " + t.traceId())
        .doesNotContain("https://");
    String text = htmlPage(t);
    String summary =
        text.substring(
            text.indexOf("id=\"incident-summary\""),
            text.indexOf("</script>", text.indexOf("id=\"incident-summary\"")));
    JsonNode incidents = new ObjectMapper().readTree(summary.substring(summary.indexOf('>') + 1));
    assertThat(incidents).hasSize(1);
    JsonNode traces = incidents.get(0).get("traces");
    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).get("trace_id").asText()).isEqualTo(t.traceId());
    assertThat(traces.get(0).get("trace_url").asText()).isEqualTo(t.url());
  }

  @Test
  void aTraceUrlWithoutTheIdOrNotHttpIsBadInput() throws Exception {
    Traced t = tracedLog(dir);
    for (String bad : List.of("https://tracing.example/trace/", "javascript:alert('{trace_id}')")) {
      CliRun r = CliRun.run("audit", "timeline", t.log().toString(), "--trace-url", bad);
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.out()).isEmpty();
      assertThat(r.err().lines()).singleElement().asString().contains("--trace-url", "{trace_id}");
    }
  }
}
