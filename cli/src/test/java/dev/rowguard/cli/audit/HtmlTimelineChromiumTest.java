package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rowguard.audit.AuditedDataSource;
import dev.rowguard.cli.report.CliRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Opens the HTML timeline in headless Chromium (Debian's {@code chromium} package) and checks the
 * rendered DOM. Skipped, with the reason, when Chromium is not installed.
 */
class HtmlTimelineChromiumTest {

  @TempDir Path dir;

  private static Optional<Path> chromium() {
    return Stream.of(System.getenv("PATH").split(File.pathSeparator))
        .flatMap(d -> Stream.of("chromium", "chromium-browser").map(n -> Path.of(d, n)))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Path chromiumOrSkip() {
    Optional<Path> chromium = chromium();
    assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install chromium): the HTML timeline was not rendered");
    return chromium.get();
  }

  /** {@code rowguard audit timeline --format html} of the incident (and more logs), in Berlin. */
  private Path timelinePage(IncidentLogs.Incident incident, Path... moreLogs) {
    Path html = dir.resolve("timeline.html");
    List<String> args = new ArrayList<>(List.of("audit", "timeline", incident.log().toString()));
    Stream.of(moreLogs).map(Path::toString).forEach(args::add);
    args.addAll(
        List.of(
            "--access-log",
            incident.accessLog().toString(),
            "--format",
            "html",
            "-o",
            html.toString(),
            "--zone",
            "Europe/Berlin"));
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    return html;
  }

  @Test
  void timelineRendersTheIncidentWithMarkersAndNoNetwork() throws Exception {
    Path chromium = chromiumOrSkip();
    Path html = timelinePage(IncidentLogs.incident(dir));
    String page = Files.readString(html);
    assertThat(page).doesNotContain("http://", "https://", "src=", "<link");

    String rendered = dumpDom(chromium, html, 1400);
    assertThat(rendered).contains("<li class=\"row entry");

    List<String> entries = Stream.of(rendered.split("<li class=\"row entry")).skip(1).toList();
    assertThat(entries).hasSize(8);
    assertThat(entries)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains(
                        "kind-delete",
                        "customer",
                        "150",
                        "committed",
                        "removeTenant",
                        "request: DELETE /admin/tenants/acme -&gt; 204 (matched by request id)"));
    assertThat(entries)
        .anySatisfy(
            e ->
                assertThat(e)
                    .contains("anomalous", "!NO-WHERE", "rolled back", "removeEverything"));
    assertThat(entries).anySatisfy(e -> assertThat(e).contains("kind-rollback", "!ROLLBACK"));
    assertThat(entries)
        .anySatisfy(e -> assertThat(e).contains("kind-http", "GET /health -&gt; 200"));
    assertThat(entries)
        .anySatisfy(e -> assertThat(e).contains("retention: invoices older than 10 years"));
    // !NO-WHERE and !ROLLBACK, and !TX-MASS on both outcomes: 150 and 300 rows of customer reach
    // the default --many-rows (100, the audit logger's rowThreshold).
    assertThat(entries).anySatisfy(e -> assertThat(e).contains("kind-commit", "!TX-MASS"));
    assertThat(rendered)
        .contains("+01:00")
        .contains("8 entries, 570 rows deleted (final counts), 8 anomaly marker(s)");
    // The incident summary opens the page: final rows per request, outcome, context, request.
    assertThat(rendered)
        .contains("3 request(s) or transaction(s) that deleted at least 100 rows (final counts)")
        .contains(
            "committed  <span class=\"rows\">customer 150 (150 rows)</span>  requestId=req-1"
                + " tenant=acme  request DELETE /admin/tenants/acme -&gt; 204 (matched by request id)")
        .contains("rolled back  <span class=\"rows\">customer 300 (300 rows)</span>");
    // The requests' big deletes are marked as the anomaly; the @MassDelete purge is not.
    assertThat(entries)
        .anySatisfy(e -> assertThat(e).contains("!REQUEST", "removeTenant"))
        .noneSatisfy(e -> assertThat(e).contains("!REQUEST", "retention: invoices"));
    assertThat(rendered).contains("class=\"bar\"").contains("id=\"f-anomalies\"");
  }

  /**
   * Column headers, and at 1400 px and at 800 px nothing wider than the window: a mass delete by
   * {@code id IN (?,?,...)} with 200 parameters (recorded by the real audit logger on H2) wraps
   * inside its entry, and every entry's call-site column stays on screen at a readable width. The
   * page is measured by the browser: a copy of the page gets a script that reports the layout.
   */
  @ParameterizedTest(name = "{0} px wide")
  @ValueSource(ints = {1400, 800})
  void longStatementsWrapAndTheCallSiteColumnStaysOnScreen(int width) throws Exception {
    Path chromium = chromiumOrSkip();
    String page =
        Files.readString(timelinePage(IncidentLogs.incident(dir), CustomerPurge.log(dir, 200)));
    assertThat(page).contains(CustomerPurge.IN_200);
    Path probed = dir.resolve("probed.html");
    Files.writeString(probed, page.replace("</body>", LAYOUT_PROBE + "</body>"));

    String rendered = dumpDom(chromium, probed, width);
    Matcher m = Pattern.compile("<pre id=\"layout\">([A-Za-z0-9+/=]+)</pre>").matcher(rendered);
    assertThat(m.find()).as("the layout probe's report in %s", rendered).isTrue();
    JsonNode layout = JsonTimeline.MAPPER.readTree(Base64.getDecoder().decode(m.group(1)));
    String report = layout.toPrettyString();

    assertThat(layout.get("viewport").asInt()).as(report).isBetween(width - 20, width);
    assertThat(layout.get("headers").toString())
        .as(report)
        .isEqualTo(
            "[\"Time\",\"Host\",\"Kind\",\"Table\",\"Rows\",\"Outcome\","
                + "\"Call site, request or transaction\"]");
    assertThat(layout.get("pageWidth").asInt())
        .as(report)
        .isEqualTo(layout.get("viewport").asInt());
    assertThat(layout.get("offScreen")).as(report).isEmpty();
    assertThat(layout.get("overflowing")).as(report).isEmpty();
    assertThat(layout.get("entries").asInt()).as(report).isEqualTo(9);
    // The call-site column: on screen and at least 300 px wide in every entry and the header.
    assertThat(layout.get("whatLeft").asInt()).as(report).isGreaterThanOrEqualTo(0);
    assertThat(layout.get("whatRight").asInt())
        .as(report)
        .isLessThanOrEqualTo(layout.get("viewport").asInt());
    assertThat(layout.get("whatMinWidth").asInt()).as(report).isGreaterThanOrEqualTo(300);
    // The 200-parameter statement is shown, wrapped over several lines within its entry.
    assertThat(layout.get("longQueryLines").asInt()).as(report).isGreaterThan(1);
  }

  /**
   * Reports, base64-encoded JSON in {@code <pre id="layout">}, what the page looks like: the column
   * headers, the widths of page and viewport, cells reaching past the viewport, cells whose text
   * overflows them, and where the call-site column ({@code .what}) is in every row.
   */
  private static final String LAYOUT_PROBE =
      """
      <script>
      "use strict";
      (() => {
        const vw = document.documentElement.clientWidth;
        const describe = n => n.className + ": " + n.textContent.slice(0, 60);
        const cells = [...document.querySelectorAll("#columns > *, li.entry > *")];
        const whats = [...document.querySelectorAll("#columns > .what, li.entry > .what")];
        const query = [...document.querySelectorAll("li.entry > .details")]
          .find(d => d.textContent.includes("?,?,?"));
        const lineHeight = query ? parseFloat(getComputedStyle(query).lineHeight) : 0;
        const report = {
          viewport: vw,
          pageWidth: document.documentElement.scrollWidth,
          headers: [...document.querySelectorAll("#columns > *")].map(n => n.textContent),
          entries: document.querySelectorAll("li.entry").length,
          offScreen: cells.filter(n => { const r = n.getBoundingClientRect();
            return r.left < 0 || r.right > vw + 0.5; }).map(describe),
          overflowing: cells.filter(n => n.scrollWidth > n.clientWidth + 1).map(describe),
          whatLeft: Math.min(...whats.map(n => n.getBoundingClientRect().left)),
          whatRight: Math.max(...whats.map(n => n.getBoundingClientRect().right)),
          whatMinWidth: Math.min(...whats.map(n => n.getBoundingClientRect().width)),
          longQueryLines: query ? Math.round(query.getBoundingClientRect().height / lineHeight) : 0,
        };
        const pre = document.createElement("pre");
        pre.id = "layout";
        pre.textContent = btoa(JSON.stringify(report));
        document.body.appendChild(pre);
      })();
      </script>
      """;

  /** The page as Chromium rendered it, scripts run, in a window {@code width} pixels wide. */
  @Test
  void traceIdsLinkToTheTracingSystem() throws Exception {
    Path chromium = chromiumOrSkip();
    TraceTimelineTest.Traced t = TraceTimelineTest.tracedLog(dir);
    Path html = dir.resolve("traced.html");
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            t.log().toString(),
            "--trace-url",
            "https://tracing.example/trace/{trace_id}?span={span_id}",
            "--format",
            "html",
            "-o",
            html.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    String rendered = dumpDom(chromium, html, 1400);
    List<String> entries = Stream.of(rendered.split("<li class=\"row entry")).skip(1).toList();
    assertThat(entries)
        .hasSize(2)
        .allSatisfy(
            e ->
                assertThat(e)
                    .contains("trace: " + t.traceId() + " span " + t.spanId())
                    .contains("<a href=\"" + t.url() + "\""));
    // the incident summary links the trace too
    assertThat(rendered)
        .contains(
            "<span class=\"trace\">trace <a href=\""
                + t.url()
                + "\">"
                + t.traceId()
                + "</a></span>");
  }

  private String dumpDom(Path chromium, Path html, int width) throws Exception {
    Path profile = Files.createDirectories(dir.resolve("profile-" + width));
    Path err = dir.resolve("chromium-" + width + ".err");
    Process p =
        new ProcessBuilder(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--window-size=" + width + ",1000",
                "--user-data-dir=" + profile,
                "--dump-dom",
                html.toUri().toString())
            .redirectError(err.toFile())
            .start();
    byte[] dom = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String rendered = new String(dom, StandardCharsets.UTF_8);
    assertThat(rendered).as(Files.readString(err)).contains("<ol id=\"timeline\">");
    return rendered;
  }

  /**
   * A purge by ids, as an ORM or a Spring Data {@code deleteAllByIdInBatch} writes it: one {@code
   * IN} with a placeholder per id, recorded by the real audit logger.
   */
  static final class CustomerPurge {
    static final String IN_200 = "(" + String.join(",", Collections.nCopies(200, "?")) + ")";

    static Path log(Path dir, int ids) throws Exception {
      Path log = dir.resolve("purge");
      JdbcDataSource h2 = new JdbcDataSource();
      h2.setURL("jdbc:h2:mem:" + dir.getFileName() + "-purge;DB_CLOSE_DELAY=-1");
      try (Connection c = h2.getConnection();
          Statement s = c.createStatement()) {
        s.execute("create table customer (id int primary key)");
        s.execute("insert into customer select x from system_range(1, " + ids + ")");
      }
      try (AuditedDataSource ds =
          AuditedDataSource.builder(h2)
              .logDirectory(log)
              .rowThreshold(100)
              .clock(Clock.fixed(IncidentLogs.INCIDENT_START.plusSeconds(60), ZoneOffset.UTC))
              .build()) {
        new CustomerPurge().purge(ds, ids);
      }
      return log;
    }

    void purge(DataSource ds, int ids) throws SQLException {
      String in = "(" + String.join(",", Collections.nCopies(ids, "?")) + ")";
      try (Connection c = ds.getConnection();
          PreparedStatement p = c.prepareStatement("delete from customer where id in " + in)) {
        for (int i = 1; i <= ids; i++) {
          p.setInt(i, i);
        }
        p.executeUpdate();
      }
    }
  }
}
