package dev.rowguard.cli.audit;

import dev.rowguard.audit.log.RecordKind;
import dev.rowguard.cli.EnumConverter;
import dev.rowguard.cli.InvalidInputException;
import dev.rowguard.cli.OutputOption;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code rowguard audit timeline LOG...}: one chronological timeline from many logs and hosts. */
@Command(
    name = "timeline",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Merges audit logs (and access logs) into one chronological incident timeline.",
      "Audit logs of one or many hosts, and their access logs, become one timeline of",
      "what was deleted, when, by which code, in which request, and whether it was committed.",
      "Exit 0, or 2 on bad input (naming the file and line)."
    })
public final class TimelineCommand implements Callable<Integer> {

  /** The {@code --format} values. */
  enum Format {
    TEXT,
    JSON,
    HTML,
    TIMESKETCH;

    TimelineWriter writer(Writer out, ZoneId display, TraceLinks traces) throws IOException {
      return switch (this) {
        case TEXT -> new TextTimeline(out, display, traces);
        case JSON -> new JsonTimeline(out, display, traces);
        case HTML -> new HtmlTimeline(out, display, traces);
        case TIMESKETCH -> new TimesketchTimeline(out, traces);
      };
    }

    @Override
    public String toString() {
      return EnumConverter.label(this);
    }
  }

  /** The {@code --kind} values: the audit log's record kinds and access-log requests. */
  static final class Kinds implements Iterable<String> {
    static final List<String> ALL =
        Stream.concat(
                Stream.of(RecordKind.values()).map(RecordKind::wireName), Stream.of(Event.HTTP))
            .toList();

    @Override
    public Iterator<String> iterator() {
      return ALL.iterator();
    }
  }

