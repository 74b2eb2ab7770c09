package dev.rowguard.cli.report;

import dev.rowguard.cli.findings.Finding;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code --format} and {@code --fail-on}, as a picocli {@code @Mixin}: the one owner of their
 * names, defaults, help text and of the {@code --fail-on} gate, for every command that reports
 * findings ({@code rowguard report}, {@code rowguard schema check}).
 */
public final class ReportOptions {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format = Format.TEXT;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "none",
      description =
          "Exit 1 when a reported finding is at this severity or above: ${COMPLETION-CANDIDATES}"
              + " (default: ${DEFAULT-VALUE}, only report).")
  FailOn failOn = FailOn.NONE;

  /** The format asked for. */
  public Format format() {
    return format;
  }

  /** Writes {@code report} in the format asked for. */
  public void write(Report report, Writer out) throws IOException {
    format.writer().write(report, out);
  }

  /**
   * The exit code for the reported {@code findings}: 0, or 1 when some are at or above {@code
   * --fail-on}, saying so on {@code command}'s standard error.
   */
  public int exitCode(Collection<Finding> findings, CommandSpec command) {
    long failing = findings.stream().filter(failOn::fails).count();
    if (failing == 0) {
      return 0;
    }
    command
        .commandLine()
        .getErr()
        .println(
            command.qualifiedName()
                + ": "
                + Report.plural(failing, "finding")
                + " at "
                + failOn
                + (failOn == FailOn.ERROR ? "" : " or above")
                + "; failing because of --fail-on "
                + failOn);
    return 1;
  }
}
