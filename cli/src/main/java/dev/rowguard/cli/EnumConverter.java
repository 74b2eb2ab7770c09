package dev.rowguard.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts an enumerated option's value to its constant, ignoring case, and rejects any other value
 * with a line that lists the valid ones as they are typed (lower case, as {@code toString()} gives
 * them; picocli's own message lists the constants' names). {@link #installFor} registers one for
 * every enum an option of the command tree takes, so no option names a converter.
 */
public final class EnumConverter<E extends Enum<E>> implements ITypeConverter<E> {

  private final Class<E> type;
  private final String noun;

  private EnumConverter(Class<E> type, String noun) {
    this.type = type;
    this.noun = noun;
  }

  /**
   * Registers a converter for each enum type an option of {@code cli} or its subcommands takes; the
   * noun in its message is the option's parameter label in lower case ({@code FORMAT}: "not a
   * format").
   */
  public static void installFor(CommandLine cli) {
    Map<Class<?>, String> nouns = new LinkedHashMap<>();
    collect(cli.getCommandSpec(), nouns);
    nouns.forEach((type, noun) -> register(cli, type.asSubclass(Enum.class), noun));
  }

  private static void collect(CommandSpec spec, Map<Class<?>, String> nouns) {
    for (OptionSpec option : spec.options()) {
      if (option.type().isEnum()) {
        nouns.putIfAbsent(
            option.type(), option.paramLabel().replaceAll("[<>]", "").toLowerCase(Locale.ROOT));
      }
    }
    for (CommandLine sub : spec.subcommands().values()) {
      collect(sub.getCommandSpec(), nouns);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // the key type and the converter's are one
  private static void register(CommandLine cli, Class<? extends Enum> type, String noun) {
    cli.registerConverter((Class) type, new EnumConverter(type, noun));
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
