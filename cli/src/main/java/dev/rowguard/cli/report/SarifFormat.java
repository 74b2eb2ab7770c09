package dev.rowguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run of the tool {@code
 * rowguard}, a rule per check seen, paths relative to {@code %SRCROOT%} (the report root).
 */
final class SarifFormat implements ReportFormat {

  private static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final String FINGERPRINT = "rowguard/v1";
  private static final String SRCROOT = "%SRCROOT%";

  @Override
  public void write(Report report, Writer out) throws IOException {
    ObjectNode log = Json.MAPPER.createObjectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "rowguard");
    driver.put("informationUri", "https://github.com/rowguard/rowguard");
    ArrayNode rules = driver.putArray("rules");
    run.putObject("originalUriBaseIds").putObject(SRCROOT).put("uri", directoryUri(report.root()));
    run.put("columnKind", "utf16CodeUnits");

    Map<String, Integer> ruleIndex = new LinkedHashMap<>();
    ArrayNode results = run.putArray("results");
    for (TrackedFinding t : report.findings()) {
      Finding f = t.finding();
      Integer index = ruleIndex.get(f.check());
      if (index == null) {
        index = ruleIndex.size();
        ruleIndex.put(f.check(), index);
        addRule(rules, f);
      }
      ObjectNode result = results.addObject();
      result.put("ruleId", f.check());
      result.put("ruleIndex", index);
      result.put("level", level(f.severity()));
      result.putObject("message").put("text", f.fullMessage());
      ObjectNode physical = result.putArray("locations").addObject().putObject("physicalLocation");
      artifact(physical.putObject("artifactLocation"), f.path());
      ObjectNode region = physical.putObject("region").put("startLine", f.line());
      if (f.column() > 0) {
        region.put("startColumn", f.column());
      }
      result.putObject("partialFingerprints").put(FINGERPRINT, t.fingerprint());
      if (f.suggestion() != null) {
        // Error Prone prints only the first changed line, trimmed: a hint, not an exact edit.
        result.putObject("properties").put("suggestedFix", f.suggestion());
      }
    }
    Json.write(log, out);
  }

  private static void addRule(ArrayNode rules, Finding f) {
    ObjectNode rule = rules.addObject();
    rule.put("id", f.check());
    rule.put("name", f.check());
    if (f.link() != null) {
      rule.put("helpUri", f.link());
      rule.putObject("help")
          .put("text", "See " + f.link())
          .put("markdown", "[" + f.check() + " documentation](" + f.link() + ")");
    }
    rule.putObject("properties").putArray("tags").add(f.isRowguard() ? "rowguard" : "error-prone");
  }

  private static String level(Severity severity) {
    return switch (severity) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "note";
    };
  }

  private static void artifact(ObjectNode location, String path) {
    Path p = Path.of(path);
    if (p.isAbsolute()) { // outside the report root
      location.put("uri", p.toUri().toString());
      return;
    }
    try {
      location.put("uri", new URI(null, null, path, null).toASCIIString());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("a relative path always makes a URI: " + path, e);
    }
    location.put("uriBaseId", SRCROOT);
  }

  private static String directoryUri(Path root) {
    String uri = root.toUri().toString();
    return uri.endsWith("/") ? uri : uri + "/";
  }
}
