package dev.rowguard.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.Problems;
import dev.rowguard.cli.Rowguard;
import dev.rowguard.cli.findings.BuildLogParser;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.FindingFilter;
import dev.rowguard.cli.findings.Fingerprints;
import dev.rowguard.cli.findings.SourceRoot;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * What {@code report} and {@code baseline create} read: build logs, the checkout, the checks.
 *
 * <p>{@code --checks} names are checked for Error Prone's check-name syntax (what the build log
 * shows in brackets), not against a list: the CLI does not depend on the checker, and a check that
 * has no finding today is a valid gate. A name that no finding has while other checks have some is
 * most likely a typo, so it is reported on standard error with the checks the input does have.
 */
final class FindingsInput {

  /** The {@code [CheckName]} of a finding, as {@link BuildLogParser} reads it. */
  private static final Pattern CHECK_NAME = Pattern.compile("[A-Z][A-Za-z0-9_]*");

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Parameters(
      paramLabel = "BUILD_LOG",
      arity = "0..*",
      description =
          "Maven or javac output; '-' reads standard input (so does none, when it is a pipe).")
  List<Path> logs = new ArrayList<>();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The checkout; paths are reported relative to it (default: current directory).")
  Path root;

  @Option(
      names = "--checks",
      split = ",",
      paramLabel = "CHECK",
      converter = CheckName.class,
      description =
          "Only these checks, by the name the build prints in brackets, e.g. UnguardedBulkDelete,SelfAssignment.")
  List<String> checks = new ArrayList<>();

  /** The checks of the findings {@link #read} found, before {@code --checks} filtered them. */
  private final Set<String> checksInInput = new TreeSet<>();

  @Option(
      names = "--only-rowguard",
      description = "Only rowguard's own checks, known by their docs link.")
  boolean onlyRowguard;

  /** A check name as Error Prone prints it; anything else cannot match a finding. */
  static final class CheckName implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (!CHECK_NAME.matcher(value).matches()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a check name: give the names the build prints"
                + " in brackets, e.g. --checks UnguardedBulkDelete,SelfAssignment");
      }
      return value;
    }
  }

  FindingFilter filter() {
    return new FindingFilter(Set.copyOf(checks), onlyRowguard);
  }

  SourceRoot sourceRoot() {
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException(
          "--root " + root + " is not a directory; give the checkout the build ran in");
    }
    return new SourceRoot(root);
  }

  /** The covered findings of every log, each once, located in the checkout and fingerprinted. */
  List<TrackedFinding> read() throws IOException {
    SourceRoot source = sourceRoot();
    Rowguard.Stdin stdin = Rowguard.stdin(spec);
    List<Finding> parsed = new ArrayList<>();
    if (logs.isEmpty()) {
      if (stdin.terminal()) {
        throw new InvalidInputException(
            "no build log given: pass the file a build's output was saved to, or pipe"
                + " the build into it (mvn -B verify 2>&1 | "
                + spec.qualifiedName()
                + " -)");
      }
      parsed.addAll(parse("standard input", stdin.stream()));
    }
    for (Path log : logs) {
      if (log.toString().equals("-")) {
        parsed.addAll(parse("standard input", stdin.stream()));
        continue;
      }
      @Nullable String problem = Problems.notReadable(log);
      if (problem != null) {
        throw new InvalidInputException(
            problem + ": give the file the build's output was saved to");
      }
      try (InputStream in = Files.newInputStream(log)) {
        parsed.addAll(parse(log.toString(), in));
      }
    }
    List<Finding> located = source.locate(parsed).stream().distinct().toList();
    located.forEach(f -> checksInInput.add(f.check()));
    FindingFilter filter = filter();
    return Fingerprints.track(located).stream().filter(t -> filter.covers(t.finding())).toList();
  }

  private List<Finding> parse(String name, InputStream in) throws IOException {
    // Malformed bytes become U+FFFD rather than an error; lines are read one at a time.
    BuildLogParser.Parsed log = BuildLogParser.read(new InputStreamReader(in, UTF_8), name);
    if (!log.compilerOutput()) {
      throw new InvalidInputException(
          "no compiler output found in " + name + ": pass the log of a javac or Maven build");
    }
    if (log.skippedCompile()) {
      warn(
          "in "
              + name
              + " Maven skipped compiling up-to-date code, so its findings are not there;"
              + " build from clean (mvn clean verify) for all of them");
    }
    return log.findings();
  }

  /**
   * After {@link #read}: warns of each {@code --checks} name that neither the input's findings nor
   * {@code alsoKnown} (a baseline's entries) have, while the input has findings of other checks.
   */
  void warnAboutUnknownChecks(Set<String> alsoKnown) {
    if (checksInInput.isEmpty()) {
      return; // a clean build: no finding of any check, which is what a gate wants
    }
    for (String check : new TreeSet<>(checks)) {
      if (!checksInInput.contains(check) && !alsoKnown.contains(check)) {
        warn(
            "--checks "
                + check
                + ": no finding of this check in the input; its findings are of "
                + String.join(", ", checksInInput));
      }
    }
  }

  void warn(String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": warning: " + message);
  }
}
