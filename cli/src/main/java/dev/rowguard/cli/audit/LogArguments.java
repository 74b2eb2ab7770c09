package dev.rowguard.cli.audit;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code LOG...} arguments every audit command takes, declared once (a picocli mixin). */
final class LogArguments {

  @Parameters(
      paramLabel = "LOG",
      arity = "1..*",
      description =
          "Audit log directories or audit-NNNNNN.jsonl files, or a Kafka topic the logs were"
              + " shipped to: kafka://host:port/topic.")
  List<String> paths = new ArrayList<>();

  @Option(
      names = "--kafka-property",
      paramLabel = "KEY=VALUE",
      description =
          "A Kafka consumer setting for kafka:// sources (repeatable): security.protocol, sasl.*,"
              + " ssl.*, default.api.timeout.ms (how long to wait for the broker, default 15000).")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  /** The logs the arguments name, grouped by directory in rotation order ({@link LogInputs}). */
  List<AuditLog> resolve() throws IOException {
    return resolve(null);
  }

  /**
   * As {@link #resolve()}, reading shipped sources from the first record written at or after {@code
   * from}.
   */
  List<AuditLog> resolve(@Nullable Instant from) throws IOException {
    return LogInputs.resolve(paths, kafkaProperties, from);
  }
}
