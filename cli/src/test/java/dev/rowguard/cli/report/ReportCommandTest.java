package dev.rowguard.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.annotations.RowguardDocs;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.findings.TrackedFinding;
import dev.rowguard.cli.fixture.ReportFixture;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code rowguard report} on real Maven output of the fixture project. */
class ReportCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void githubWorkflowCommandsMostSevereFirstWithASummary() throws Exception {
    List<String> lines = report("--format", "github", "--fail-on", "none").out().lines().toList();

    assertThat(lines.get(0))
        .startsWith(
            "::error file="
                + ReportFixture.SOURCE
                + ",line=32,col=7,title=SelfAssignment::"
                + "Variable assigned to itself%0ADid you mean 'this.synced = n;'?%0ASee https://errorprone.info/bugpattern/SelfAssignment");
    assertThat(lines)
        .contains(
            "::warning file="
                + ReportFixture.SOURCE
                + ",line=27,col=20,title=FixtureDeleteAll::"
                + "deleteAll() removes every row of the table.%0ADelete by id, or confirm that every row must go.%0A"
                + "Did you mean '/* every row */ store.deleteAll();'?%0ASee "
                + RowguardDocs.CHECKS
                + "FixtureDeleteAll.md");
    List<String> kinds =
        lines.stream()
            .filter(l -> l.startsWith("::"))
            .map(l -> l.substring(2, l.indexOf(' ')))
            .toList();
    assertThat(kinds)
        .isSortedAccordingTo((a, b) -> Integer.compare(rank(a), rank(b)))
        .endsWith("notice");
    assertThat(lines.get(lines.size() - 1)).startsWith("rowguard: ").contains("1 error", "1 note");
  }

  @Test
  void githubSummarySaysWhenAnnotationsAreNotAllShown() throws Exception {
    List<TrackedFinding> eleven = new ArrayList<>();
    for (int line = 1; line <= 11; line++) {
      eleven.add(
          new TrackedFinding(
              new Finding("X", Severity.WARNING, "A.java", line, 1, false, "m", null, null, null),
              "f" + line));
    }
    StringWriter ten = new StringWriter();
    StringWriter more = new StringWriter();
    new GithubFormat().write(new Report(eleven.subList(0, 10), 0, List.of(), Path.of(".")), ten);
    new GithubFormat().write(new Report(eleven, 0, List.of(), Path.of(".")), more);

    assertThat(ten.toString()).endsWith("rowguard: 10 findings: 0 errors, 10 warnings, 0 notes\n");
    assertThat(more.toString())
        .endsWith(
            "rowguard: 11 findings: 0 errors, 11 warnings, 0 notes; GitHub shows 10"
                + " annotations of each kind per step and 50 per job, so not all are annotated: this log lists them all,"
                + " most severe first\n");
  }

  @Test
  void workflowCommandValuesAreEscaped() {
    assertThat(GithubFormat.property("a,b:c%d\ne")).isEqualTo("a%2Cb%3Ac%25d%0Ae");
    assertThat(GithubFormat.data("50% done: a,b\r\n")).isEqualTo("50%25 done: a,b%0D%0A");
  }

  @Test
  void gitlabCodeQuality() throws Exception {
    JsonNode issues = JSON.readTree(report("--format", "gitlab", "--fail-on", "none").out());

    assertThat(issues.isArray()).isTrue();
    assertThat(issues.findValuesAsText("fingerprint"))
        .hasSize(issues.size())
        .doesNotHaveDuplicates();
    for (JsonNode issue : issues) {
      assertThat(issue.get("description").asText()).isNotBlank();
      assertThat(issue.get("check_name").asText()).isNotBlank();
      assertThat(issue.get("severity").asText())
          .isIn("info", "minor", "major", "critical", "blocker");
      assertThat(issue.at("/location/path").asText()).isEqualTo(ReportFixture.SOURCE);
      assertThat(issue.at("/location/lines/begin").asInt()).isPositive();
    }
  }

  @Test
  void checkstyleXml() throws Exception {
    String xml = report("--format", "checkstyle", "--fail-on", "none").out();
    Document doc =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(new ByteArrayInputStream(xml.getBytes(UTF_8)));

    assertThat(doc.getDocumentElement().getTagName()).isEqualTo("checkstyle");
    NodeList files = doc.getElementsByTagName("file");
    assertThat(files.getLength()).isEqualTo(1);
    assertThat(((Element) files.item(0)).getAttribute("name")).isEqualTo(ReportFixture.SOURCE);
    List<String> sources = new ArrayList<>();
    NodeList errors = doc.getElementsByTagName("error");
    for (int i = 0; i < errors.getLength(); i++) {
      Element e = (Element) errors.item(i);
      sources.add(
          e.getAttribute("source")
              + "@"
              + e.getAttribute("line")
              + ":"
              + e.getAttribute("severity"));
    }
    assertThat(sources)
        .contains(
            "SelfAssignment@32:error", "FixtureDeleteAll@27:warning", "FieldCanBeFinal@8:info");
  }

  @Test
  void textGroupsByCheckUnderItsDocsLink() throws Exception {
    String text = report("--format", "text", "--checks", "FixtureDeleteAll").out();

    assertThat(text)
        .isEqualTo(
            "FixtureDeleteAll (1 warning)  "
                + RowguardDocs.CHECKS
                + "FixtureDeleteAll.md\n"
                + "  "
                + ReportFixture.SOURCE
                + ":27  deleteAll() removes every row of the table.\n"
                + "    Delete by id, or confirm that every row must go.\n"
                + "    Did you mean '/* every row */ store.deleteAll();'?\n"
                + "\n"
                + "1 finding: 0 errors, 1 warning, 0 notes\n");
  }

  @Test
  void onlyRowguardKeepsChecksThatLinkRowguardDocs() throws Exception {
    String text = report("--format", "text", "--only-rowguard").out();

    assertThat(text)
        .contains("FixtureDeleteAll (1 warning)  " + RowguardDocs.CHECKS + "FixtureDeleteAll.md\n")
        .doesNotContain("errorprone.info", "SelfAssignment", "CollectionIncompatibleType");
  }

  @Test
  void checksFilter() throws Exception {
    JsonNode json =
        JSON.readTree(
            report(
                    "--format",
                    "json",
                    "--checks",
                    "CollectionIncompatibleType,SelfAssignment",
                    "--fail-on",
                    "none")
                .out());

    assertThat(json.get("findings").findValuesAsText("check"))
        .containsExactly(
            "SelfAssignment", "CollectionIncompatibleType", "CollectionIncompatibleType");
    assertThat(json.at("/summary/error").asInt()).isEqualTo(1);
  }

  @Test
  void failOnDecidesTheExitCode() throws Exception {
    assertThat(report("--fail-on", "error").exit()).isEqualTo(1);
    assertThat(report("--fail-on", "none").exit()).isZero();
    assertThat(report("--checks", "CollectionIncompatibleType", "--fail-on", "error").exit())
        .isZero();
    assertThat(report("--checks", "CollectionIncompatibleType", "--fail-on", "warning").exit())
        .isEqualTo(1);
    assertThat(report("--checks", "FieldCanBeFinal", "--fail-on", "warning").exit()).isZero();
    assertThat(report("--checks", "FieldCanBeFinal", "--fail-on", "NOTE").exit()).isEqualTo(1);
  }

  @Test
  void readsStandardInput() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    CliRun fromStdin =
        CliRun.withInput(
            fixture.javacLog(), "report", "--format", "json", "--root", fixture.dir().toString());
    CliRun fromDash =
        CliRun.withInput(
            fixture.javacLog(),
            "report",
            "--format",
            "json",
            "--root",
            fixture.dir().toString(),
            "-");
    CliRun fromFile =
        CliRun.run(
            "report",
            "--format",
            "json",
            "--root",
            fixture.dir().toString(),
            fixture.javacLogFile().toString());

    assertThat(fromStdin.out())
        .isEqualTo(fromFile.out())
        .isEqualTo(fromDash.out())
        .contains("FixtureDeleteAll");
    assertThat(fromStdin.exit()).isZero();
  }

  @Test
  void warnsWhenMavenSkippedCompilingUpToDateCode() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    String incremental =
        fixture.mavenLog()
            + "[INFO] --- maven-compiler-plugin:3.14.0:compile (default-compile) @ other-module ---\n"
            + "[INFO] Nothing to compile - all classes are up to date.\n";

    CliRun run =
        CliRun.withInput(
            incremental, "report", "--root", fixture.dir().toString(), "--fail-on", "none");

    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .isEqualTo(
            "rowguard report: warning: in standard input Maven skipped compiling up-to-date code,"
                + " so its findings are not there; build from clean (mvn clean verify) for all of them\n");
    assertThat(
            CliRun.withInput(fixture.mavenLog(), "report", "--root", fixture.dir().toString())
                .err())
        .isEmpty();
  }

  @Test
  void writesToAFile(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("rowguard.sarif");
    CliRun run = report("--format", "sarif", "-o", out.toString());

    assertThat(run.out()).isEmpty();
    assertThat(JSON.readTree(Files.readString(out)).get("version").asText()).isEqualTo("2.1.0");
  }

  @Test
  void badInputGivesOneLineAndExitTwo(@TempDir Path dir) throws Exception {
    Path log = ReportFixture.original().mavenLogFile();
    Path corrupt = Files.writeString(dir.resolve("baseline.json"), "{ not json");

    assertOneLine(
        CliRun.run("report", dir.resolve("missing.log").toString()), "missing.log does not exist");
    assertOneLine(CliRun.run("report", dir.toString()), "is a directory");
    assertOneLine(
        CliRun.run("report", "--root", dir.resolve("nowhere").toString(), log.toString()),
        "not a directory");
    assertOneLine(
        CliRun.run("report", "--baseline", corrupt.toString(), log.toString()),
        "is not a rowguard baseline");
    assertOneLine(
        CliRun.run("report", "--baseline", dir.resolve("none.json").toString(), log.toString()),
        "rowguard baseline create");
    assertOneLine(
        CliRun.run("report", "-o", dir.resolve("no/such/dir/out.txt").toString(), log.toString()),
        "does not exist");
    CliRun badFormat = CliRun.run("report", "--format", "pdf", log.toString());
    assertThat(badFormat.exit()).isEqualTo(2);
    assertThat(badFormat.err())
        .contains(
            "'pdf' is not a format; use one of sarif, github, gitlab, checkstyle, json, text");
  }

  private static void assertOneLine(CliRun run, String expected) {
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).startsWith("rowguard report: ").contains(expected).hasLineCount(1);
    assertThat(run.out()).isEmpty();
  }

  private static int rank(String command) {
    return List.of("error", "warning", "notice").indexOf(command);
  }

  private static CliRun report(String... options) throws Exception {
    ReportFixture fixture = ReportFixture.original();
    List<String> args = new ArrayList<>(List.of("report", "--root", fixture.dir().toString()));
    args.addAll(List.of(options));
    args.add(fixture.mavenLogFile().toString());
    return CliRun.run(args.toArray(String[]::new));
  }
}
