package dev.rowguard.audit;

import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The properties form of {@link AuditOptions}: {@code rowguard.audit.<name>} for every {@link
 * AuditOption} (text as {@link AuditOption#parse} reads it; blank values are ignored). An unknown
 * {@code rowguard.audit.*} name or a bad value is an {@link IllegalArgumentException} whose message
 * names the property.
 */
final class AuditProperties {

  private AuditProperties() {}

  /** Reads every {@code rowguard.audit.*} property of {@code p} into {@code values}. */
  static void apply(Properties p, Map<AuditOption<?>, Object> values) {
    for (String key : p.stringPropertyNames()) {
      if (!key.startsWith(AuditOption.PREFIX)) {
        continue;
      }
      AuditOption<?> option =
          AuditOption.named(key.substring(AuditOption.PREFIX.length()))
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "unknown property " + key + "; known: " + known()));
      String text = p.getProperty(key);
      if (!text.isBlank()) {
        values.put(option, option.parse(text));
      }
    }
  }

  private static String known() {
    return AuditOption.all().stream().map(AuditOption::property).collect(Collectors.joining(", "));
  }
}
