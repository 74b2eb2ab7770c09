package dev.rowguard.cli.report;

import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.Severity;
import dev.rowguard.cli.findings.TrackedFinding;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/**
 * What a report shows: the findings to act on, most severe first, and what the baseline hid.
 *
 * @param findings findings not accepted by a baseline
 * @param accepted how many findings the baseline accepted
 * @param stale baseline entries that no finding matched any more: fixed, so the file can shrink
 * @param root the checkout the paths are relative to
 */
public record Report(
    List<TrackedFinding> findings, int accepted, List<Baseline.Entry> stale, Path root) {

  private static final Comparator<TrackedFinding> MOST_SEVERE_FIRST =
      Comparator.comparing((TrackedFinding t) -> t.finding().severity())
          .thenComparing(t -> t.finding().path())
          .thenComparingInt(t -> t.finding().line())
          .thenComparingInt(t -> t.finding().column())
          .thenComparing(t -> t.finding().check());

  public Report {
    findings = findings.stream().sorted(MOST_SEVERE_FIRST).toList();
    stale = List.copyOf(stale);
  }

  public long count(Severity severity) {
    return findings.stream().filter(t -> t.finding().severity() == severity).count();
  }

  /** For example {@code 3 findings: 1 error, 2 warnings, 0 notes}. */
  public String summary() {
    String text =
        plural(findings.size(), "finding")
            + ": "
            + plural(count(Severity.ERROR), "error")
            + ", "
            + plural(count(Severity.WARNING), "warning")
            + ", "
            + plural(count(Severity.NOTE), "note");
    return accepted == 0 ? text : text + " (" + accepted + " more accepted by the baseline)";
  }

  public static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String staleEntries(int n) {
    return n + (n == 1 ? " stale baseline entry" : " stale baseline entries");
  }

  static String position(Finding f) {
    return f.path() + ":" + f.line();
  }
}
