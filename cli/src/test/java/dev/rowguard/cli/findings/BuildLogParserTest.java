package dev.rowguard.cli.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rowguard.annotations.RowguardDocs;
import dev.rowguard.cli.fixture.ReportFixture;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Parses real Maven and javac output of the fixture project (see {@link ReportFixture}). */
class BuildLogParserTest {

  /** The checks the fixture triggers; checks added to the checker module later may add more. */
  private static final Set<String> FIXTURE_CHECKS =
      Set.of(
          "FieldCanBeFinal",
          "CollectionIncompatibleType",
          "EqualsIncompatibleType",
          "FixtureDeleteAll",
          "SelfAssignment");

  @Test
  void javacLintWarningsAndCompilerNoiseAreNotFindings() throws Exception {
    List<Finding> maven = BuildLogParser.parse(ReportFixture.original().mavenLog());
    List<Finding> javac = BuildLogParser.parse(ReportFixture.original().javacLog());

    assertThat(maven).extracting(Finding::check).doesNotContain("rawtypes");
    assertThat(javac).extracting(Finding::check).doesNotContain("rawtypes");
    assertThat(maven)
        .extracting(Finding::message)
        .noneMatch(m -> m.contains("raw type") || m.contains("Help 1"));
    assertThat(javac).extracting(Finding::message).noneMatch(m -> m.contains("type-variable"));
  }

  @Test
  void mavenOutput() throws Exception {
    List<Finding> findings = fixtureFindings(ReportFixture.original().mavenLog());

    assertThat(findings)
        .extracting(Finding::check, Finding::severity, Finding::line, Finding::column)
        .containsExactly(
            tuple("FieldCanBeFinal", Severity.NOTE, 8, 15),
            tuple("CollectionIncompatibleType", Severity.WARNING, 15, 24),
            tuple("CollectionIncompatibleType", Severity.WARNING, 19, 24),
            // javac expands the tab to 8 columns in the column Maven prints
            tuple("EqualsIncompatibleType", Severity.WARNING, 23, 24),
            tuple("FixtureDeleteAll", Severity.WARNING, 27, 20),
            tuple("SelfAssignment", Severity.ERROR, 32, 7));
    assertThat(findings)
        .allSatisfy(
            f -> {
              assertThat(f.path()).endsWith("/" + ReportFixture.SOURCE).startsWith("/");
              assertThat(f.sourceLine()).isNull(); // Maven does not print it
              assertThat(f.columnExpandsTabs()).isTrue();
            });
  }

  @Test
  void forkedMavenOutput() throws Exception {
    List<Finding> findings = fixtureFindings(ReportFixture.original().forkedMavenLog());

    // Maven prints a forked javac's columns 0-based and without expanding tabs; rowguard adds one.
    // It logs the note as an ERROR, with javac's "Note:" kept in the message.
    assertThat(findings)
        .extracting(
            Finding::check,
            Finding::severity,
            Finding::line,
            Finding::column,
            Finding::columnExpandsTabs)
        .containsExactlyInAnyOrder(
            tuple("FieldCanBeFinal", Severity.NOTE, 8, 15, false),
            tuple("CollectionIncompatibleType", Severity.WARNING, 15, 24, false),
            tuple("CollectionIncompatibleType", Severity.WARNING, 19, 24, false),
            tuple("EqualsIncompatibleType", Severity.WARNING, 23, 17, false),
            tuple("FixtureDeleteAll", Severity.WARNING, 27, 20, false),
            tuple("SelfAssignment", Severity.ERROR, 32, 7, false));
    assertThat(only(findings, "SelfAssignment").message()).isEqualTo("Variable assigned to itself");
    assertThat(only(findings, "FixtureDeleteAll").message())
        .isEqualTo(
            "deleteAll() removes every row of the table.\nDelete by id, or confirm that every row must go.");
  }

