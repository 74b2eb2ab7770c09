package dev.rowguard.cli.report;

import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;

/**
 * GitHub Actions workflow commands. GitHub shows only 10 error, 10 warning and 10 notice
 * annotations per step and 50 per job, so the most severe come first and a summary line gives the
 * full count.
 */
final class GithubFormat implements ReportFormat {

  static final int SHOWN_PER_STEP = 10;
  static final int SHOWN_PER_JOB = 50;

  @Override
  public void write(Report report, Writer out) throws IOException {
    for (TrackedFinding t : report.findings()) {
      Finding f = t.finding();
      StringBuilder line =
          new StringBuilder("::")
              .append(command(f))
              .append(" file=")
              .append(property(f.path()))
              .append(",line=")
              .append(f.line());
      if (f.column() > 0) {
        line.append(",col=").append(f.column());
      }
      line.append(",title=").append(property(f.check())).append("::").append(data(text(f)));
      out.write(line + "\n");
    }
    String summary = "rowguard: " + report.summary();
    if (Arrays.stream(Severity.values()).anyMatch(s -> report.count(s) > SHOWN_PER_STEP)
        || report.findings().size() > SHOWN_PER_JOB) {
      summary +=
          "; GitHub shows "
              + SHOWN_PER_STEP
              + " annotations of each kind per step and "
              + SHOWN_PER_JOB
              + " per job, so not all are annotated: this log lists them all, most severe first";
    }
    out.write(summary + "\n");
    for (Baseline.Entry e : report.stale()) {
      out.write(
          "rowguard: fixed, remove from the baseline: "
              + e.path()
              + ":"
              + e.line()
              + " ["
              + e.check()
              + "] "
              + e.fingerprint()
              + "\n");
    }
  }

  private static String command(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "error";
      case WARNING -> "warning";
      case NOTE -> "notice";
    };
  }

  private static String text(Finding f) {
    return f.link() == null ? f.fullMessage() : f.fullMessage() + "\nSee " + f.link();
  }

  /** Escapes a workflow command's message, as GitHub's toolkit does. */
  static String data(String s) {
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
  }

  /** Escapes a workflow command's property value. */
  static String property(String s) {
    return data(s).replace(":", "%3A").replace(",", "%2C");
  }
}
