package dev.rowguard.cli.report;

import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.OutputOption;
import dev.rowguard.cli.Problems;
import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rowguard report}: build findings as code-review annotations. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Turns Error Prone findings in Maven or javac output into code-review annotations.",
      "Exit 0 when converted; with --fail-on, 1 when a reported finding is at or above it;",
      "2 on a usage or I/O error, or when the input holds no compiler output."
    })
public final class ReportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin FindingsInput input;

  @Mixin ReportOptions reporting;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings not in this baseline (see 'rowguard baseline create').")
  @Nullable Path baselineFile;

  @Mixin OutputOption output;

  @Override
  public Integer call() throws IOException {
    Report report = report(input.read());
    PrintWriter err = spec.commandLine().getErr();
    try (Writer out = output.open()) {
      reporting.write(report, out);
    }
    if (!report.stale().isEmpty() && !reporting.format().listsStaleEntries()) {
      err.println(
          spec.qualifiedName()
              + ": "
              + Report.staleEntries(report.stale().size())
              + " in "
              + baselineFile
              + " (findings since fixed); '--format text' lists them for removal");
    }
    return reporting.exitCode(
        report.findings().stream().map(TrackedFinding::finding).toList(), spec);
  }

  private Report report(List<TrackedFinding> current) throws IOException {
    Path root = input.sourceRoot().path();
    if (baselineFile == null) {
      input.warnAboutUnknownChecks(Set.of());
      return new Report(current, 0, List.of(), root);
    }
    @Nullable String problem = Problems.notReadable(baselineFile);
    if (problem != null) {
      throw new InvalidInputException(
          "--baseline " + problem + ": give the file 'rowguard baseline create' wrote");
    }
    Baseline baseline = Baseline.read(baselineFile);
    input.warnAboutUnknownChecks(
        baseline.findings().stream().map(Baseline.Entry::check).collect(Collectors.toSet()));
    Baseline.Comparison c = baseline.compare(current, input.filter());
    return new Report(c.fresh(), c.accepted(), c.stale(), root);
  }
}
