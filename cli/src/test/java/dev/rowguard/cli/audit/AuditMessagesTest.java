package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.cli.report.CliRun;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one line a user reads when something is off says what is wrong with which argument, and the
 * help says whole sentences: the cases a new user met (issue "Green on any day").
 */
class AuditMessagesTest {

  @TempDir Path dir;

  private Path log() throws Exception {
    return IncidentLogs.host(dir, "app-1", Instant.parse("2026-11-21T13:00:00Z"));
  }

  private static String fails(String... args) {
    CliRun r = CliRun.run(args);
    assertThat(r.exit()).as(r.err()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    return r.err();
  }

  @Test
  void anOutputThatCannotBeWrittenSaysWhy() throws Exception {
    String log = log().toString();
    assertThat(fails("audit", "timeline", log, "-o", "/proc/x"))
        .contains("/proc/x")
        .doesNotContain("does not exist");
    assertThat(fails("audit", "timeline", log, "-o", dir.resolve("no/such/dir/x").toString()))
        .contains("directory " + dir.resolve("no/such/dir") + " does not exist");
  }

  @Test
  void aDeviceOrADirectoryWithoutLogsIsNamed() throws Exception {
    assertThat(fails("audit", "verify", "/dev/null"))
        .contains("/dev/null is not a file or directory");
    assertThat(fails("audit", "verify", dir.toString())).contains(dir.toString());
  }

  @Test
  void eachRangeMessageNamesItsOption() throws Exception {
    String log = log().toString();
    assertThat(fails("audit", "timeline", log, "--min-rows", "-1"))
        .contains("--min-rows -1 is out of range");
    assertThat(fails("audit", "timeline", log, "--many-rows", "0"))
        .contains("--many-rows 0 is out of range");
    assertThat(fails("audit", "timeline", log, "--match-window", "-5"))
        .contains("--match-window -5 is out of range");
  }

  @Test
  void aMapOptionWithoutItsValueSaysOptionOnce() throws Exception {
    assertThat(fails("audit", "timeline", log().toString(), "--context", "tenant"))
        .contains("'--context'")
        .doesNotContain("option option");
  }

  @Test
  void aTinyLogIsNotReportedAtZeroMegabytesPerSecond() throws Exception {
    CliRun r = CliRun.run("audit", "verify", log().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .doesNotContain("0.0 MB")
        .doesNotContain("(0 MB/s)")
        .containsPattern("\\d+(\\.\\d)? KB");
  }

  @Test
  void helpShowsWholeSummariesAndTheHelpOfAnyCommand() {
    CliRun audit = CliRun.run("audit", "--help");
    assertThat(audit.exit()).isZero();
    for (String line : audit.out().lines().toList()) {
      if (line.matches("  (verify|timeline|stats) .*")) {
        assertThat(line.strip()).as("summary of " + line).doesNotEndWith(",");
      }
    }
    assertThat(audit.out()).contains("timeline.").contains("day.");

    CliRun timeline = CliRun.run("help", "audit", "timeline");
    assertThat(timeline.exit()).isZero();
    assertThat(timeline.out()).startsWith("Usage: rowguard audit timeline");
  }

  @Test
  void versionNamesTheBuild() {
    CliRun r = CliRun.run("--version");
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .startsWith("rowguard ")
        .contains("commit: ")
        .contains("built against Error Prone ");
  }
}
