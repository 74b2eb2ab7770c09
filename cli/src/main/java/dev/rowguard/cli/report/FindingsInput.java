package dev.rowguard.cli.report;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.rowguard.cli.findings.BuildLogParser;
import dev.rowguard.cli.findings.Finding;
import dev.rowguard.cli.findings.FindingFilter;
import dev.rowguard.cli.findings.Fingerprints;
import dev.rowguard.cli.findings.InvalidInputException;
import dev.rowguard.cli.findings.SourceRoot;
import dev.rowguard.cli.findings.TrackedFinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code report} and {@code baseline create} read: build logs, the checkout, the checks. */
final class FindingsInput {

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
      parsed.addAll(BuildLogParser.parse(new InputStreamReader(stdin, UTF_8)));
    }
    for (Path log : logs) {
      if (log.toString().equals("-")) {
        parsed.addAll(BuildLogParser.parse(new InputStreamReader(stdin, UTF_8)));
      } else {
        if (Files.isDirectory(log)) {
          throw new InvalidInputException(log + " is a directory; give the file the build's output was saved to");
        }
        try (Reader in = new InputStreamReader(Files.newInputStream(log), UTF_8)) {
          parsed.addAll(BuildLogParser.parse(in));
        }
      }
    }
    List<Finding> located = source.locate(parsed).stream().distinct().toList();
    FindingFilter filter = filter();
    return Fingerprints.track(located).stream().filter(t -> filter.covers(t.finding())).toList();
  }
}
