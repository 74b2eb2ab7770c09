package dev.rowguard.cli.audit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The {@code LOG...} arguments every audit command takes, declared once (a picocli mixin). */
final class LogArguments {

  @Parameters(
      paramLabel = "LOG",
      arity = "1..*",
      description = "Audit log directories or audit-NNNNNN.jsonl files.")
  List<Path> paths = new ArrayList<>();

  /** The logs the arguments name, grouped by directory in rotation order ({@link LogInputs}). */
  List<AuditLog> resolve() throws IOException {
    return LogInputs.resolve(paths);
  }
}
