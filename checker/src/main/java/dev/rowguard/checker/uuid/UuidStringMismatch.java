package dev.rowguard.checker.uuid;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;
import static com.google.errorprone.matchers.Description.NO_MATCH;
import static com.google.errorprone.util.ASTHelpers.getReceiver;
import static com.google.errorprone.util.ASTHelpers.getSymbol;
import static com.google.errorprone.util.ASTHelpers.getType;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.collections.ComparedArguments;
import dev.rowguard.checker.collections.ComparedArguments.Side;
import dev.rowguard.checker.collections.ElementComparingMethods;
import dev.rowguard.checker.collections.ElementReceivingMethods;
import dev.rowguard.checker.collections.ElementTypes;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.uuid.UuidFlows.UuidFlow;

/**
 * Tenant ids as Strings compared with tenant ids as UUIDs never match: the syncdb incident. Error
 * Prone's CollectionIncompatibleType and EqualsIncompatibleType already report the direct cases
 * ({@code Set.contains}, {@code removeAll}, {@code Sets.difference}, {@code equals}); this check
 * covers only what they miss, so each mix is reported once: library helpers that compare elements
 * (Guava, commons-collections4, Spring) and collections of Object that receive both UUIDs and
 * Strings made from UUIDs.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "String ids and UUID ids are compared; a String never equals a UUID",
    severity = WARNING)
public final class UuidStringMismatch extends DocumentedCheck
    implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    // Defensive: only a tree with errors has no method symbol, and then there is nothing to say.
    if (!(getSymbol(tree.getMethodSelect()) instanceof MethodSymbol method)) {
      return NO_MATCH;
    }
    // Every String-side element below is a String argument; the comparing helpers are static.
    // Most calls are neither, and end here after looking at their argument types.
    boolean stringArgument = hasStringArgument(tree, state);
    if (!stringArgument && !method.isStatic()) {
      return NO_MATCH;
    }
    String name = method.getSimpleName().toString();
    if (method.isStatic()) {
      ComparedArguments compared = ElementComparingMethods.match(tree, name, state);
      if (compared != null) {
        return comparison(tree, method, compared, state);
      }
      return stringArgument && ElementReceivingMethods.isFactory(tree, name, state)
          ? factoryOfLooseCollection(tree, state)
          : NO_MATCH;
    }
    ExpressionTree element = ElementReceivingMethods.elementArgument(tree, name, state);
    return element == null ? NO_MATCH : elementOfLooseCollection(tree, name, element, state);
  }

  private static boolean hasStringArgument(MethodInvocationTree tree, VisitorState state) {
    for (ExpressionTree argument : tree.getArguments()) {
      if (ElementTypes.isString(getType(argument), state)) {
        return true;
      }
    }
    return false;
  }

  /** {@code CollectionUtils.removeAll(uuids, strings)} and the like. */
  private Description comparison(
      MethodInvocationTree tree,
      MethodSymbol method,
      ComparedArguments compared,
      VisitorState state) {
    Side uuids;
    Side strings;
    if (isMix(compared.first(), compared.second(), state)) {
      uuids = compared.first();
      strings = compared.second();
    } else if (isMix(compared.second(), compared.first(), state)) {
      uuids = compared.second();
      strings = compared.first();
    } else {
      return NO_MATCH;
    }
    String message =
        String.format(
            "%s.%s compares %s with %s; a String never equals a UUID, so no element matches."
                + " Convert the String side once, where it enters: UUID.fromString(s) or"
                + " .map(UUID::fromString).",
            method.owner.getSimpleName(),
            method.getSimpleName(),
            side("the UUIDs in", "the UUID", uuids, state),
            side("the Strings in", "the String", strings, state));
    Description.Builder description = buildDescription(tree).setMessage(message);
    StringSideFix.convert(method, strings, state).ifPresent(description::addFix);
    return description.build();
  }

  private static boolean isMix(Side uuids, Side strings, VisitorState state) {
    return ElementTypes.isUuid(uuids.elementType(), state)
        && ElementTypes.isString(strings.elementType(), state);
  }

  private static String side(String many, String one, Side side, VisitorState state) {
    return (side.shape() == ComparedArguments.Shape.CONTAINER ? many : one)
        + " "
        + Origins.describe(side.tree(), state);
  }

  /**
   * {@code seen.contains(id.toString())} where {@code seen} is a {@code Set<Object>} also given
   * UUIDs. Reported only when elements get compared: a Set or Map, or a lookup on either side.
   */
  private Description elementOfLooseCollection(
      MethodInvocationTree tree, String name, ExpressionTree element, VisitorState state) {
    // Cheapest first: most element calls are on collections typed for one kind of element.
    ExpressionTree receiver = getReceiver(tree);
    if (receiver == null
        || !holdsBoth(receiver, state)
        || UuidStrings.uuidBehind(element, state) == null
        || !(getSymbol(receiver) instanceof VarSymbol target)) {
      return NO_MATCH;
    }
    boolean compared =
        ElementReceivingMethods.isLookup(name)
            || ElementTypes.comparesOnInsert(getType(receiver), state);
    return looseMix(Origins.quote(receiver, state), element, target, compared, state);
  }

  /**
   * {@code Set.of(id, other.toString())}, or a factory with a String made from a UUID that
   * initializes (or is assigned to) a loose variable which receives UUIDs elsewhere.
   */
  private Description factoryOfLooseCollection(MethodInvocationTree tree, VisitorState state) {
    Type built = getType(tree);
    if (built == null || !ElementTypes.holdsBoth(ElementTypes.elementType(built, state), state)) {
      return NO_MATCH;
    }
    ExpressionTree string =
        tree.getArguments().stream()
            .filter(a -> UuidStrings.uuidBehind(a, state) != null)
            .findFirst()
            .orElse(null);
    if (string == null) {
      return NO_MATCH;
    }
    if (ElementTypes.comparesOnInsert(built, state)) {
      for (ExpressionTree argument : tree.getArguments()) {
        if (ElementTypes.isUuid(getType(argument), state)) {
          return report(Origins.quote(tree, state), string, argument, state);
        }
      }
    }
    Tree parent = state.getPath().getParentPath().getLeaf();
    Symbol assigned =
        parent instanceof VariableTree variable && variable.getInitializer() == tree
            ? getSymbol((Tree) variable)
            : parent instanceof AssignmentTree assignment && assignment.getExpression() == tree
                ? getSymbol(assignment.getVariable())
                : null;
    if (!(assigned instanceof VarSymbol target)) {
      return NO_MATCH;
    }
    boolean compared = ElementTypes.comparesOnInsert(target.type, state);
    return looseMix("`" + target.getSimpleName() + "`", string, target, compared, state);
  }

  /** Reports {@code string} if UUIDs reach {@code target} too, and the two get compared. */
  private Description looseMix(
      String collection,
      ExpressionTree string,
      VarSymbol target,
      boolean compared,
      VisitorState state) {
    UuidFlow uuids = UuidFlows.firstInto(target, state);
    if (uuids == null || !(compared || uuids.lookup())) {
      return NO_MATCH;
    }
    return report(collection, string, uuids.uuids(), state);
  }

  private static boolean holdsBoth(ExpressionTree collection, VisitorState state) {
    Type type = getType(collection);
    return type != null && ElementTypes.holdsBoth(ElementTypes.elementType(type, state), state);
  }

  private Description report(
      String collection, ExpressionTree string, ExpressionTree uuids, VisitorState state) {
    String message =
        String.format(
            "%s holds both UUIDs (%s, line %d) and Strings made from UUIDs (%s); a String never"
                + " equals a UUID, so lookups miss and duplicates slip in. Keep the UUID itself.",
            collection,
            Origins.quote(uuids, state),
            Origins.line(uuids, state),
            Origins.quote(string, state));
    Description.Builder description = buildDescription(string).setMessage(message);
    ExpressionTree converted = UuidStrings.direct(string, state);
    String uuidSource = converted == null ? null : state.getSourceForNode(converted);
    if (uuidSource != null) {
      description.addFix(SuggestedFix.replace(string, uuidSource));
    }
    return description.build();
  }
}
