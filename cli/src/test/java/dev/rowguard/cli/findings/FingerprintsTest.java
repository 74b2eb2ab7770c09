package dev.rowguard.cli.findings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.rowguard.cli.fixture.ReportFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintsTest {

  @Test
  void javacAndMavenOutputOfTheSameCodeGiveTheSameFindings() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    SourceRoot root = new SourceRoot(fixture.dir());

    List<TrackedFinding> maven =
        Fingerprints.track(root.locate(BuildLogParser.parse(fixture.mavenLog())));
    List<TrackedFinding> javac =
        Fingerprints.track(root.locate(BuildLogParser.parse(fixture.javacLog())));
    List<TrackedFinding> forked =
        Fingerprints.track(root.locate(BuildLogParser.parse(fixture.forkedMavenLog())));

    // Maven's tab-expanded column of the tab-indented line is mapped back to characters too.
    assertThat(maven)
        .containsExactlyInAnyOrderElementsOf(javac)
        .containsExactlyInAnyOrderElementsOf(forked);
    assertThat(maven).extracting(t -> t.finding().path()).containsOnly(ReportFixture.SOURCE);
  }

  @Test
  void identicalFlaggedLinesAreToldApartByOrder() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    List<TrackedFinding> tracked =
        Fingerprints.track(
            new SourceRoot(fixture.dir()).locate(BuildLogParser.parse(fixture.mavenLog())));

    List<TrackedFinding> contains =
        tracked.stream()
            .filter(t -> t.finding().check().equals("CollectionIncompatibleType"))
            .toList();
    assertThat(contains)
        .extracting(t -> t.finding().sourceLine())
        .containsOnly("    return ids.contains(id);");
    assertThat(contains).extracting(TrackedFinding::fingerprint).doesNotHaveDuplicates().hasSize(2);
  }

  @Test
  void fingerprintsIgnoreLineNumbersAndWhitespace() {
    Finding before = finding(10, "    return ids.contains(id);");
    Finding movedAndReindented = finding(42, "\t\treturn  ids.contains(id);  ");

    assertThat(Fingerprints.track(List.of(before)).get(0).fingerprint())
        .isEqualTo(Fingerprints.track(List.of(movedAndReindented)).get(0).fingerprint());
    assertThat(
            Fingerprints.track(List.of(finding(10, "    return ids.remove(id);")))
                .get(0)
                .fingerprint())
        .isNotEqualTo(Fingerprints.track(List.of(before)).get(0).fingerprint());
  }

  @Test
  void mavenColumnsCountTabsAsJavacDoes() {
    assertThat(SourceRoot.characterColumn("\treturn a.equals(b);", 24)).isEqualTo(17);
    assertThat(SourceRoot.characterColumn("  \t x", 10)).isEqualTo(5);
    assertThat(SourceRoot.characterColumn("    n = n;", 7)).isEqualTo(7);
  }

  @Test
  void pathsOutsideTheRootStayAbsolute(@org.junit.jupiter.api.io.TempDir Path root) {
    Finding elsewhere =
        new Finding("X", Severity.WARNING, "/elsewhere/A.java", 3, 5, false, "m", null, null, null);
    Finding relative =
        new Finding("X", Severity.WARNING, "src/./A.java", 3, 5, false, "m", null, null, null);

    assertThat(new SourceRoot(root).locate(List.of(elsewhere, relative)))
        .extracting(Finding::path, Finding::column)
        .containsExactly(tuple("/elsewhere/A.java", 5), tuple("src/A.java", 5));
  }

  private static Finding finding(int line, String source) {
    return new Finding(
        "CollectionIncompatibleType",
        Severity.WARNING,
        "src/A.java",
        line,
        5,
        false,
        "m",
        null,
        null,
        source);
  }
}
