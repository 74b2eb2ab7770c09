package dev.rowguard.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.rowguard.annotations.RowguardDocs;
import dev.rowguard.cli.fixture.ReportFixture;
import java.io.InputStream;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SARIF from real Maven output, validated against the official SARIF 2.1.0 schema. */
class SarifFormatTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws Exception {
    try (InputStream in =
        SarifFormatTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    }
  }

  @Test
  void validAgainstTheSarifSchema() throws Exception {
    JsonNode sarif = sarif();

    assertThat(schema.validate(sarif)).isEmpty();
  }

  @Test
  void theSchemaCheckCatchesBrokenSarif() throws Exception {
    ObjectNode broken = (ObjectNode) sarif();
    broken.put("version", "2.0.0");
    ((ObjectNode) broken.at("/runs/0/results/0/locations/0/physicalLocation/region"))
        .put("startLine", 0);

    Set<ValidationMessage> errors = schema.validate(broken);
    assertThat(errors).hasSizeGreaterThanOrEqualTo(2);
  }

  @Test
  void oneRunOfRowguardWithARulePerCheckSeen() throws Exception {
    JsonNode run = sarif().at("/runs");
    assertThat(run).hasSize(1);
    JsonNode driver = run.at("/0/tool/driver");

    assertThat(driver.get("name").asText()).isEqualTo("rowguard");
    assertThat(driver.get("rules").findValuesAsText("id"))
        .doesNotHaveDuplicates()
        .contains(
            "FixtureDeleteAll", "CollectionIncompatibleType", "SelfAssignment", "FieldCanBeFinal");
    for (JsonNode rule : driver.get("rules")) {
      String id = rule.get("id").asText();
      boolean rowguard = rule.at("/properties/tags/0").asText().equals("rowguard");
      String expected =
          (rowguard
              ? RowguardDocs.CHECKS + id + ".md"
              : "https://errorprone.info/bugpattern/" + id);
      assertThat(rule.get("helpUri").asText()).isEqualTo(expected);
    }
    assertThat(rule(driver, "FixtureDeleteAll").at("/properties/tags/0").asText())
        .isEqualTo("rowguard");
    assertThat(rule(driver, "SelfAssignment").at("/properties/tags/0").asText())
        .isEqualTo("error-prone");
  }

  private static JsonNode rule(JsonNode driver, String id) {
    for (JsonNode rule : driver.get("rules")) {
      if (rule.get("id").asText().equals(id)) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + id);
  }

  @Test
  void resultsCarryLevelRelativeLocationFixAndFingerprint() throws Exception {
    JsonNode run = sarif().at("/runs/0");
    JsonNode deleteAll = result(run, "FixtureDeleteAll");

    assertThat(deleteAll.get("level").asText()).isEqualTo("warning");
    assertThat(deleteAll.at("/message/text").asText())
        .isEqualTo(
            "deleteAll() removes every row of the table.\nDelete by id, or confirm that every row must go.\n"
                + "Did you mean '/* every row */ store.deleteAll();'?");
    JsonNode location = deleteAll.at("/locations/0/physicalLocation");
    assertThat(location.at("/artifactLocation/uri").asText()).isEqualTo(ReportFixture.SOURCE);
    assertThat(location.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
    assertThat(location.at("/region/startLine").asInt()).isEqualTo(27);
    assertThat(location.at("/region/startColumn").asInt()).isEqualTo(20);
    assertThat(deleteAll.at("/properties/suggestedFix").asText())
        .isEqualTo("Did you mean '/* every row */ store.deleteAll();'?");
    assertThat(deleteAll.at("/partialFingerprints/rowguard~1v1").asText()).matches("[0-9a-f]{32}");
    assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText())
        .isEqualTo(ReportFixture.original().dir().toUri().toString());
    assertThat(result(run, "SelfAssignment").get("level").asText()).isEqualTo("error");
    assertThat(result(run, "FieldCanBeFinal").get("level").asText()).isEqualTo("note");
    assertThat(run.at("/results").findValuesAsText("ruleIndex")).isNotEmpty();
  }

  @Test
  void fingerprintsAreStableAcrossRuns() throws Exception {
    assertThat(sarif().at("/runs/0/results").findValues("partialFingerprints"))
        .isEqualTo(sarif().at("/runs/0/results").findValues("partialFingerprints"));
  }

  private static JsonNode result(JsonNode run, String check) {
    for (JsonNode result : run.get("results")) {
      if (result.get("ruleId").asText().equals(check)) {
        JsonNode rule = run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt());
        assertThat(rule.get("id").asText()).isEqualTo(check);
        return result;
      }
    }
    throw new AssertionError("no result for " + check);
  }

  private static JsonNode sarif() throws Exception {
    ReportFixture fixture = ReportFixture.original();
    CliRun run =
        CliRun.run(
            "report",
            "--format",
            "sarif",
            "--fail-on",
            "none",
            "--root",
            fixture.dir().toString(),
            fixture.mavenLogFile().toString());
    assertThat(run.exit()).as(run.err()).isZero();
    return JSON.readTree(run.out());
  }
}
