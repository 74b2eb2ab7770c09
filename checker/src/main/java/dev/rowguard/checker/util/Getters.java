package dev.rowguard.checker.util;

import java.util.List;
import java.util.Optional;

/**
 * The JavaBeans getter naming rule: {@code getUri()} and {@code isActive()} read {@code uri} and
 * {@code active}.
 */
public final class Getters {

  private static final List<String> PREFIXES = List.of("get", "is");

  private Getters() {}

  /** True when {@code methodName} is a getter name of {@code property}. */
  public static boolean isGetterOf(CharSequence methodName, String property) {
    String capitalized = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    return PREFIXES.stream().anyMatch(prefix -> methodName.toString().equals(prefix + capitalized));
  }

  /** The property a getter name reads: {@code uri} for {@code getUri}. */
  public static Optional<String> property(String methodName) {
    for (String prefix : PREFIXES) {
      if (methodName.length() > prefix.length()
          && methodName.startsWith(prefix)
          && Character.isUpperCase(methodName.charAt(prefix.length()))) {
        return Optional.of(
            Character.toLowerCase(methodName.charAt(prefix.length()))
                + methodName.substring(prefix.length() + 1));
      }
    }
    return Optional.empty();
  }
}
