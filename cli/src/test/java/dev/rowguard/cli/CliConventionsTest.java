package dev.rowguard.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.cli.fixture.ReportFixture;
import dev.rowguard.cli.report.CliRun;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviours of issue 10's report/baseline, messages and help items, and issue 11's
 * conventions.
 */
class CliConventionsTest {

  @TempDir Path dir;

  private static String log() throws Exception {
    return ReportFixture.original().mavenLogFile().toString();
  }

  private static String root() throws Exception {
    return ReportFixture.original().dir().toString();
  }

  @Test
  void reportConvertsByDefaultAndGatesOnlyWhenAskedSayingWhy() throws Exception {
    CliRun convert =
        CliRun.run(
            "report",
            "--root",
            root(),
            "--format",
            "sarif",
            "-o",
            dir.resolve("r.sarif").toString(),
            log());
    assertThat(convert.exit()).as(convert.err()).isZero();
    assertThat(convert.err()).isEmpty();

    CliRun gate = CliRun.run("report", "--root", root(), "--fail-on", "warning", log());
    assertThat(gate.exit()).isEqualTo(1);
    assertThat(gate.err())
        .matches(
            "rowguard report: \\d+ findings? at warning or above; failing because of --fail-on warning\\n");
    assertThat(CliRun.run("report", "--root", root(), "--fail-on", "none", log()).exit()).isZero();
  }

  @Test
  void inputWithoutCompilerOutputIsExitTwoButACleanBuildLogIsExitZero() throws Exception {
    Path readme = Files.writeString(dir.resolve("README.md"), "# hello\nsome text\n");
    Path empty = Files.write(dir.resolve("empty.log"), new byte[0]);
    Path binary =
        Files.write(dir.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
    for (Path p : new Path[] {readme, empty, binary}) {
      CliRun r = CliRun.run("report", "--root", root(), p.toString());
      assertThat(r.exit()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "rowguard report: no compiler output found in "
                  + p
                  + ": pass the log of a javac or Maven build\n");
    }
    Path clean =
        Files.writeString(
            dir.resolve("clean.log"),
            "[INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ app ---\n"
                + "[INFO] Compiling 3 source files with javac [debug target 17] to target/classes\n[INFO] BUILD SUCCESS\n");
    CliRun r = CliRun.run("report", "--root", root(), "--fail-on", "warning", clean.toString());
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void devZeroIsExitTwoNotOutOfMemory() throws Exception {
    CliRun r = CliRun.run("report", "--root", root(), "/dev/zero");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("/dev/zero: line 1 is longer than").hasLineCount(1);
  }

  @Test
  void badChecksAndKindsAreRejectedListingWhatIsValid() throws Exception {
    assertThat(CliRun.run("report", "--root", root(), "--checks", "", log()).err())
        .contains("'' is not a check name");
    assertThat(CliRun.run("report", "--root", root(), "--checks", "no such", log()).exit())
        .isEqualTo(2);
    CliRun unknown = CliRun.run("report", "--root", root(), "--checks", "NoSuchCheck", log());
    assertThat(unknown.exit()).isZero();
    assertThat(unknown.err())
        .contains(
            "--checks NoSuchCheck: no finding of this check in the input; its findings are of ")
        .contains("SelfAssignment");
    CliRun kind = CliRun.run("audit", "timeline", dir.toString(), "--kind", "bogus");
    assertThat(kind.exit()).isEqualTo(2);
    assertThat(kind.err())
        .contains("'bogus' is not a kind; use log_open, delete, truncate, tx_aggregate");
  }

  @Test
  void onATerminalWithoutAFileSayWhatIsExpected() throws Exception {
    Path baseline = dir.resolve("baseline.json");
    CliRun report = CliRun.onTerminal("report", "--root", root());
    CliRun create =
        CliRun.onTerminal("baseline", "create", "--root", root(), "-o", baseline.toString());
    assertThat(report.exit()).isEqualTo(2);
    assertThat(report.err()).contains("no build log given");
    assertThat(create.exit()).isEqualTo(2);
    assertThat(baseline).doesNotExist();
  }

  @Test
  void outputProblemsHaveDistinctReasons() throws Exception {
    String proc = CliRun.run("report", "--root", root(), "-o", "/proc/rowguard-x", log()).err();
    String missing =
        CliRun.run("report", "--root", root(), "-o", "/nonexistent/dir/x", log()).err();
    String directory = CliRun.run("report", "--root", root(), "-o", dir.toString(), log()).err();
    assertThat(proc).contains("/proc does not accept new files");
    assertThat(missing).contains("directory /nonexistent/dir does not exist");
    assertThat(directory).contains(dir + " is a directory");
    assertThat(CliRun.run("audit", "verify", "/dev/null").err())
        .contains("/dev/null is not a file or directory");
    assertThat(CliRun.run("report", "--root", root(), "--baseline", dir.toString(), log()).err())
        .contains(dir.toString());
  }

  @Test
  void optionMessagesNameTheOption() throws Exception {
    Path audit =
        dev.rowguard.cli.audit.IncidentLogsAccess.host(dir, Instant.parse("2026-11-21T13:00:00Z"));
    assertThat(CliRun.run("audit", "timeline", audit.toString(), "--context", "tenant").err())
        .doesNotContain("option option");
    assertThat(CliRun.run("audit", "timeline", audit.toString(), "--min-rows", "-1").err())
        .contains("--min-rows -1");
    assertThat(CliRun.run("audit", "timeline", audit.toString(), "--many-rows", "0").err())
        .contains("--many-rows 0");
    assertThat(CliRun.run("audit", "timeline", audit.toString(), "--match-window", "-2").err())
        .contains("--match-window -2");
    String verify = CliRun.run("audit", "verify", audit.toString()).out();
    assertThat(verify).doesNotContain("MB/s").doesNotContain("0.0 MB");
  }

  @Test
  void helpAndVersion() {
    String audit = CliRun.run("audit", "--help").out();
    String commands = audit.substring(audit.indexOf("Commands:"));
    assertThat(commands.lines().skip(1).filter(l -> l.startsWith("  ") && !l.startsWith("    ")))
        .hasSize(4)
        .allMatch(l -> !l.strip().isEmpty());
    assertThat(commands.replaceAll("\\n\\s+", " ").lines().skip(1))
        .allMatch(l -> l.strip().endsWith("."));
    assertThat(CliRun.run("help", "audit", "timeline").out())
        .startsWith("Usage: rowguard audit timeline");
    assertThat(CliRun.run("--version").out())
        .contains("commit: ")
        .containsPattern("built against Error Prone \\d");
  }

  @Test
  void eventIsImmutable() throws Exception {
    for (Field f : Class.forName("dev.rowguard.cli.audit.Event").getDeclaredFields()) {
      assertThat(Modifier.isFinal(f.getModifiers())).as(f.getName()).isTrue();
      assertThat(f.getType().getName()).as(f.getName()).doesNotContain("Transactions");
    }
  }
}
