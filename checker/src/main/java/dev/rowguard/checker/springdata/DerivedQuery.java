package dev.rowguard.checker.springdata;

import java.util.List;

/**
 * A Spring Data derived query method name, parsed as {@code PartTree} parses it: {@code
 * findFirst3ByUriAndDomainIgnoreCaseOrderByIdDesc} is a FIND with parts {@code uri = ?0} and {@code
 * domain = ?1 (ignore case)}.
 *
 * @param subject what the method does with the matching rows
 * @param orGroups the predicate as an OR of AND-groups, parts in argument order
 */
public record DerivedQuery(Subject subject, List<List<Part>> orGroups) {

  public DerivedQuery {
    orGroups = orGroups.stream().map(List::copyOf).toList();
  }

  /** What a derived query does. */
  public enum Subject {
    /** find, read, get, query, search, stream. */
    FIND,
    COUNT,
    EXISTS,
    /** delete and remove: every matching row is deleted. */
    DELETE
  }

  /**
   * One condition of the predicate.
   *
   * @param property the property path as written, uncapitalized ({@code addressZipCode}, {@code
   *     address_zipCode})
   * @param type the comparison
   * @param firstArgument index of the method parameter bound to it (meaningless when it takes none)
   * @param ignoreCase whether IgnoreCase or AllIgnoreCase applies
   */
  public record Part(String property, Type type, int firstArgument, boolean ignoreCase) {}

  /**
   * The comparison keywords, in the order Spring Data tries them (the first whose keyword ends the
   * part wins, so {@code LoggedIn} reads as {@code logged IN ?}, exactly as Spring reads it).
   */
  public enum Type {
    IS_NOT_NULL(0, "IsNotNull", "NotNull"),
    IS_NULL(0, "IsNull", "Null"),
    BETWEEN(2, "IsBetween", "Between"),
    LESS_THAN(1, "IsLessThan", "LessThan"),
    LESS_THAN_EQUAL(1, "IsLessThanEqual", "LessThanEqual"),
    GREATER_THAN(1, "IsGreaterThan", "GreaterThan"),
    GREATER_THAN_EQUAL(1, "IsGreaterThanEqual", "GreaterThanEqual"),
    BEFORE(1, "IsBefore", "Before"),
    AFTER(1, "IsAfter", "After"),
    NOT_LIKE(1, "IsNotLike", "NotLike"),
    LIKE(1, "IsLike", "Like"),
    STARTING_WITH(1, "IsStartingWith", "StartingWith", "StartsWith"),
    ENDING_WITH(1, "IsEndingWith", "EndingWith", "EndsWith"),
    IS_NOT_EMPTY(0, "IsNotEmpty", "NotEmpty"),
    IS_EMPTY(0, "IsEmpty", "Empty"),
    NOT_CONTAINING(1, "IsNotContaining", "NotContaining", "NotContains"),
    CONTAINING(1, "IsContaining", "Containing", "Contains"),
    NOT_IN(1, "IsNotIn", "NotIn"),
    IN(1, "IsIn", "In"),
    NEAR(1, "IsNear", "Near"),
    WITHIN(1, "IsWithin", "Within"),
    REGEX(1, "MatchesRegex", "Matches", "Regex"),
    EXISTS(0, "Exists"),
    TRUE(0, "IsTrue", "True"),
    FALSE(0, "IsFalse", "False"),
    NEGATING_SIMPLE_PROPERTY(1, "IsNot", "Not"),
    SIMPLE_PROPERTY(1, "Is", "Equals");

    final int arguments;
    final List<String> keywords;

    Type(int arguments, String... keywords) {
      this.arguments = arguments;
      this.keywords = List.of(keywords);
    }

    /** How many method parameters the part consumes. */
    public int arguments() {
      return arguments;
    }

    /**
     * True for {@code = ?} ({@code findByUri}): Spring Data renders a null argument of such a part
     * as {@code IS NULL} (and of a Not part as {@code IS NOT NULL}) instead of failing.
     */
    public boolean bindsNullAsIsNull() {
      return this == SIMPLE_PROPERTY || this == NEGATING_SIMPLE_PROPERTY;
    }
  }

  /** Every part, in argument order. */
  public List<Part> parts() {
    return orGroups.stream().flatMap(List::stream).toList();
  }

  /** The parts bound to method parameter {@code index}. */
  public List<Part> partsForArgument(int index) {
    return parts().stream()
        .filter(
            p ->
                p.type().arguments() > 0
                    && index >= p.firstArgument()
                    && index < p.firstArgument() + p.type().arguments())
        .toList();
  }

  /** True when the predicate has exactly one AND-group (no Or). */
  public boolean isConjunction() {
    return orGroups.size() == 1;
  }
}
