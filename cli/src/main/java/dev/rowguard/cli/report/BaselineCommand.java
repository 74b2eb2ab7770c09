package dev.rowguard.cli.report;

import dev.rowguard.cli.Problems;
import dev.rowguard.cli.findings.Baseline;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rowguard baseline}: accept today's findings so that only new ones fail the build. */
@Command(
    name = "baseline",
    mixinStandardHelpOptions = true,
    description =
        "Records the findings a team accepts for now; 'rowguard report --baseline' then reports only new ones.",
    subcommands = BaselineCommand.Create.class)
public final class BaselineCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(
        spec.commandLine(), "Missing subcommand: try 'rowguard baseline create BUILD_LOG'");
  }

  /** {@code rowguard baseline create BUILD_LOG... -o rowguard-baseline.json}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = "Writes every finding in the build output to a baseline file.")
  static final class Create implements Callable<Integer> {

    @Mixin FindingsInput input;

    @Option(
        names = {"-o", "--output"},
        paramLabel = "FILE",
        defaultValue = "rowguard-baseline.json",
        description = "The baseline file (default: rowguard-baseline.json).")
    Path output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws IOException {
      List<TrackedFinding> findings = input.read();
      input.warnAboutUnknownChecks(Set.of());
      try (Writer out = Problems.newWriter(output)) {
        Baseline.of(findings).write(out);
      }
      spec.commandLine()
          .getOut()
          .println(
              spec.qualifiedName()
                  + ": "
                  + Report.plural(findings.size(), "finding")
                  + " written to "
                  + output);
      return 0;
    }
  }
}
