package dev.rowguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.cli.fixture.ReportFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code report} and {@code baseline create} do with input that is not a build log, and how
 * {@code --fail-on} gates: converting succeeds, gating is asked for and says why.
 */
class ReportInputTest {

  @TempDir Path dir;

  @Test
  void convertingARealBuildLogSucceedsWhateverItFinds() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    CliRun r =
        CliRun.run(
            "report",
            "--root",
            fixture.dir().toString(),
            "--format",
            "sarif",
            "-o",
            dir.resolve("rowguard.sarif").toString(),
            fixture.mavenLogFile().toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(dir.resolve("rowguard.sarif")).isNotEmptyFile();
  }

  @Test
  void gatingIsExplicitAndSaysWhy() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    CliRun r =
        CliRun.run(
            "report",
            "--root",
            fixture.dir().toString(),
            "--fail-on",
            "warning",
            fixture.mavenLogFile().toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err())
        .containsPattern(
            "\\d+ findings? at warning or above; failing because of --fail-on warning");
  }

  @Test
  void aFileWithNoCompilerOutputIsAnErrorNotAGreenGate() throws Exception {
    Path readme = Files.writeString(dir.resolve("README.md"), "# a project\n\nSome text.\n");
    Path empty = Files.createFile(dir.resolve("empty.log"));
    Path binary =
        Files.write(dir.resolve("build.bin"), new byte[] {0, 1, 2, (byte) 0xff, 10, 0, 7});
    for (Path p : new Path[] {readme, empty, binary}) {
      CliRun r = CliRun.run("report", p.toString(), "--fail-on", "warning");
      assertThat(r.exit()).as(p.toString()).isEqualTo(2);
      assertThat(r.err())
          .isEqualTo(
              "rowguard report: no compiler output found in "
                  + p
                  + ": pass the log of a javac or Maven build\n");
    }
  }

  @Test
  void aRealBuildLogWithoutFindingsIsFine() throws Exception {
    Path log =
        Files.writeString(
            dir.resolve("clean.log"),
            String.join(
                "\n",
                "[INFO] --- compiler:3.14.0:compile (default-compile) @ app ---",
                "[INFO] Compiling 12 source files with javac [debug target 17] to target/classes",
                "[INFO] BUILD SUCCESS",
                ""));
    CliRun r = CliRun.run("report", log.toString(), "--fail-on", "warning");
    assertThat(r.exit()).as(r.err()).isZero();
  }

  @Test
  void anEndlessLineIsRefusedWithoutRunningOutOfMemory() throws Exception {
    CliRun r = CliRun.run("report", "/dev/zero");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("rowguard report: /dev/zero: line 1 is longer than");
  }

  @Test
  void standardInputIsReadOnlyFromAPipeOrDash() {
    CliRun report = CliRun.onTerminal("report");
    assertThat(report.exit()).isEqualTo(2);
    assertThat(report.err().lines()).hasSize(1);
    assertThat(report.err()).startsWith("rowguard report: ");

    CliRun baseline =
        CliRun.onTerminal("baseline", "create", "-o", dir.resolve("b.json").toString());
    assertThat(baseline.exit()).isEqualTo(2);
    assertThat(dir.resolve("b.json")).doesNotExist();
  }

  @Test
  void unknownValuesAreRejectedListingTheValidOnes() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    CliRun emptyCheck = CliRun.run("report", "--checks", "", fixture.mavenLogFile().toString());
    assertThat(emptyCheck.exit()).isEqualTo(2);
    assertThat(emptyCheck.err()).contains("'' is not a check name");

    CliRun format = CliRun.run("report", "--format", "pdf", fixture.mavenLogFile().toString());
    assertThat(format.exit()).isEqualTo(2);
    assertThat(format.err()).contains("sarif").contains("github").contains("checkstyle");

    CliRun failOn =
        CliRun.run("report", "--fail-on", "sometimes", fixture.mavenLogFile().toString());
    assertThat(failOn.exit()).isEqualTo(2);
    assertThat(failOn.err()).contains("warning").contains("none");
  }
}
