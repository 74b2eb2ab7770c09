package dev.rowguard.checker.collections;

import static com.google.errorprone.matchers.method.MethodMatchers.staticMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.List;
import java.util.Set;

/**
 * Static library methods that compare the elements of their first argument with those of their
 * second with {@code equals}: whole collections, or a collection and one element.
 *
 * <p>Only methods that Error Prone's own CollectionIncompatibleType does NOT check are listed
 * ({@code Collection.removeAll}, {@code Collections.disjoint} and Guava's {@code Sets.difference}
 * are its); listing one of those here would report the same mix twice. Every method takes exactly
 * two parameters; overloads with a third (an {@code Equator} or {@code Predicate}) decide equality
 * themselves and are left alone.
 */
public final class ElementComparingMethods {

  private static final String GUAVA_SETS = "com.google.common.collect.Sets";
  private static final String GUAVA_ITERABLES = "com.google.common.collect.Iterables";
  private static final String GUAVA_ITERATORS = "com.google.common.collect.Iterators";
  private static final String COMMONS_COLLECTIONS =
      "org.apache.commons.collections4.CollectionUtils";
  private static final String COMMONS_SETS = "org.apache.commons.collections4.SetUtils";
  private static final String COMMONS_LISTS = "org.apache.commons.collections4.ListUtils";
  private static final String SPRING_COLLECTIONS = "org.springframework.util.CollectionUtils";

  private static final List<Matcher<ExpressionTree>> METHODS =
      List.of(
          staticMethod()
              .onClass(GUAVA_SETS)
              .namedAnyOf("intersection", "union", "symmetricDifference"),
          staticMethod()
              .onClassAny(GUAVA_ITERABLES, GUAVA_ITERATORS)
              .namedAnyOf("contains", "frequency", "removeAll", "retainAll", "elementsEqual"),
          staticMethod()
              .onClass(COMMONS_COLLECTIONS)
              .namedAnyOf(
                  "subtract",
                  "intersection",
                  "union",
                  "disjunction",
                  "removeAll",
                  "retainAll",
                  "containsAny",
                  "containsAll",
                  "isEqualCollection",
                  "isSubCollection",
                  "isProperSubCollection"),
          staticMethod()
              .onClass(COMMONS_SETS)
              .namedAnyOf("difference", "intersection", "union", "disjunction", "isEqualSet"),
          staticMethod()
              .onClass(COMMONS_LISTS)
              .namedAnyOf(
                  "subtract",
                  "intersection",
                  "union",
                  "sum",
                  "removeAll",
                  "retainAll",
                  "isEqualList"),
          staticMethod()
              .onClass(SPRING_COLLECTIONS)
              .namedAnyOf("contains", "containsAny", "findFirstMatch"));

  /** Every name above: the one test most method calls have to pass through. */
  private static final Set<String> NAMES =
      Set.of(
          "intersection",
          "union",
          "symmetricDifference",
          "contains",
          "frequency",
          "removeAll",
          "retainAll",
          "elementsEqual",
          "subtract",
          "disjunction",
          "containsAny",
          "containsAll",
          "isEqualCollection",
          "isSubCollection",
          "isProperSubCollection",
          "difference",
          "isEqualSet",
          "sum",
          "isEqualList",
          "findFirstMatch");

  /**
   * The two arguments whose elements {@code tree} compares, or null if it is not one of the methods
   * above.
   */
  public static ComparedArguments match(
      MethodInvocationTree tree, String methodName, VisitorState state) {
    if (!NAMES.contains(methodName) || tree.getArguments().size() < 2) {
      return null;
    }
    for (Matcher<ExpressionTree> method : METHODS) {
      if (method.matches(tree, state)) {
        return ComparedArguments.of(tree, state);
      }
    }
    return null;
  }

  private ElementComparingMethods() {}
}
