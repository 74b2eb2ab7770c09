package dev.rowguard.audit;

import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One option of an {@link AuditedDataSource}, declared once: its property name ({@code
 * rowguard.audit.<name>}), default, validation and one-line documentation. The record {@link
 * AuditOptions}, the {@link AuditedDataSource.Builder}, the properties form ({@link
 * AuditedDataSource#fromProperties}), the Spring Boot binding and its IDE metadata, and the options
 * table of docs/AUDIT-LOG.md are all derived from {@link #all()}; a test keeps that table equal to
 * this one.
 *
 * <p>The two user choices sit side by side and are spelled the same way: {@link #DURABILITY}
 * ({@link Durability}, owned by the log writer: {@code sync} or {@code async}) and {@link
 * #FAILURE_MODE} ({@link FailureMode}: {@code failOpen} or {@code failClosed}). A choice is written
 * as its constant in lower camel case; case, {@code -} and {@code _} are ignored when read.
 *
 * @param <T> the type of the value, as in {@link AuditOptions}
 */
public final class AuditOption<T> {

  /** Every property name starts with this. */
  public static final String PREFIX = "rowguard.audit.";

  public static final AuditOption<Path> DIRECTORY =
      path("directory", AuditOptions::directory, true, "log directory, created if missing");

  public static final AuditOption<Durability> DURABILITY =
      choice(
          "durability",
          AuditOptions::durability,
          Durability.class,
          WriterOptions.DEFAULT_DURABILITY,
          "`sync`: a record is on disk before the statement returns; `async`: it is queued and written in batches");

  public static final AuditOption<FailureMode> FAILURE_MODE =
      choice(
          "failureMode",
          AuditOptions::failureMode,
          FailureMode.class,
          FailureMode.FAIL_OPEN,
          "`failOpen`: the application continues and SLF4J reports what was not recorded; `failClosed`: deletes are refused while the log cannot be written");

  public static final AuditOption<Long> ROW_THRESHOLD =
      rows(
          "rowThreshold",
          AuditOptions::rowThreshold,
          100L,
          1,
          false,
          "a DELETE affecting at least this many rows, or a transaction whose DELETEs on one table add up to it, is a mass delete");

  public static final AuditOption<Long> MAX_ROWS_PER_STATEMENT =
      rows(
          "maxRowsPerStatement",
          AuditOptions::maxRowsPerStatement,
          0L,
          0,
          true,
          "guard: refuse a DELETE affecting more rows, with those ON DELETE CASCADE removes");

  public static final AuditOption<Long> MAX_ROWS_PER_TRANSACTION =
      rows(
          "maxRowsPerTransaction",
          AuditOptions::maxRowsPerTransaction,
          0L,
          0,
          true,
          "guard: refuse a DELETE that takes its transaction's deleted rows on one table (with their cascades) above this");

  public static final AuditOption<Boolean> MASK_QUERY_TEXT =
      new AuditOption<>(
          "maskQueryText",
          AuditOptions::maskQueryText,
          "java.lang.Boolean",
          true,
          AuditOption::bool,
          String::valueOf,
          v -> null,
          List.of("true", "false"),
          false,
          false,
          "replace literals in `db.query.text` by `?`");

  public static final AuditOption<List<String>> CALL_SITE_EXCLUDES =
      names(
          "callSiteExcludes",
          AuditOptions::callSiteExcludes,
          List.of(),
          "comma-separated class-name prefixes to skip, on top of the built-in list, when finding the call site");

  public static final AuditOption<List<String>> CONTEXT_MDC_KEYS =
      names(
          "contextMdcKeys",
          AuditOptions::contextMdcKeys,
          List.of("tenant", "user", "requestId", "request_id", "route"),
          "SLF4J MDC keys copied into `context`");

  public static final AuditOption<Integer> CHECKPOINT_EVERY_RECORDS =
      new AuditOption<>(
          "checkpointEveryRecords",
          AuditOptions::checkpointEveryRecords,
          "java.lang.Integer",
          WriterOptions.DEFAULT_CHECKPOINT_EVERY_RECORDS,
          AuditOption::integer,
          String::valueOf,
          v -> v < 1 ? "must be at least 1" : null,
          List.of(),
          false,
          false,
          "checkpoint after this many records");

  public static final AuditOption<Duration> CHECKPOINT_INTERVAL_SECONDS =
      new AuditOption<>(
          "checkpointIntervalSeconds",
          AuditOptions::checkpointInterval,
          "java.lang.Long",
          WriterOptions.DEFAULT_CHECKPOINT_INTERVAL,
          (name, text) -> Duration.ofSeconds(whole(name, text)),
          AuditOption::seconds,
          v -> v.isNegative() || v.isZero() ? "must be at least 1 (seconds)" : null,
          List.of(),
          false,
          false,
          "or this long after the previous checkpoint");

  public static final AuditOption<Path> SIGNING_KEY =
      path(
          "signingKey",
          AuditOptions::signingKey,
          false,
          "PEM file with the Ed25519 key pair that signs checkpoints");

  public static final AuditOption<Long> MAX_FILE_BYTES =
      new AuditOption<>(
          "maxFileBytes",
          AuditOptions::maxFileBytes,
          "java.lang.Long",
          WriterOptions.DEFAULT_MAX_FILE_BYTES,
          AuditOption::whole,
          String::valueOf,
          v ->
              v < WriterOptions.MIN_MAX_FILE_BYTES
                  ? "must be at least " + WriterOptions.MIN_MAX_FILE_BYTES
                  : null,
          List.of(),
          false,
          false,
          "rotate files at this size");

  public static final AuditOption<Duration> WRITE_TIMEOUT_SECONDS =
      new AuditOption<>(
          "writeTimeoutSeconds",
          AuditOptions::writeTimeout,
          "java.lang.Long",
          WriterOptions.DEFAULT_WRITE_TIMEOUT,
          (name, text) -> Duration.ofSeconds(whole(name, text)),
          AuditOption::seconds,
          v -> v.isNegative() || v.isZero() ? "must be at least 1 (seconds)" : null,
          List.of(),
          false,
          false,
          "longest wait for the log directory's lock held by another writer (a frozen process, a"
              + " hung mount); a record not on disk within twice this fails, then `failureMode`"
              + " applies");

  public static final AuditOption<Capture> CAPTURE =
      choice(
          "capture",
          AuditOptions::capture,
          Capture.class,
          Capture.KEYS,
          "what is kept of the rows a recorded delete removed, in `rows-NNNNNN.jsonl` beside the"
              + " log: `none`; `keys`: their primary keys; `rows`: every column (docs/RESTORE.md)");

  public static final AuditOption<List<String>> CAPTURE_ROWS =
      names(
          "captureRows",
          AuditOptions::captureRows,
          List.of(),
          "comma-separated tables captured as whole rows whatever `capture` says");

  public static final AuditOption<List<String>> CAPTURE_NONE =
      names(
          "captureNone",
          AuditOptions::captureNone,
          List.of(),
          "comma-separated tables never captured whatever `capture` says");

  public static final AuditOption<Long> CAPTURE_MAX_ROWS =
      rows(
          "captureMaxRows",
          AuditOptions::captureMaxRows,
          100_000L,
          1,
          false,
          "most captured rows one transaction holds in memory (one statement's, and the deletes"
              + " below the threshold kept until the transaction ends); rows beyond are not"
              + " captured and the record's `rowguard.rows.captured` says so");

  public static final AuditOption<Path> CAPTURE_PUBLIC_KEY =
      path(
          "capturePublicKey",
          AuditOptions::capturePublicKey,
          false,
          "PEM file with an RSA public key that captured rows are encrypted to (the private key"
              + " stays off this host: `restore-plan --private-key`)");

  public static final AuditOption<Duration> HEARTBEAT_INTERVAL_SECONDS =
      new AuditOption<>(
          "heartbeatIntervalSeconds",
          AuditOptions::heartbeatInterval,
          "java.lang.Long",
          WriterOptions.DEFAULT_HEARTBEAT_INTERVAL,
          (name, text) -> Duration.ofSeconds(whole(name, text)),
          AuditOption::seconds,
          v -> v.isNegative() ? "must be 0 (off) or more (seconds)" : null,
          List.of(),
          true,
          false,
          "a checkpoint at least this often even when idle (a heartbeat), so that a witness tells an"
              + " idle writer from a log whose newest records were cut off (docs/FLEET.md)");

  public static final AuditOption<Path> WITNESS =
      path(
          "witness",
          AuditOptions::witness,
          false,
          "directory that receives a copy of every checkpoint, where the application cannot rewrite"
              + " it; `rowguard audit verify --witness DIR` then reports a cut-off tail");

  private static final List<AuditOption<?>> ALL =
      List.of(
          DIRECTORY,
          DURABILITY,
          FAILURE_MODE,
          ROW_THRESHOLD,
          MAX_ROWS_PER_STATEMENT,
          MAX_ROWS_PER_TRANSACTION,
          MASK_QUERY_TEXT,
          CALL_SITE_EXCLUDES,
          CONTEXT_MDC_KEYS,
          CHECKPOINT_EVERY_RECORDS,
          CHECKPOINT_INTERVAL_SECONDS,
          SIGNING_KEY,
          MAX_FILE_BYTES,
          WRITE_TIMEOUT_SECONDS,
          CAPTURE,
          CAPTURE_ROWS,
          CAPTURE_NONE,
          CAPTURE_MAX_ROWS,
          CAPTURE_PUBLIC_KEY,
          HEARTBEAT_INTERVAL_SECONDS,
          WITNESS);

  /** Property text to value; the first argument is the property name, for the message. */
  private interface Parser<T> {
    T parse(String property, String text);
  }

  private final String name;
  private final Function<AuditOptions, @Nullable T> read;
  private final String javaType;
  private final @Nullable T defaultValue;
  private final Parser<T> parser;
  private final Function<T, String> format;
  private final Function<T, @Nullable String> rule;
  private final List<String> values;
  private final boolean zeroIsOff;
  private final boolean required;
  private final String doc;

  private AuditOption(
      String name,
      Function<AuditOptions, @Nullable T> read,
      String javaType,
      @Nullable T defaultValue,
      Parser<T> parser,
      Function<T, String> format,
      Function<T, @Nullable String> rule,
      List<String> values,
      boolean zeroIsOff,
      boolean required,
      String doc) {
    this.name = name;
    this.required = required;
    this.read = read;
    this.javaType = javaType;
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.format = format;
    this.rule = rule;
    this.values = values;
    this.zeroIsOff = zeroIsOff;
    this.doc = doc;
  }

  /** Every option, in the order of the docs table and of {@link AuditOptions}' components. */
  public static List<AuditOption<?>> all() {
    return ALL;
  }

  /**
   * The option called {@code name}: {@code rowThreshold}, {@code row-threshold}, {@code
   * row_threshold} or {@code ROWTHRESHOLD} (case, {@code -} and {@code _} are ignored), without the
   * prefix.
   */
  public static Optional<AuditOption<?>> named(String name) {
    String key = normalized(name);
    return ALL.stream().filter(o -> normalized(o.name).equals(key)).findFirst();
  }

  /** The name after {@link #PREFIX}, in camel case: {@code rowThreshold}. */
  public String name() {
    return name;
  }

  /** The property name: {@code rowguard.audit.rowThreshold}. */
  public String property() {
    return PREFIX + name;
  }

  /** One line (Markdown) saying what the option does. */
  public String doc() {
    return doc;
  }

  /**
   * The default, or null for an option that has none ({@code directory} is required, {@code
   * signingKey} optional).
   */
  public @Nullable T defaultValue() {
    return defaultValue;
  }

  /** True for {@code directory}: there is no default and no audited DataSource without it. */
  public boolean required() {
    return required;
  }

  /**
   * The values a choice or flag accepts as written in properties ({@code sync}, {@code async});
   * empty for the others.
   */
  public List<String> values() {
    return values;
  }

  /**
   * The Java type a property value is read as, for IDE metadata: {@code java.lang.Long}, {@code
   * java.lang.String}.
   */
  public String javaType() {
    return javaType;
  }

  /**
   * The value as written in properties: {@code failOpen}, {@code 100}, {@code tenant,user}, {@code
   * 60}.
   */
  public String format(T value) {
    return format.apply(value);
  }

  /**
   * The docs table's default column: {@code `100`}, {@code `0` (off)}, {@code (required)}, {@code
   * (none)}.
   */
  public String defaultText() {
    T d = defaultValue;
    if (d == null) {
      return required() ? "(required)" : "(none)";
    }
    String text = format(d);
    if (text.isEmpty()) {
      return "(none)";
    }
    return "`" + text + "`" + (zeroIsOff && isZero(d) ? " (off)" : "");
  }

  /**
   * Reads property text (trimmed) into a value and checks it.
   *
   * @throws IllegalArgumentException with a one-line message naming the property
   */
  public T parse(String text) {
    T value = parser.parse(property(), text.trim());
    check(value);
    return value;
  }

  /** This option's value in {@code options}. */
  public @Nullable T get(AuditOptions options) {
    return read.apply(options);
  }

  /**
   * How the start-up line shows the value: {@code sync}, {@code off} for a guard at 0, {@code
   * none}.
   */
  String describe(@Nullable T value) {
    if (value == null) {
      return "none";
    }
    return zeroIsOff && isZero(value) ? "off" : format(value);
  }

  /** Throws the one-line message for a value this option does not accept. */
  void check(@Nullable T value) {
    if (value == null) {
      if (required()) {
        throw new IllegalArgumentException(
            "the audit log directory is not set: pass it to AuditedDataSource.wrap or set "
                + property());
      }
      if (defaultValue != null) {
        throw new IllegalArgumentException(property() + " must not be null");
      }
      return;
    }
    String broken = rule.apply(value);
    if (broken != null) {
      throw new IllegalArgumentException(property() + " " + broken + ", was " + format(value));
    }
  }

  /** The value set in {@code values}, or the default. */
  @SuppressWarnings("unchecked")
  @Nullable T in(Map<AuditOption<?>, Object> values) {
    return values.containsKey(this) ? (T) values.get(this) : defaultValue;
  }

  @Override
  public String toString() {
    return property();
  }

  private static boolean isZero(Object value) {
    return value instanceof Number n && n.longValue() == 0
        || value instanceof Duration d && d.isZero();
  }

  private static String normalized(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static AuditOption<Path> path(
      String name, Function<AuditOptions, @Nullable Path> read, boolean required, String doc) {
    return new AuditOption<>(
        name,
        read,
        "java.nio.file.Path",
        null,
        (p, text) -> Path.of(text),
        Path::toString,
        v -> null,
        List.of(),
        false,
        required,
        doc);
  }

  /** {@code FAIL_OPEN} is written {@code failOpen}. */
  private static <E extends Enum<E>> AuditOption<E> choice(
      String name,
      Function<AuditOptions, @Nullable E> read,
      Class<E> type,
      E defaultValue,
      String doc) {
    List<String> spellings =
        Arrays.stream(type.getEnumConstants()).map(AuditOption::camel).toList();
    Parser<E> parser =
        (property, text) ->
            Arrays.stream(type.getEnumConstants())
                .filter(e -> normalized(e.name()).equals(normalized(text)))
                .findFirst()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            property
                                + " must be "
                                + String.join(" or ", spellings)
                                + ", was '"
                                + text
                                + "'"));
    return new AuditOption<>(
        name,
        read,
        "java.lang.String",
        defaultValue,
        parser,
        AuditOption::camel,
        v -> null,
        spellings,
        false,
        false,
        doc);
  }

  private static AuditOption<Long> rows(
      String name,
      Function<AuditOptions, @Nullable Long> read,
      long defaultValue,
      long min,
      boolean zeroIsOff,
      String doc) {
    String broken = "must be at least " + min + (zeroIsOff ? " (0 = off)" : "");
    return new AuditOption<>(
        name,
        read,
        "java.lang.Long",
        defaultValue,
        AuditOption::whole,
        String::valueOf,
        v -> v < min ? broken : null,
        List.of(),
        zeroIsOff,
        false,
        doc);
  }

  private static AuditOption<List<String>> names(
      String name,
      Function<AuditOptions, @Nullable List<String>> read,
      List<String> defaultValue,
      String doc) {
    Parser<List<String>> parser =
        (p, text) ->
            Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    return new AuditOption<>(
        name,
        read,
        "java.util.List<java.lang.String>",
        defaultValue,
        parser,
        v -> String.join(",", v),
        v -> null,
        List.of(),
        false,
        false,
        doc);
  }

  private static String camel(Enum<?> e) {
    StringBuilder out = new StringBuilder();
    for (String part : e.name().toLowerCase(Locale.ROOT).split("_")) {
      out.append(
          out.length() == 0 || part.isEmpty()
              ? part
              : Character.toUpperCase(part.charAt(0)) + part.substring(1));
    }
    return out.toString();
  }

  private static long whole(String property, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(property + " must be a whole number, was '" + text + "'");
    }
  }

  private static int integer(String property, String text) {
    long v = whole(property, text);
    if (v != (int) v) {
      throw new IllegalArgumentException(
          property + " must be at most " + Integer.MAX_VALUE + ", was " + text);
    }
    return (int) v;
  }

  private static boolean bool(String property, String text) {
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    throw new IllegalArgumentException(property + " must be true or false, was '" + text + "'");
  }

  private static String seconds(Duration d) {
    return d.getNano() == 0 ? Long.toString(d.getSeconds()) : d.toMillis() / 1000.0 + "";
  }
}
