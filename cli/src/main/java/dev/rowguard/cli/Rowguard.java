package dev.rowguard.cli;

import dev.rowguard.cli.audit.AuditCommand;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.report.BaselineCommand;
import dev.rowguard.cli.Problems;
import dev.rowguard.cli.report.ReportCommand;
import java.io.IOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rowguard} command. Exit codes: 0 success, 1 findings or a broken log, 2 usage or I/O error. */
@Command(
    name = "rowguard",
    mixinStandardHelpOptions = true,
    versionProvider = Rowguard.Version.class,
    description = "Data-safety tooling: compile-time findings, audit-log verification and incident timelines.",
    subcommands = {CommandLine.HelpCommand.class, ReportCommand.class, BaselineCommand.class, AuditCommand.class})
public final class Rowguard {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    CommandLine cli = new CommandLine(new Rowguard());
    cli.setParameterExceptionHandler(Rowguard::usageError);
    cli.setExecutionExceptionHandler(Rowguard::executionError);
    return cli.execute(args);
  }

  /**
   * Whatever a command did not turn into a one-line error itself: still one line and exit 2, because
   * exit 1 means "findings" or "broken log" to a CI job, and a stack trace helps no user.
   */
  private static int executionError(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    String message;
    if (e instanceof InvalidInputException) {
      message = e.getMessage();
    } else if (e instanceof IOException io) {
      message = Problems.describe(io);
    } else {
      message = "unexpected " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + " (please report this with the command line)";
    }
    System.err.println(command.getCommandSpec().qualifiedName() + ": " + message);
    return 2;
  }

  /** A wrong option or argument: one line saying what and where to look, exit 2 (not the whole usage text). */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    String command = e.getCommandLine().getCommandSpec().qualifiedName();
    System.err.println(command + ": " + e.getMessage() + " (see '" + command + " --help')");
    return 2;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Rowguard.class.getPackage().getImplementationVersion();
      return new String[] {"rowguard " + (v == null ? "(development build)" : v)};
    }
  }
}