  @Test
  void javacOutput() throws Exception {
    List<Finding> findings = fixtureFindings(ReportFixture.original().javacLog());

    assertThat(findings)
        .extracting(
            Finding::check, Finding::severity, Finding::line, Finding::column, Finding::sourceLine)
        .containsExactly(
            tuple("FieldCanBeFinal", Severity.NOTE, 8, 15, "  private int synced = 0;"),
            tuple(
                "CollectionIncompatibleType",
                Severity.WARNING,
                15,
                24,
                "    return ids.contains(id);"),
            tuple(
                "CollectionIncompatibleType",
                Severity.WARNING,
                19,
                24,
                "    return ids.contains(id);"),
            tuple("EqualsIncompatibleType", Severity.WARNING, 23, 17, "\treturn a.equals(b);"),
            tuple("FixtureDeleteAll", Severity.WARNING, 27, 20, "    store.deleteAll();"),
            tuple("SelfAssignment", Severity.ERROR, 32, 7, "    n = n;"));
  }

  @Test
  void mavenPrintsErrorFindingsTwiceAndTheyAreReportedOnce() throws Exception {
    String log = ReportFixture.original().mavenLog();

    assertThat(Pattern.compile("\\[SelfAssignment]").matcher(log).results().count()).isEqualTo(2);
    assertThat(BuildLogParser.parse(log))
        .filteredOn(f -> f.check().equals("SelfAssignment"))
        .hasSize(1)
        .first()
        .satisfies(
            f -> {
              assertThat(f.message()).isEqualTo("Variable assigned to itself");
              assertThat(f.suggestion()).isEqualTo("Did you mean 'this.synced = n;'?");
            });
  }

  @Test
  void aMessageThatSpansLinesStaysWhole() throws Exception {
    for (String log :
        List.of(ReportFixture.original().mavenLog(), ReportFixture.original().javacLog())) {
      Finding f = only(BuildLogParser.parse(log), "FixtureDeleteAll");

      assertThat(f.message())
          .isEqualTo(
              "deleteAll() removes every row of the table.\nDelete by id, or confirm that every row must go.");
      assertThat(f.link()).isEqualTo(RowguardDocs.CHECKS + "FixtureDeleteAll.md");
      assertThat(f.isRowguard()).isTrue();
      assertThat(f.suggestion()).isEqualTo("Did you mean '/* every row */ store.deleteAll();'?");
    }
  }

  @Test
  void stockChecksLinkErrorProneDocs() throws Exception {
    Finding f =
        only(BuildLogParser.parse(ReportFixture.original().mavenLog()), "EqualsIncompatibleType");

    assertThat(f.link()).isEqualTo("https://errorprone.info/bugpattern/EqualsIncompatibleType");
    assertThat(f.isRowguard()).isFalse();
    assertThat(f.suggestion()).isNull();
  }

  @Test
  void colourTimestampsAndWindowsLineEndingsDoNotMatter() throws Exception {
    String log = ReportFixture.original().mavenLog();
    // Maven's colours without -B, a CI service's timestamp before every line, CRLF line ends.
    String decorated =
        log.lines()
            .map(
                l ->
                    l.replace("[WARNING]", "[\u001B[1;33mWARNING\u001B[m]")
                        .replace("[ERROR]", "[\u001B[1;31mERROR\u001B[m]"))
            .map(l -> "2026-01-02T03:04:05.6789012Z " + l)
            .reduce("", (a, b) -> a + b + "\r\n");

    assertThat(BuildLogParser.parse(decorated)).isEqualTo(BuildLogParser.parse(log));
  }

  @Test
  void emptyOrForeignTextHasNoFindings() {
    assertThat(BuildLogParser.parse("")).isEmpty();
    assertThat(BuildLogParser.parse("[INFO] BUILD SUCCESS\nsome text:12: not a diagnostic\n"))
        .isEmpty();
  }

  private static List<Finding> fixtureFindings(String log) {
    return BuildLogParser.parse(log).stream()
        .filter(f -> FIXTURE_CHECKS.contains(f.check()))
        .toList();
  }

  private static Finding only(List<Finding> findings, String check) {
    return findings.stream()
        .filter(f -> f.check().equals(check))
        .reduce(
            (a, b) -> {
              throw new AssertionError("more than one " + check);
            })
        .orElseThrow();
  }
}
