package dev.rowguard.cli.report;

import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** For people at a terminal: findings grouped by check, each group headed by its docs link. */
final class TextFormat implements ReportFormat {

  private static final String INDENT = "    ";

  @Override
  public void write(Report report, Writer out) throws IOException {
    // Report order is most severe first, so groups come in the order of their most severe finding.
    Map<String, List<Finding>> byCheck =
        report.findings().stream()
            .map(TrackedFinding::finding)
            .collect(
                Collectors.groupingBy(Finding::check, LinkedHashMap::new, Collectors.toList()));
    for (List<Finding> group : byCheck.values()) {
      Finding first = group.get(0);
      String heading = first.check() + " (" + counts(group) + ")";
      out.write(first.link() == null ? heading + "\n" : heading + "  " + first.link() + "\n");
      for (Finding f : group) {
        List<String> lines = new ArrayList<>(List.of(f.message().split("\n", -1)));
        if (f.suggestion() != null) {
          lines.add(f.suggestion());
        }
        out.write("  " + Report.position(f) + "  " + lines.get(0) + "\n");
        for (String more : lines.subList(1, lines.size())) {
          out.write(more.isEmpty() ? "\n" : INDENT + more + "\n");
        }
      }
      out.write("\n");
    }
    out.write(
        report.findings().isEmpty() && report.accepted() == 0
            ? "No findings.\n"
            : report.summary() + "\n");
    if (!report.stale().isEmpty()) {
      out.write(
          "\n"
              + Report.staleEntries(report.stale().size())
              + " (findings since fixed); remove from the baseline:\n");
      for (Baseline.Entry e : report.stale()) {
        out.write(
            "  " + e.path() + ":" + e.line() + "  " + e.check() + "  " + e.fingerprint() + "\n");
      }
    }
  }

  private static String counts(List<Finding> group) {
    List<String> parts = new ArrayList<>();
    for (Severity s : Severity.values()) {
      long n = group.stream().filter(f -> f.severity() == s).count();
      if (n > 0) {
        parts.add(Report.plural(n, s.label()));
      }
    }
    return String.join(", ", parts);
  }
}
