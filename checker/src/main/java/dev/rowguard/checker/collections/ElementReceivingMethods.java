package dev.rowguard.checker.collections;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.instanceMethod;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import java.util.List;
import java.util.Set;

/**
 * The ways a value reaches a collection or map (as an element or key) or is looked up in one, for
 * following what a loosely typed {@code Set<Object>} or {@code Map<Serializable, V>} holds.
 */
public final class ElementReceivingMethods {

  /** A method that takes one element (or key) at {@code argument}. */
  private record ElementMethod(Matcher<ExpressionTree> matcher, int arity, int argument) {}

  private static final List<ElementMethod> ELEMENT_METHODS =
      List.of(
          new ElementMethod(
              instanceMethod()
                  .onDescendantOf("java.util.Collection")
                  .namedAnyOf("add", "contains", "remove"),
              1,
              0),
          new ElementMethod(
              instanceMethod()
                  .onDescendantOf("java.util.List")
                  .namedAnyOf("indexOf", "lastIndexOf"),
              1,
              0),
          new ElementMethod(instanceMethod().onDescendantOf("java.util.List").named("add"), 2, 1),
          new ElementMethod(
              instanceMethod().onDescendantOf("java.util.Queue").named("offer"), 1, 0),
          new ElementMethod(
              instanceMethod()
                  .onDescendantOf("java.util.Map")
                  .namedAnyOf("get", "containsKey", "remove"),
              1,
              0),
          new ElementMethod(
              instanceMethod()
                  .onDescendantOf("java.util.Map")
                  .namedAnyOf("put", "putIfAbsent", "getOrDefault", "computeIfAbsent"),
              2,
              0));

  /** Methods that take a whole collection (or map) of elements as their only argument. */
  private static final Matcher<ExpressionTree> BULK_METHODS =
      anyOf(
          instanceMethod()
              .onDescendantOf("java.util.Collection")
              .namedAnyOf("addAll", "containsAll", "removeAll", "retainAll"),
          instanceMethod().onDescendantOf("java.util.Map").named("putAll"));

  private static final Set<String> ELEMENT_NAMES =
      Set.of(
          "add",
          "contains",
          "remove",
          "indexOf",
          "lastIndexOf",
          "offer",
          "get",
          "containsKey",
          "put",
          "putIfAbsent",
          "getOrDefault",
          "computeIfAbsent");

  /** Calls that compare their argument with what is held, rather than only storing it. */
  private static final Set<String> LOOKUP_NAMES =
      Set.of(
          "contains",
          "remove",
          "indexOf",
          "lastIndexOf",
          "get",
          "containsKey",
          "getOrDefault",
          "containsAll",
          "removeAll",
          "retainAll");

  private static final Set<String> BULK_NAMES =
      Set.of("addAll", "containsAll", "removeAll", "retainAll", "putAll");

  /** The argument {@code tree} stores or looks up in its receiver, or null. */
  public static ExpressionTree elementArgument(
      MethodInvocationTree tree, String methodName, VisitorState state) {
    if (!ELEMENT_NAMES.contains(methodName)) {
      return null;
    }
    int arity = tree.getArguments().size();
    for (ElementMethod method : ELEMENT_METHODS) {
      if (method.arity() == arity && method.matcher().matches(tree, state)) {
        return tree.getArguments().get(method.argument());
      }
    }
    return null;
  }

  /** The collection (or map) whose elements {@code tree} adds to or compares with its receiver. */
  public static ExpressionTree bulkArgument(
      MethodInvocationTree tree, String methodName, VisitorState state) {
    return BULK_NAMES.contains(methodName)
            && tree.getArguments().size() == 1
            && BULK_METHODS.matches(tree, state)
        ? tree.getArguments().get(0)
        : null;
  }

  /**
   * Whether the element or bulk method named {@code methodName} compares its argument with the
   * elements held (a lookup) rather than only storing it.
   */
  public static boolean isLookup(String methodName) {
    return LOOKUP_NAMES.contains(methodName);
  }

  /** Whether every argument of {@code tree} becomes an element of the collection it returns. */
  public static boolean isFactory(
      MethodInvocationTree tree, String methodName, VisitorState state) {
    return CollectionFactories.TAKING_ELEMENTS.hasName(methodName)
        && CollectionFactories.TAKING_ELEMENTS.matcher().matches(tree, state);
  }

  private ElementReceivingMethods() {}
}
