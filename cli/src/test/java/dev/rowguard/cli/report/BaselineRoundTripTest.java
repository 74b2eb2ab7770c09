package dev.rowguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rowguard.annotations.RowguardDocs;
import dev.rowguard.cli.fixture.ReportFixture;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A baseline made from one real Maven build, then the code edited (lines shifted, one finding
 * fixed, one added) and built again: only the new finding is reported, the fixed one is stale.
 */
class BaselineRoundTripTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static ReportFixture original;
  private static ReportFixture edited;
  private static Path baseline;

  @BeforeAll
  static void buildBeforeAndAfterTheEdit() throws Exception {
    original = ReportFixture.original();
    baseline = original.dir().resolve("rowguard-baseline.json");
    CliRun create =
        CliRun.run(
            "baseline",
            "create",
            original.mavenLogFile().toString(),
            "--root",
            original.dir().toString(),
            "-o",
            baseline.toString());
    assertThat(create.exit()).as(create.err()).isZero();

    edited = ReportFixture.copy("edited");
    edited.edit(
        source ->
            source
                .replace(
                    "public class TenantSync {\n",
                    "public class TenantSync {\n  // Synced nightly from the CRM,\n  // which sends tenant ids as text.\n\n")
                .replace("\treturn a.equals(b);", "\treturn a.toString().equals(b);")
                .replace(
                    "  void wipe(Store store) {",
                    "  boolean forget(Set<UUID> ids, String id) {\n    return ids.remove(id);\n  }\n\n  void wipe(Store store) {"));
    edited.mavenLog();
  }

  @Test
  void baselineHoldsEveryFindingOnce() throws Exception {
    JsonNode json = JSON.readTree(baseline.toFile());

    assertThat(json.get("version").asInt()).isEqualTo(1);
    assertThat(json.get("findings").findValuesAsText("check"))
        .contains(
            "SelfAssignment", "FixtureDeleteAll", "CollectionIncompatibleType", "FieldCanBeFinal")
        .hasSize(
            json.get("findings").findValuesAsText("fingerprint").stream()
                .distinct()
                .toList()
                .size());
    assertThat(json.get("findings").findValuesAsText("path")).containsOnly(ReportFixture.SOURCE);
  }

  @Test
  void theUneditedBuildHasNothingNew() throws Exception {
    CliRun run =
        CliRun.run(
            "report",
            "--baseline",
            baseline.toString(),
            "--root",
            original.dir().toString(),
            original.mavenLogFile().toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out())
        .startsWith("0 findings: 0 errors, 0 warnings, 0 notes (")
        .doesNotContain("stale");
  }

  @Test
  void onlyTheNewFindingIsReportedAfterAnEditThatShiftsLines() throws Exception {
    CliRun run =
        CliRun.run(
            "report",
            "--format",
            "json",
            "--baseline",
            baseline.toString(),
            "--root",
            edited.dir().toString(),
            edited.mavenLogFile().toString());
    JsonNode json = JSON.readTree(run.out());

    assertThat(run.exit()).isZero();
    List<JsonNode> fresh = fixtureChecks(json.get("findings"));
    assertThat(fresh).hasSize(1);
    assertThat(fresh.get(0).get("check").asText()).isEqualTo("CollectionIncompatibleType");
    assertThat(fresh.get(0).get("line").asInt()).isEqualTo(30);
    assertThat(fresh.get(0).get("message").asText())
        .contains("Argument 'id' should not be passed to this method");
    List<JsonNode> stale = fixtureChecks(json.get("staleBaselineEntries"));
    assertThat(stale).hasSize(1);
    assertThat(stale.get(0).get("check").asText()).isEqualTo("EqualsIncompatibleType");
    assertThat(json.at("/summary/acceptedByBaseline").asInt())
        .isEqualTo(
            JSON.readTree(baseline.toFile()).get("findings").size()
                - json.get("staleBaselineEntries").size());
  }

  @Test
  void theNewFindingFailsOnlyAtItsSeverity() throws Exception {
    String[] args = {
      "report",
      "--baseline",
      baseline.toString(),
      "--root",
      edited.dir().toString(),
      edited.mavenLogFile().toString(),
      "--fail-on"
    };

    assertThat(CliRun.run(append(args, "warning")).exit()).isEqualTo(1);
    assertThat(CliRun.run(append(args, "error")).exit()).isZero();
  }

  @Test
  void textListsTheStaleEntrySoTheBaselineCanShrink() throws Exception {
    CliRun run =
        CliRun.run(
            "report",
            "--baseline",
            baseline.toString(),
            "--root",
            edited.dir().toString(),
            "--checks",
            "CollectionIncompatibleType,EqualsIncompatibleType",
            edited.mavenLogFile().toString());

    assertThat(run.out())
        .contains("CollectionIncompatibleType (1 warning)")
        .contains("  " + ReportFixture.SOURCE + ":30  Argument 'id'")
        .contains(
            "1 stale baseline entry (findings since fixed); remove from the baseline:\n  "
                + ReportFixture.SOURCE
                + ":23  EqualsIncompatibleType  ");
  }

  @Test
  void formatsWithoutRoomForStaleEntriesMentionThemOnStandardError() throws Exception {
    CliRun run =
        CliRun.run(
            "report",
            "--format",
            "sarif",
            "--baseline",
            baseline.toString(),
            "--root",
            edited.dir().toString(),
            "--checks",
            "EqualsIncompatibleType",
            edited.mavenLogFile().toString());

    assertThat(run.exit()).isZero();
    assertThat(run.err())
        .isEqualTo(
            "rowguard report: 1 stale baseline entry in "
                + baseline
                + " (findings since fixed); '--format text' lists them for removal\n");
  }

  @Test
  void aBaselineFromJavacOutputAcceptsTheMavenBuild() throws Exception {
    Path fromJavac = original.dir().resolve("javac-baseline.json");
    assertThat(
            CliRun.run(
                    "baseline",
                    "create",
                    original.javacLogFile().toString(),
                    "--root",
                    original.dir().toString(),
                    "-o",
                    fromJavac.toString())
                .exit())
        .isZero();

    CliRun run =
        CliRun.run(
            "report",
            "--format",
            "json",
            "--baseline",
            fromJavac.toString(),
            "--root",
            original.dir().toString(),
            original.mavenLogFile().toString());

    assertThat(run.exit()).isZero();
    assertThat(JSON.readTree(run.out()).get("findings")).isEmpty();
  }

  @Test
  void filtersApplyToTheBaselineToo() throws Exception {
    CliRun run =
        CliRun.run(
            "report",
            "--format",
            "json",
            "--checks",
            "FixtureDeleteAll",
            "--baseline",
            baseline.toString(),
            "--root",
            edited.dir().toString(),
            edited.mavenLogFile().toString());
    JsonNode json = JSON.readTree(run.out());

    assertThat(run.exit()).isZero();
    assertThat(json.get("findings")).isEmpty();
    assertThat(json.get("staleBaselineEntries")).isEmpty(); // the fixed finding is another check's
    assertThat(json.at("/summary/acceptedByBaseline").asInt()).isEqualTo(1);
  }

  @Test
  void onlyRowguardAppliesToTheBaselineToo() throws Exception {
    CliRun run =
        CliRun.run(
            "report",
            "--format",
            "json",
            "--only-rowguard",
            "--baseline",
            baseline.toString(),
            "--root",
            edited.dir().toString(),
            edited.mavenLogFile().toString());
    JsonNode json = JSON.readTree(run.out());

    long rowguardEntries =
        JSON.readTree(baseline.toFile()).get("findings").findValuesAsText("link").stream()
            .filter(link -> link.startsWith(RowguardDocs.CHECKS))
            .count();
    assertThat(rowguardEntries).isPositive();
    assertThat(json.get("staleBaselineEntries")).isEmpty();
    assertThat(json.at("/summary/acceptedByBaseline").asLong()).isEqualTo(rowguardEntries);
    assertThat(json.get("findings").findValuesAsText("check"))
        .doesNotContain("FixtureDeleteAll", "EqualsIncompatibleType");
  }

  /**
   * Leaves out findings of checks the checker module adds later, which may also fire on the
   * fixture.
   */
  private static List<JsonNode> fixtureChecks(JsonNode findings) {
    List<JsonNode> kept = new ArrayList<>();
    for (JsonNode f : findings) {
      String link = f.path("link").asText("");
      if (!link.startsWith(RowguardDocs.CHECKS)
          || f.get("check").asText().equals("FixtureDeleteAll")) {
        kept.add(f);
      }
    }
    return kept;
  }

  private static String[] append(String[] args, String last) {
    String[] all = Arrays.copyOf(args, args.length + 1);
    all[args.length] = last;
    return all;
  }
}
