package dev.rowguard.audit.log;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How the log spells an enum constant: its name in lower case ({@code TX_AGGREGATE} is {@code
 * tx_aggregate}). The one rule for {@link RecordKind} and {@link Trigger}.
 */
final class WireNames {

  private WireNames() {}

  static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** Each enum's constants by wire name, made once per enum (a reader asks for every record). */
  private static final ClassValue<Map<String, Object>> BY_NAME =
      new ClassValue<>() {
        @Override
        protected Map<String, Object> computeValue(Class<?> type) {
          Map<String, Object> m = new HashMap<>();
          for (Object constant : type.getEnumConstants()) {
            m.put(of((Enum<?>) constant), constant);
          }
          return Map.copyOf(m);
        }
      };

  /** The constant of {@code type} spelled {@code value}, or null for an unknown or absent value. */
  static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
    return value == null ? null : type.cast(BY_NAME.get(type).get(value));
  }
}