  /** Rejects a {@code --kind} that no entry has, listing those there are. */
  static final class KindConverter implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      String kind = value.toLowerCase(Locale.ROOT);
      if (!Kinds.ALL.contains(kind)) {
        throw new TypeConversionException(
            "'" + value + "' is not a kind; use " + String.join(", ", Kinds.ALL));
      }
      return kind;
    }
  }

  @Spec CommandSpec spec;

  @Mixin LogArguments logs;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description =
          "Only entries at or after TIME: ISO-8601 with offset, or a local date-time with --zone.")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only entries at or before TIME.")
  String to;

  @Option(
      names = "--zone",
      paramLabel = "ZONE",
      description =
          "Zone to display times in and to read local --from/--to in (default UTC); the offset is always shown.")
  String zone;

  @Option(
      names = "--table",
      paramLabel = "TABLE",
      description = "Only statements on this table (repeatable).")
  List<String> tables = new ArrayList<>();

  @Option(
      names = "--tenant",
      paramLabel = "TENANT",
      description = "Only statements whose context has this tenant (repeatable).")
  List<String> tenants = new ArrayList<>();

  @Option(
      names = "--context",
      paramLabel = "KEY=VALUE",
      description = "Only statements whose context has KEY=VALUE (repeatable; all must match).")
  Map<String, String> context = new LinkedHashMap<>();

  @Option(
      names = "--min-rows",
      paramLabel = "N",
      description = "Only statements that deleted at least N rows.")
  long minRows;

  @Option(
      names = "--kind",
      paramLabel = "KIND",
      split = ",",
      converter = KindConverter.class,
      completionCandidates = Kinds.class,
      description = "Only these kinds: ${COMPLETION-CANDIDATES}.")
  List<String> kinds = new ArrayList<>();

  @Option(
      names = "--access-log",
      paramLabel = "[HOST=]FILE",
      description =
          "nginx/Apache combined-format access log to interleave (repeatable); HOST= says which host served it.")
  List<String> accessLogs = new ArrayList<>();

  @Option(
      names = "--access-log-zone",
      paramLabel = "ZONE",
      description = "Zone of access logs whose times carry no offset.")
  String accessLogZone;

  @Option(
      names = "--match-window",
      paramLabel = "SECONDS",
      defaultValue = "5",
      description =
          "Without a request id, a delete matches the closest request of its host within this many seconds (default 5).")
  long matchWindowSeconds;

  @Option(
      names = "--source",
      paramLabel = "DIR",
      description =
          "Source root (or project) to show each call site's line and method from (repeatable).")
  List<Path> sourceRoots = new ArrayList<>();

  // 100 is the audit logger's own default rowThreshold: what it calls a mass delete, this marks.
  @Option(
      names = "--many-rows",
      paramLabel = "N",
      defaultValue = "100",
      description =
          "Mark a transaction that deleted at least N rows of one table (default 100, the audit logger's rowThreshold).")
  long manyRows;

  @Option(
      names = "--many-tenants",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Mark a job (transaction, or 'job' context value) that touched at least N tenants (default 3).")
  int manyTenants;

  @Option(
      names = "--allowed-hours",
      paramLabel = "HH:MM-HH:MM",
      description =
          "Mark mass deletes outside these hours of the day, in --zone (default: no check).")
  String allowedHours;

  @Option(
      names = "--trace-url",
      paramLabel = "URL",
      description =
          "Link each entry's OpenTelemetry trace: a URL with {trace_id} (and optionally {span_id}) in it, e.g. 'https://tracing.example/trace/{trace_id}'.")
  String traceUrl;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Mixin OutputOption output;

  @Override
  public Integer call() throws IOException {
    ZoneId display = zone == null ? ZoneOffset.UTC : Times.zone("--zone", zone);
    ZoneId readZone = Times.zone("--zone", zone);
    ZoneId accessZone = Times.zone("--access-log-zone", accessLogZone);
    Instant fromTime = Times.instant("--from", from, readZone);
    Instant toTime = Times.instant("--to", to, readZone);
    if (fromTime != null && toTime != null && fromTime.isAfter(toTime)) {
      throw new InvalidInputException("--from " + from + " is after --to " + to + ": swap them");
    }
    TraceLinks traces = TraceLinks.parse(traceUrl);
    atLeast("--match-window", matchWindowSeconds, 0);
    atLeast("--min-rows", minRows, 0);
    atLeast("--many-rows", manyRows, 1);
    atLeast("--many-tenants", manyTenants, 2);
    for (Path root : sourceRoots) {
      if (!Files.isDirectory(root)) {
        throw new InvalidInputException(
            "--source " + root + " is not a directory: pass a source root or project directory");
      }
    }
    TimelineFilter filter =
        new TimelineFilter(
            fromTime,
            toTime,
            new LinkedHashSet<>(tables),
            new LinkedHashSet<>(tenants),
            context,
            minRows,
            new LinkedHashSet<>(kinds));
    Anomalies anomalies =
        new Anomalies(manyRows, manyTenants, Times.hours("--allowed-hours", allowedHours), display);
    AccessMatcher access =
        accessLogs.isEmpty() ? null : new AccessMatcher(Duration.ofSeconds(matchWindowSeconds));
    SourceLocator sources = sourceRoots.isEmpty() ? null : new SourceLocator(sourceRoots);
    List<AuditLog> audit = logs.resolve(fromTime);
    List<AccessLogSpec> specs = accessLogs.stream().map(AccessLogSpec::parse).toList();
    for (AccessLogSpec s : specs) {
      if (!Files.isRegularFile(s.file())) {
        throw new InvalidInputException(
            "--access-log " + s.file() + " does not exist or is not a file");
      }
    }
    try (Writer out = output.open();
        EventSource events =
            EventSources.open(
                audit,
                specs,
                accessZone,
                this::warn,
                fromTime == null
                    ? null
                    : fromTime.minus(Timeline.lookBack(Duration.ofSeconds(matchWindowSeconds))),
                toTime)) {
      new Timeline(anomalies, access, sources, filter, format.writer(out, display, traces))
          .run(events);
    }
    return 0;
  }

  /** A range check that names the option it is about. */
  static void atLeast(String option, long value, long min) {
    if (value < min) {
      throw new InvalidInputException(
          option + " " + value + " is out of range: it must be " + min + " or more");
    }
  }

  private void warn(String message) {
    spec.commandLine().getErr().println(spec.qualifiedName() + ": warning: " + message);
  }
}
