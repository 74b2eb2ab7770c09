package dev.rowguard.audit;

import dev.rowguard.audit.log.Durability;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads {@link AuditOptions} from {@code rowguard.audit.*} properties. Names are the option names:
 * {@code directory}, {@code durability} ({@code sync|async}), {@code failureMode}
 * ({@code failOpen|failClosed}), {@code rowThreshold}, {@code maxRowsPerStatement},
 * {@code maxRowsPerTransaction}, {@code maskQueryText}, {@code callSiteExcludes} and
 * {@code contextMdcKeys} (comma-separated), {@code checkpointEveryRecords},
 * {@code checkpointIntervalSeconds}, {@code signingKey}, {@code maxFileBytes}. An unknown
 * {@code rowguard.audit.*} name or a bad value is an {@link IllegalArgumentException} whose message
 * names the property.
 */
public final class AuditProperties {

  public static final String PREFIX = "rowguard.audit.";

  private static final Set<String> NAMES = new TreeSet<>(List.of("directory", "durability", "failureMode",
      "rowThreshold", "maxRowsPerStatement", "maxRowsPerTransaction", "maskQueryText", "callSiteExcludes",
      "contextMdcKeys", "checkpointEveryRecords", "checkpointIntervalSeconds", "signingKey", "maxFileBytes"));

  private AuditProperties() {}

  /** Applies every {@code rowguard.audit.*} property in {@code p} on top of {@code base}. */
  public static AuditOptions apply(AuditOptions base, Properties p) {
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith(PREFIX) && !NAMES.contains(name.substring(PREFIX.length()))) {
        throw new IllegalArgumentException("unknown property " + name + "; known: " + PREFIX + String.join(", " + PREFIX, NAMES));
      }
    }
    AuditOptions o = base;
    String dir = get(p, "directory");
    Path directory = dir == null ? o.directory() : Path.of(dir);
    String durability = get(p, "durability");
    String failure = get(p, "failureMode");
    String key = get(p, "signingKey");
    String excludes = get(p, "callSiteExcludes");
    String mdc = get(p, "contextMdcKeys");
    String interval = get(p, "checkpointIntervalSeconds");
    String mask = get(p, "maskQueryText");
    return new AuditOptions(
        directory,
        durability == null ? o.durability() : durability(durability),
        failure == null ? o.failureMode() : FailureMode.parse(failure),
        number(p, "rowThreshold", o.rowThreshold()),
        number(p, "maxRowsPerStatement", o.maxRowsPerStatement()),
        number(p, "maxRowsPerTransaction", o.maxRowsPerTransaction()),
        mask == null ? o.maskQueryText() : bool("maskQueryText", mask),
        excludes == null ? o.callSiteExcludes() : list(excludes),
        mdc == null ? o.contextMdcKeys() : list(mdc),
        (int) number(p, "checkpointEveryRecords", o.checkpointEveryRecords()),
        interval == null ? o.checkpointInterval() : Duration.ofSeconds(number(p, "checkpointIntervalSeconds", 0)),
        key == null ? o.signingKey() : Path.of(key),
        number(p, "maxFileBytes", o.maxFileBytes()));
  }

  static Durability durability(String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "sync" -> Durability.SYNC;
      case "async" -> Durability.ASYNC;
      default -> throw new IllegalArgumentException(PREFIX + "durability must be sync or async, was '" + value + "'");
    };
  }

  private static String get(Properties p, String name) {
    String v = p.getProperty(PREFIX + name);
    return v == null || v.isBlank() ? null : v.trim();
  }

  private static long number(Properties p, String name, long fallback) {
    String v = get(p, name);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(PREFIX + name + " must be a whole number, was '" + v + "'");
    }
  }

  private static boolean bool(String name, String v) {
    if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(PREFIX + name + " must be true or false, was '" + v + "'");
  }

  private static List<String> list(String v) {
    return Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
