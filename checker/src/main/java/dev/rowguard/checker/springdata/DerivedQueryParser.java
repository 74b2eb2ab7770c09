package dev.rowguard.checker.springdata;

import dev.rowguard.checker.springdata.DerivedQuery.Part;
import dev.rowguard.checker.springdata.DerivedQuery.Subject;
import dev.rowguard.checker.springdata.DerivedQuery.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses derived query method names the way Spring Data's {@code PartTree} does. A name that does
 * not parse is {@link Optional#empty()}: checks leave such methods alone.
 */
public final class DerivedQueryParser {

  // Spring's PartTree.PREFIX_TEMPLATE; the subject between prefix and By (First3, Distinct, All...)
  // is free text.
  private static final Pattern PREFIX =
      Pattern.compile(
          "^(find|read|get|query|search|stream|count|exists|delete|remove)((\\p{Lu}.*?))??By");
  private static final Pattern OR = Pattern.compile("Or(?=\\p{Lu})");
  private static final Pattern AND = Pattern.compile("And(?=\\p{Lu})");
  private static final String ORDER_BY = "OrderBy";
  private static final String ALL_IGNORE_CASE = "AllIgnoreCase";
  private static final String ALL_IGNORING_CASE = "AllIgnoringCase";

  private DerivedQueryParser() {}

  private static final List<String> PREFIXES =
      List.of(
          "find", "read", "get", "query", "search", "stream", "count", "exists", "delete",
          "remove");
  private static final List<String> READ_PREFIXES = PREFIXES.subList(0, 8);

  /**
   * Cheap name test before any type work: could {@code methodName} be a derived query? A yes still
   * needs {@link #parse}; a no is final.
   */
  public static boolean mayBeDerived(String methodName) {
    return methodName.contains("By") && PREFIXES.stream().anyMatch(methodName::startsWith);
  }

  /**
   * Like {@link #mayBeDerived}, for queries that only read (find, count, exists ...), not deletes.
   */
  public static boolean mayBeDerivedRead(String methodName) {
    return methodName.contains("By") && READ_PREFIXES.stream().anyMatch(methodName::startsWith);
  }

  /**
   * True for a derived find with no condition, which selects every row: {@code
   * findAllByOrderByNameAsc}, {@code streamAllBy}. {@link #parse} is empty for these names.
   */
  public static boolean findsEveryRow(String methodName) {
    Matcher m = PREFIX.matcher(methodName);
    if (!m.find() || subject(m.group(1)) != Subject.FIND) {
      return false;
    }
    String predicate = methodName.substring(m.end());
    return predicate.isEmpty() || predicate.startsWith(ORDER_BY);
  }

  /** Parses {@code methodName}; empty when it is not a derived query name. */
  public static Optional<DerivedQuery> parse(String methodName) {
    Matcher m = PREFIX.matcher(methodName);
    if (!m.find()) {
      return Optional.empty();
    }
    Subject subject = subject(m.group(1));
    String predicate = methodName.substring(m.end());
    int orderBy = predicate.indexOf(ORDER_BY);
    if (orderBy >= 0) {
      predicate = predicate.substring(0, orderBy);
    }
    boolean allIgnoreCase = false;
    for (String suffix : List.of(ALL_IGNORE_CASE, ALL_IGNORING_CASE)) {
      if (predicate.endsWith(suffix)) {
        predicate = predicate.substring(0, predicate.length() - suffix.length());
        allIgnoreCase = true;
      }
    }
    if (predicate.isEmpty()) {
      return Optional.empty();
    }
    List<List<Part>> groups = new ArrayList<>();
    int argument = 0;
    for (String orPart : OR.split(predicate)) {
      List<Part> group = new ArrayList<>();
      for (String andPart : AND.split(orPart)) {
        Optional<Part> part = part(andPart, argument, allIgnoreCase);
        if (part.isEmpty()) {
          return Optional.empty();
        }
        group.add(part.get());
        argument += part.get().type().arguments();
      }
      groups.add(group);
    }
    return Optional.of(new DerivedQuery(subject, groups));
  }

  private static Subject subject(String prefix) {
    return switch (prefix) {
      case "count" -> Subject.COUNT;
      case "exists" -> Subject.EXISTS;
      case "delete", "remove" -> Subject.DELETE;
      default -> Subject.FIND;
    };
  }

  private static Optional<Part> part(String source, int firstArgument, boolean allIgnoreCase) {
    String text = source;
    boolean ignoreCase = allIgnoreCase;
    for (String suffix : List.of("IgnoreCase", "IgnoringCase")) {
      if (text.endsWith(suffix)) {
        text = text.substring(0, text.length() - suffix.length());
        ignoreCase = true;
      }
    }
    Type type = Type.SIMPLE_PROPERTY;
    String property = text;
    search:
    for (Type t : Type.values()) {
      for (String keyword : t.keywords) {
        if (text.endsWith(keyword)) {
          type = t;
          property = text.substring(0, text.length() - keyword.length());
          break search;
        }
      }
    }
    if (property.isEmpty() || !Character.isUpperCase(property.charAt(0))) {
      return Optional.empty();
    }
    String uncapitalized = Character.toLowerCase(property.charAt(0)) + property.substring(1);
    return Optional.of(new Part(uncapitalized, type, firstArgument, ignoreCase));
  }
}
