package dev.rowguard.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.findings.BuildLogParser;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.FindingFilter;
import dev.rowguard.cli.findings.Fingerprints;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.findings.SourceRoot;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code report} and {@code baseline create} read: build logs, the checkout, the checks. */
final class FindingsInput {

  /** javac prints nothing for code it does not compile. */
  private static final String MAVEN_SKIPPED_COMPILE = "Nothing to compile - all classes are up to date";

  @Parameters(
      paramLabel = "BUILD_LOG",
      arity = "0..*",
      description = "Maven or javac output. None, or '-', reads standard input.")
  List<Path> logs = new ArrayList<>();

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The checkout; paths are reported relative to it (default: current directory).")
  Path root;

  @Option(names = "--checks", split = ",", paramLabel = "CHECK", description = "Only these checks, e.g. A,B.")
  List<String> checks = new ArrayList<>();

  @Option(names = "--only-rowguard", description = "Only rowguard's own checks, known by their docs link.")
  boolean onlyRowguard;

  FindingFilter filter() {
    return new FindingFilter(Set.copyOf(checks), onlyRowguard);
  }

  SourceRoot sourceRoot() {
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException("--root " + root + " is not a directory; give the checkout the build ran in");
    }
    return new SourceRoot(root);
  }

  /** The covered findings of every log, each once, located in the checkout and fingerprinted. */
  List<TrackedFinding> read(InputStream stdin) throws IOException {
    SourceRoot source = sourceRoot();
    List<Finding> parsed = new ArrayList<>();
    if (logs.isEmpty()) {
      parsed.addAll(parse("standard input", stdin.readAllBytes()));
    }
    for (Path log : logs) {
      if (log.toString().equals("-")) {
        parsed.addAll(parse("standard input", stdin.readAllBytes()));
      } else if (Files.isDirectory(log)) {
        throw new InvalidInputException(log + " is a directory; give the file the build's output was saved to");
      } else {
        parsed.addAll(parse(log.toString(), Files.readAllBytes(log)));
      }
    }
    List<Finding> located = source.locate(parsed).stream().distinct().toList();
    FindingFilter filter = filter();
    return Fingerprints.track(located).stream().filter(t -> filter.covers(t.finding())).toList();
  }

  private static List<Finding> parse(String name, byte[] log) {
    String text = new String(log, UTF_8); // malformed bytes become U+FFFD rather than an error
    if (text.contains(MAVEN_SKIPPED_COMPILE)) {
      System.err.println("rowguard: warning: in " + name + " Maven skipped compiling up-to-date code, so its"
          + " findings are not there; build from clean (mvn clean verify) for all of them");
    }
    return BuildLogParser.parse(text);
  }
}
