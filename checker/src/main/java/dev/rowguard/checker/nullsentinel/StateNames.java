package dev.rowguard.checker.nullsentinel;

import dev.rowguard.checker.jpa.PersistentField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Whether a boolean method's name is about a field's own presence ({@code hasUri()}, {@code
 * isUriSet()}, {@code isDeleted()} for {@code deletedAt}) or names some other state ({@code
 * isLocal()} for {@code uri}).
 */
final class StateNames {

  /** Leading verbs of boolean accessors. */
  private static final Set<String> PREFIXES =
      Set.of("is", "has", "was", "are", "can", "should", "does", "needs", "get");

  /** Words that speak about presence itself, not about a state. */
  private static final Set<String> PRESENCE =
      Set.of(
          "set",
          "present",
          "null",
          "not",
          "no",
          "non",
          "empty",
          "missing",
          "defined",
          "known",
          "available",
          "blank",
          "absent",
          "specified",
          "given",
          "provided",
          "exists",
          "exist",
          "filled",
          "populated",
          "value");

  /**
   * Shared leading letters that make two words one stem ("verified"/"verification",
   * "deleted"/"deletedAt").
   */
  private static final int STEM = 4;

  private StateNames() {}

  /**
   * True when {@code methodName} names {@code field} (or nothing but presence) rather than another
   * state.
   */
  public static boolean namesField(String methodName, PersistentField field) {
    List<String> words = words(methodName);
    if (!words.isEmpty() && PREFIXES.contains(words.get(0))) {
      words.remove(0);
    }
    words.removeIf(PRESENCE::contains);
    if (words.isEmpty()) {
      return true;
    }
    List<String> fieldWords = words(field.name());
    fieldWords.addAll(words(field.columnName()));
    for (String w : words) {
      for (String f : fieldWords) {
        if (sameStem(w, f)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean sameStem(String a, String b) {
    if (a.equals(b)) {
      return true;
    }
    int common = 0;
    while (common < a.length() && common < b.length() && a.charAt(common) == b.charAt(common)) {
      common++;
    }
    return common >= STEM;
  }

  /** Lower-case words of a camelCase or snake_case name. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean boundary =
          c == '_'
              || (Character.isUpperCase(c) && i > 0 && !Character.isUpperCase(name.charAt(i - 1)));
      if (boundary && word.length() > 0) {
        words.add(word.toString().toLowerCase(Locale.ROOT));
        word.setLength(0);
      }
      if (c != '_') {
        word.append(c);
      }
    }
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
    }
    return words;
  }
}
