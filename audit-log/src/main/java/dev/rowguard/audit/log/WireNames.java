package dev.rowguard.audit.log;

import java.util.Locale;
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

  /** The constant of {@code type} spelled {@code value}, or null for an unknown or absent value. */
  static <E extends Enum<E>> @Nullable E parse(Class<E> type, @Nullable String value) {
    if (value == null) {
      return null;
    }
    for (E constant : type.getEnumConstants()) {
      if (of(constant).equals(value)) {
        return constant;
      }
    }
    return null;
  }
}
