package dev.rowguard.cli.audit;

import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.Problems;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rowguard audit timeline LOG...}: one chronological timeline from many logs and hosts. */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Merges audit logs of one or many hosts (and access logs) into one chronological timeline:",
      "what was deleted, when, by which code, in which request, and whether it was committed.",
      "Exit 0, or 2 on bad input (naming the file and line)."
    })
public final class TimelineCommand implements Callable<Integer> {

  private static final Set<String> FORMATS = Set.of("text", "json", "html", "timesketch");

  @Parameters(paramLabel = "LOG", arity = "1..*", description = "Audit log directories or audit-NNNNNN.jsonl files.")
  List<Path> logs;

  @Option(names = "--from", paramLabel = "TIME", description = "Only entries at or after TIME: ISO-8601 with offset, or a local date-time with --zone.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only entries at or before TIME.")
  String to;

  @Option(names = "--zone", paramLabel = "ZONE", description = "Zone to display times in and to read local --from/--to in (default UTC); the offset is always shown.")
  String zone;

  @Option(names = "--table", paramLabel = "TABLE", description = "Only statements on this table (repeatable).")
  List<String> tables = new ArrayList<>();

  @Option(names = "--tenant", paramLabel = "TENANT", description = "Only statements whose context has this tenant (repeatable).")
  List<String> tenants = new ArrayList<>();

  @Option(names = "--context", paramLabel = "KEY=VALUE", description = "Only statements whose context has KEY=VALUE (repeatable; all must match).")
  Map<String, String> context = new LinkedHashMap<>();

  @Option(names = "--min-rows", paramLabel = "N", description = "Only statements that deleted at least N rows.")
  long minRows;

  @Option(names = "--kind", paramLabel = "KIND", split = ",",
      description = "Only these kinds: delete, truncate, tx_aggregate, blocked, commit, rollback, http, log_open, checkpoint.")
  List<String> kinds = new ArrayList<>();

  @Option(names = "--access-log", paramLabel = "[HOST=]FILE",
      description = "nginx/Apache combined-format access log to interleave (repeatable); HOST= says which host served it.")
  List<String> accessLogs = new ArrayList<>();

  @Option(names = "--access-log-zone", paramLabel = "ZONE", description = "Zone of access logs whose times carry no offset.")
  String accessLogZone;

  @Option(names = "--match-window", paramLabel = "SECONDS", defaultValue = "5",
      description = "Without a request id, a delete matches the closest request of its host within this many seconds (default 5).")
  long matchWindowSeconds;

  @Option(names = "--source", paramLabel = "DIR", description = "Source root (or project) to show each call site's line and method from (repeatable).")
  List<Path> sourceRoots = new ArrayList<>();

  // 100 is the audit logger's own default rowThreshold: what it calls a mass delete, this marks.
  @Option(names = "--many-rows", paramLabel = "N", defaultValue = "100",
      description = "Mark a transaction that deleted at least N rows of one table (default 100, the audit logger's rowThreshold).")
  long manyRows;

  @Option(names = "--many-tenants", paramLabel = "N", defaultValue = "3",
      description = "Mark a job (transaction, or 'job' context value) that touched at least N tenants (default 3).")
  int manyTenants;

  @Option(names = "--allowed-hours", paramLabel = "HH:MM-HH:MM",
      description = "Mark mass deletes outside these hours of the day, in --zone (default: no check).")
  String allowedHours;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default), json, html or timesketch.")
  String format;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of standard output.")
  Path output;

  @Override
  public Integer call() {
    try {
      if (!FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
        throw new InvalidInputException("--format " + format + " is not a format: use text, json, html or timesketch");
      }
      ZoneId display = zone == null ? ZoneOffset.UTC : Times.zone("--zone", zone);
      ZoneId readZone = Times.zone("--zone", zone);
      ZoneId accessZone = Times.zone("--access-log-zone", accessLogZone);
      Instant fromTime = Times.instant("--from", from, readZone);
      Instant toTime = Times.instant("--to", to, readZone);
      if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
        throw new InvalidInputException("--from " + from + " is after --to " + to + ": swap them");
      }
      if (matchWindowSeconds < 0 || manyRows < 1 || manyTenants < 2 || minRows < 0) {
        throw new InvalidInputException("--match-window and --min-rows must be >= 0, --many-rows >= 1, --many-tenants >= 2");
      }
      for (Path root : sourceRoots) {
        if (!Files.isDirectory(root)) {
          throw new InvalidInputException("--source " + root + " is not a directory: pass a source root or project directory");
        }
      }
      TimelineFilter filter = new TimelineFilter(fromTime, toTime, new LinkedHashSet<>(tables), new LinkedHashSet<>(tenants),
          context, minRows, new LinkedHashSet<>(kinds));
      Anomalies anomalies = new Anomalies(manyRows, manyTenants, Times.hours("--allowed-hours", allowedHours), display);
      AccessMatcher access = accessLogs.isEmpty() ? null : new AccessMatcher(Duration.ofSeconds(matchWindowSeconds));
      SourceLocator sources = sourceRoots.isEmpty() ? null : new SourceLocator(sourceRoots);
      List<AuditLog> audit = LogInputs.resolve(logs);
      List<AccessLogSpec> specs = accessLogs.stream().map(AccessLogSpec::parse).toList();
      for (AccessLogSpec s : specs) {
        if (!Files.isRegularFile(s.file())) {
          throw new InvalidInputException("--access-log " + s.file() + " does not exist or is not a file");
        }
      }
      try (Writer out = writer(); EventSource events = EventSources.open(audit, specs, accessZone, TimelineCommand::warn)) {
        new Timeline(anomalies, access, sources, filter, writerFor(out, display)).run(events);
      }
      return 0;
    } catch (InvalidInputException e) {
      System.err.println("rowguard audit timeline: " + e.getMessage());
      return 2;
    } catch (IOException e) {
      System.err.println("rowguard audit timeline: " + Problems.describe(e));
      return 2;
    }
  }

  private TimelineWriter writerFor(Writer out, ZoneId display) throws IOException {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "text" -> new TextTimeline(out, display);
      case "json" -> new JsonTimeline(out, display);
      case "html" -> new HtmlTimeline(out, display);
      default -> new TimesketchTimeline(out);
    };
  }

  private Writer writer() throws IOException {
    if (output == null) {
      return new BufferedWriter(new OutputStreamWriter(new NonClosing(System.out), StandardCharsets.UTF_8), 1 << 16);
    }
    return Files.newBufferedWriter(output, StandardCharsets.UTF_8);
  }

  private static void warn(String message) {
    System.err.println("rowguard audit timeline: warning: " + message);
  }
}
