package dev.rowguard.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts an enumerated option's value to its constant, ignoring case, and rejects any other value
 * with a line that lists the valid ones as they are typed (lower case, as {@code toString()} gives
 * them; picocli's own message lists the constants' names). Each option's enum has a subclass, since
 * picocli instantiates converters by class.
 */
public abstract class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

  private final Class<E> type;
  private final String noun;

  protected EnumConverter(Class<E> type, String noun) {
    this.type = type;
    this.noun = noun;
  }

  @Override
  public E convert(String value) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value) || e.toString().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new TypeConversionException(
        "'"
            + value
            + "' is not "
            + article(noun)
            + " "
            + noun
            + "; use one of "
            + Arrays.stream(type.getEnumConstants())
                .map(Object::toString)
                .collect(Collectors.joining(", ")));
  }

  private static String article(String noun) {
    return "aeiou".indexOf(Character.toLowerCase(noun.charAt(0))) >= 0 ? "an" : "a";
  }

  /** For enums whose constants are typed in lower case. */
  public static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
