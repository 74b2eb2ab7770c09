package dev.rowguard.sample;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.cli.Rowguard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code rowguard report} and {@code rowguard baseline} on what javac really prints when it
 * compiles the sample application with rowguard, regenerated on every run.
 */
final class SampleReportTest {

  private static final String SOURCES_PREFIX = "src/main/java/";

  @TempDir static Path dir;
  private static Path buildLog;

  @BeforeAll
  static void compileTheSample() throws IOException {
    buildLog = dir.resolve("javac.log");
    Files.writeString(buildLog, SampleCompilation.printedOutput(dir.resolve("classes")), UTF_8);
  }

  @Test
  void sarifListsExactlyTheSamplesFindings() throws IOException {
    Path sarif = dir.resolve("rowguard.sarif");
    int exit =
        rowguard(
            "report",
            buildLog.toString(),
            "--format",
            "sarif",
            "--only-rowguard",
            "--root",
            ".",
            "--fail-on",
            "none",
            "-o",
            sarif.toString());
    assertThat(exit).isZero();

    List<String> reported = new ArrayList<>();
    for (JsonNode result :
        new ObjectMapper().readTree(sarif.toFile()).get("runs").get(0).get("results")) {
      JsonNode location = result.get("locations").get(0).get("physicalLocation");
      String uri = location.get("artifactLocation").get("uri").asText();
      assertThat(uri).startsWith(SOURCES_PREFIX);
      reported.add(
          uri.substring(SOURCES_PREFIX.length())
              + ":"
              + location.get("region").get("startLine").asInt()
              + ": "
              + result.get("ruleId").asText());
    }
    assertThat(reported.stream().sorted().toList())
        .containsExactlyElementsOf(SampleCompilation.expectedFindings());
  }

  @Test
  void aBaselineOfTheBuildLeavesNothingNewAndFailsOnNothing() {
    Path baseline = dir.resolve("rowguard-baseline.json");
    assertThat(
            rowguard(
                "baseline",
                "create",
                buildLog.toString(),
                "--only-rowguard",
                "--root",
                ".",
                "-o",
                baseline.toString()))
        .isZero();
    // Without the baseline every finding is new and fails --fail-on warning; with it, none.
    assertThat(
            rowguard(
                "report",
                buildLog.toString(),
                "--only-rowguard",
                "--root",
                ".",
                "--fail-on",
                "warning"))
        .isEqualTo(1);
    assertThat(
            rowguard(
                "report",
                buildLog.toString(),
                "--only-rowguard",
                "--root",
                ".",
                "--fail-on",
                "warning",
                "--baseline",
                baseline.toString()))
        .isZero();
  }

  /** The command as a CI job runs it: nothing on standard input, output to this JVM's streams. */
  private static int rowguard(String... args) {
    return Rowguard.run(
        new Rowguard.Stdin(java.io.InputStream.nullInputStream(), false),
        new java.io.PrintWriter(System.out, true),
        new java.io.PrintWriter(System.err, true),
        args);
  }
}
