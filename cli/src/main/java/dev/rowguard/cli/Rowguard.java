package dev.rowguard.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.audit.AuditCommand;
import dev.rowguard.cli.report.BaselineCommand;
import dev.rowguard.cli.report.ReportCommand;
import dev.rowguard.cli.schema.SchemaCommand;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code rowguard} command. Exit codes: 0 success, 1 findings or a broken log, 2 usage or I/O
 * error. Commands return 0 or 1 and throw everything else; this class alone turns what they throw
 * into one line on standard error and exit 2.
 */
@Command(
    name = "rowguard",
    mixinStandardHelpOptions = true,
    versionProvider = Rowguard.Version.class,
    description =
        "Data-safety tooling: compile-time findings, audit-log verification and incident timelines.",
    subcommands = {
      Rowguard.Help.class,
      ReportCommand.class,
      BaselineCommand.class,
      AuditCommand.class,
      SchemaCommand.class
    })
public final class Rowguard {

  /** What the command reads when it reads standard input, and whether that is a terminal. */
  public record Stdin(InputStream stream, boolean terminal) {}

  private final Stdin stdin;

  private Rowguard(Stdin stdin) {
    this.stdin = stdin;
  }

  public static void main(String[] args) {
    PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, UTF_8), true);
    PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, UTF_8), true);
    System.exit(run(new Stdin(System.in, stdinIsTerminal()), out, err, args));
  }

  /** Runs the command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(Stdin stdin, PrintWriter out, PrintWriter err, String... args) {
    CommandLine cli = new CommandLine(new Rowguard(stdin));
    cli.setOut(out);
    cli.setErr(err);
    cli.setParameterExceptionHandler(Rowguard::usageError);
    cli.setExecutionExceptionHandler(Rowguard::executionError);
    EnumConverter.installFor(cli);
    try {
      return cli.execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** Standard input of the command whose spec this is. */
  public static Stdin stdin(CommandSpec spec) {
    return ((Rowguard) spec.root().userObject()).stdin;
  }

  /**
   * Whether standard input is a terminal rather than a pipe or file. {@link System#console()} also
   * needs standard output to be one, so on Linux the descriptor is asked directly.
   */
  private static boolean stdinIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.equals("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return System.console() != null;
    }
  }

  /**
   * What a command threw: one line and exit 2, because exit 1 means "findings" or "broken log" to a
   * CI job, and a stack trace helps no user.
   */
  private static int executionError(
      Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    String message;
    if (e instanceof InvalidInputException) {
      message = e.getMessage();
    } else if (e instanceof IOException io) {
      message = Problems.describe(io);
    } else if (e instanceof UncheckedIOException io) {
      message = Problems.describe(io.getCause());
    } else {
      message =
          "unexpected "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage())
              + " (please report this with the command line)";
    }
    command.getErr().println(command.getCommandSpec().qualifiedName() + ": " + message);
    return 2;
  }

  /**
   * A wrong option or argument: one line saying what and where to look, exit 2 (not the whole usage
   * text).
   */
  private static int usageError(CommandLine.ParameterException e, String[] args) {
    CommandLine cli = e.getCommandLine();
    String command = cli.getCommandSpec().qualifiedName();
    // picocli says "option option '--x'" for a map option whose value lacks its '='.
    String message = e.getMessage().replace("option option ", "option ");
    cli.getErr().println(command + ": " + message + " (see '" + command + " --help')");
    return 2;
  }

  /**
   * {@code rowguard help [COMMAND...]}: the help of any command, however deep ({@code help audit
   * timeline}).
   */
  @Command(
      name = "help",
      helpCommand = true,
      description = "Shows the help of a command, e.g. 'rowguard help audit timeline'.")
  static final class Help implements Runnable {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "COMMAND",
        arity = "0..*",
        description = "The command and its subcommands.")
    List<String> path = new ArrayList<>();

    @Override
    public void run() {
      CommandLine target = spec.root().commandLine();
      for (String name : path) {
        CommandLine sub = target.getSubcommands().get(name);
        if (sub == null) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              "'"
                  + target.getCommandSpec().qualifiedName()
                  + " "
                  + name
                  + "' is not a command; commands there: "
                  + String.join(", ", target.getSubcommands().keySet()));
        }
        target = sub;
      }
      target.usage(spec.commandLine().getOut());
    }
  }

  /** {@code --version}: what was built, from which commit, against which Error Prone. */
  static final class Version implements CommandLine.IVersionProvider {
    /** Written by the build (a filtered resource). */
    static final String RESOURCE = "/dev/rowguard/cli/build.properties";

    @Override
    public String[] getVersion() throws IOException {
      Properties build = new Properties();
      try (InputStream in = Rowguard.class.getResourceAsStream(RESOURCE)) {
        if (in != null) {
          build.load(in);
        }
      }
      List<String> lines = new ArrayList<>();
      lines.add("rowguard " + value(build, "version", "(development build)"));
      lines.add(
          "commit: "
              + value(build, "commit", "unknown")
              + ("true".equals(build.getProperty("dirty")) ? " (with uncommitted changes)" : ""));
      lines.add("built against Error Prone " + value(build, "errorprone", "unknown"));
      lines.add(
          "Java "
              + System.getProperty("java.version")
              + " ("
              + System.getProperty("java.vendor")
              + ")");
      return lines.toArray(String[]::new);
    }

    /** A property the build filled in; Maven leaves {@code ${...}} when it had no value. */
    private static String value(Properties build, String key, String fallback) {
      @Nullable String v = build.getProperty(key);
      return v == null || v.isBlank() || v.startsWith("${") ? fallback : v;
    }
  }
}
