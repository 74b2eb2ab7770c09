package dev.rowguard.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;

/** rowguard's own JSON: every field of every finding, the baseline's stale entries and counts. */
final class JsonFormat implements ReportFormat {

  @Override
  public void write(Report report, Writer out) throws IOException {
    ObjectNode root = Json.MAPPER.createObjectNode();
    ArrayNode findings = root.putArray("findings");
    for (TrackedFinding t : report.findings()) {
      Finding f = t.finding();
      ObjectNode n = findings.addObject();
      n.put("check", f.check());
      n.put("severity", f.severity().label());
      n.put("path", f.path());
      n.put("line", f.line());
      if (f.column() > 0) {
        n.put("column", f.column());
      }
      n.put("message", f.message());
      if (f.suggestion() != null) {
        n.put("suggestion", f.suggestion());
      }
      if (f.link() != null) {
        n.put("link", f.link());
      }
      n.put("rowguard", f.isRowguard());
      n.put("fingerprint", t.fingerprint());
    }
    ObjectNode summary = root.putObject("summary");
    for (Severity s : Severity.values()) {
      summary.put(s.label(), report.count(s));
    }
    summary.put("acceptedByBaseline", report.accepted());
    ArrayNode stale = root.putArray("staleBaselineEntries");
    for (Baseline.Entry e : report.stale()) {
      stale.add(Json.MAPPER.valueToTree(e));
    }
    Json.write(root, out);
  }
}
