package dev.rowguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;

/** GitLab Code Quality JSON (the {@code artifacts:reports:codequality} report). */
final class GitlabFormat implements ReportFormat {

  @Override
  public void write(Report report, Writer out) throws IOException {
    ArrayNode issues = Json.MAPPER.createArrayNode();
    for (TrackedFinding t : report.findings()) {
      Finding f = t.finding();
      ObjectNode issue = issues.addObject();
      issue.put("type", "issue");
      issue.put("check_name", f.check());
      issue.put("description", "[" + f.check() + "] " + f.fullMessage());
      issue.putArray("categories").add("Bug Risk");
      issue.put("severity", severity(f));
      issue.put("fingerprint", t.fingerprint());
      ObjectNode location = issue.putObject("location");
      location.put("path", f.path());
      location.putObject("lines").put("begin", f.line());
    }
    Json.write(issues, out);
  }

  /** GitLab's scale is info, minor, major, critical, blocker; linters map error to major. */
  private static String severity(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "major";
      case WARNING -> "minor";
      case NOTE -> "info";
    };
  }
}
