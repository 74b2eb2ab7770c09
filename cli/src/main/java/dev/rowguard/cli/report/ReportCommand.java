package dev.rowguard.cli.report;

import dev.rowguard.cli.Problems;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rowguard report}: build findings as code-review annotations. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Turns Error Prone findings in Maven or javac output into code-review annotations.",
      "Exit 1 when a reported finding is at or above --fail-on, 2 on a usage or I/O error."
    })
public final class ReportCommand implements Callable<Integer> {

  @Mixin FindingsInput input;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      converter = Format.Converter.class,
      description = "sarif, github, gitlab, checkstyle, json or text (default: text).")
  Format format;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "warning",
      converter = FailOn.Converter.class,
      description = "error, warning, note or none (default: warning).")
  FailOn failOn;

  @Option(
      names = "--baseline",
      paramLabel = "FILE",
      description = "Report only findings not in this baseline (see 'rowguard baseline create').")
  Path baselineFile;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    try {
      Report report = report(input.read(System.in));
      StringWriter text = new StringWriter();
      format.writer().write(report, text);
      if (output == null) {
        System.out.write(text.toString().getBytes(UTF_8));
        System.out.flush();
      } else {
        Files.writeString(output, text.toString(), UTF_8);
      }
      if (!report.stale().isEmpty() && format != Format.TEXT && format != Format.JSON && format != Format.GITHUB) {
        System.err.println("rowguard report: " + Report.staleEntries(report.stale().size()) + " in " + baselineFile
            + " (findings since fixed); '--format text' lists them for removal");
      }
      return report.findings().stream().anyMatch(t -> failOn.fails(t.finding())) ? 1 : 0;
    } catch (InvalidInputException e) {
      System.err.println("rowguard report: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("rowguard report: " + Problems.describe(e));
      return 2;
    }
  }

  private Report report(List<TrackedFinding> current) throws IOException {
    Path root = input.sourceRoot().path();
    if (baselineFile == null) {
      return new Report(current, 0, List.of(), root);
    }
    Baseline.Comparison c = Baseline.read(baselineFile).compare(current, input.filter());
    return new Report(c.fresh(), c.accepted(), c.stale(), root);
  }
}
