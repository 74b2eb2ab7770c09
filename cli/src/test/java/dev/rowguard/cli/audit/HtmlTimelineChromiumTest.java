package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.rowguard.cli.report.CliRun;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void timelineRendersTheIncidentWithMarkersAndNoNetwork() throws Exception {
    Optional<Path> chromium = chromium();
    assumeTrue(
        chromium.isPresent(),
        "chromium is not installed (apt-get install chromium): the HTML timeline was not rendered");
    IncidentLogs.Incident incident = IncidentLogs.incident(dir);
    Path html = dir.resolve("timeline.html");
    CliRun r =
        CliRun.run(
            "audit",
            "timeline",
            incident.log().toString(),
            "--access-log",
            incident.accessLog().toString(),
            "--format",
            "html",
            "-o",
            html.toString(),
            "--zone",
            "Europe/Berlin");
    assertThat(r.exit()).as(r.err()).isZero();
    String page = Files.readString(html);
    assertThat(page).doesNotContain("http://", "https://", "src=", "<link");

    Path profile = Files.createDirectories(dir.resolve("profile"));
    Process p =
        new ProcessBuilder(
                chromium.get().toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--dump-dom",
                html.toUri().toString())
            .redirectError(dir.resolve("chromium.err").toFile())
            .start();
    byte[] dom = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String rendered = new String(dom, StandardCharsets.UTF_8);
    assertThat(rendered)
        .as(Files.readString(dir.resolve("chromium.err")))
        .contains("<li class=\"entry");

    List<String> entries = Stream.of(rendered.split("<li class=\"entry")).skip(1).toList();
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
        .contains("8 entries, 570 rows in recorded deletes, 4 anomaly marker(s)");
    assertThat(rendered).contains("class=\"bar\"").contains("id=\"f-anomalies\"");
  }
}
