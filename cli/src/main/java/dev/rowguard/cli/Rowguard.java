package dev.rowguard.cli;

import dev.rowguard.cli.audit.AuditCommand;
import dev.rowguard.cli.report.BaselineCommand;
import dev.rowguard.cli.report.ReportCommand;
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
    return cli.execute(args);
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
