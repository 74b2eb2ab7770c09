package dev.rowguard.checker.nullsentinel;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.TypeTag;
import dev.rowguard.checker.jpa.Association;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Invocations;
import java.util.List;
import java.util.Optional;

/** Flags entity methods that derive a state from whether a persisted column is NULL. */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "An entity encodes a state in the NULL-ness of a persisted column",
    severity = WARNING)
public final class NullSentinelColumn extends DocumentedCheck implements MethodTreeMatcher {

  private static final List<String> POINT_IN_TIME =
      List.of("java.time.temporal.Temporal", "java.util.Date", "java.util.Calendar");

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    if (!tree.getParameters().isEmpty()
        || tree.getBody() == null
        || tree.getBody().getStatements().size() != 1) {
      return Description.NO_MATCH;
    }
    StatementTree only = tree.getBody().getStatements().get(0);
    if (!(only instanceof ReturnTree ret) || ret.getExpression() == null) {
      return Description.NO_MATCH;
    }
    // Syntax before types: every one-line getter gets this far.
    Optional<ExpressionTree> tested = nullTested(ret.getExpression());
    if (tested.isEmpty()) {
      return Description.NO_MATCH;
    }
    Symbol.MethodSymbol method = ASTHelpers.getSymbol(tree);
    if (method == null
        || !isBoolean(method.getReturnType(), state)
        || !(method.owner instanceof Symbol.ClassSymbol owner)
        || !(EntityModels.isEntity(owner) || EntityModels.isMappedSuperclass(owner))
        || isVisibleForTesting(method)) {
      return Description.NO_MATCH;
    }
    Optional<EntityModel> model = EntityModels.instance(state).of(owner);
    Optional<PersistentField> field = model.flatMap(m -> persistentField(m, tested.get()));
    if (field.isEmpty()
        || !field.get().nullable()
        || field.get().association() != Association.NONE
        || EntityModels.instance(state).ofElementOrSelf(field.get().symbol().type).isPresent()
        || isPointInTime(field.get().symbol().type, state)
        || StateNames.namesField(method.getSimpleName().toString(), field.get())) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree).setMessage(message(method, field.get())).build();
  }

  /**
   * A test-only accessor ({@code @VisibleForTesting boolean hasValueBlobForTesting()}, HAPI FHIR's
   * {@code TermConceptProperty}) asks whether the column holds a value; it is no state the
   * application reads. Any annotation of that simple name counts (Guava's, AndroidX's, a project's
   * own).
   */
  private static boolean isVisibleForTesting(Symbol.MethodSymbol method) {
    return Annotations.hasSimpleName(method, "VisibleForTesting");
  }

  private static boolean isBoolean(Type type, VisitorState state) {
    return type.getTag() == TypeTag.BOOLEAN
        || ASTHelpers.isSameType(type, state.getTypeFromString("java.lang.Boolean"), state);
  }

  /**
   * A nullable timestamp ({@code deactivatedAt}) records whether an event happened; its NULL is
   * that fact, not a stand-in for an unrelated state, so {@code isActive()} over it is fine.
   */
  private static boolean isPointInTime(Type type, VisitorState state) {
    for (String name : POINT_IN_TIME) {
      Type t = state.getTypeFromString(name);
      if (t != null && state.getTypes().isSubtype(state.getTypes().erasure(type), t)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The operand of {@code x == null}, {@code null != x}, {@code Objects.isNull(x)}, {@code
   * Objects.nonNull(x)}.
   */
  private static Optional<ExpressionTree> nullTested(ExpressionTree returned) {
    ExpressionTree e = ASTHelpers.stripParentheses(returned);
    if (e instanceof BinaryTree b
        && (e.getKind() == Tree.Kind.EQUAL_TO || e.getKind() == Tree.Kind.NOT_EQUAL_TO)) {
      if (isNull(b.getRightOperand())) {
        return Optional.of(b.getLeftOperand());
      }
      if (isNull(b.getLeftOperand())) {
        return Optional.of(b.getRightOperand());
      }
    }
    if (e instanceof MethodInvocationTree call && call.getArguments().size() == 1) {
      Symbol.MethodSymbol m = Invocations.symbol(call);
      if (m != null
          && m.owner.getQualifiedName().contentEquals("java.util.Objects")
          && List.of("isNull", "nonNull").contains(m.getSimpleName().toString())) {
        return Optional.of(call.getArguments().get(0));
      }
    }
    return Optional.empty();
  }

  /**
   * The persistent field read by {@code uri}, {@code this.uri}, {@code getUri()} or {@code
   * this.getUri()}.
   */
  private static Optional<PersistentField> persistentField(
      EntityModel model, ExpressionTree tested) {
    ExpressionTree e = ASTHelpers.stripParentheses(tested);
    if (e instanceof MethodInvocationTree call) {
      if (!call.getArguments().isEmpty() || !onThis(call.getMethodSelect())) {
        return Optional.empty();
      }
      Symbol.MethodSymbol getter = Invocations.symbol(call);
      return getter == null ? Optional.empty() : model.fieldForGetter(getter);
    }
    if (!onThis(e)) {
      return Optional.empty();
    }
    Symbol symbol = ASTHelpers.getSymbol(e);
    return symbol instanceof Symbol.VarSymbol ? model.field(symbol) : Optional.empty();
  }

  private static boolean onThis(ExpressionTree select) {
    if (select instanceof IdentifierTree) {
      return true;
    }
    return select instanceof MemberSelectTree member
        && member.getExpression() instanceof IdentifierTree receiver
        && receiver.getName().contentEquals("this");
  }

  private static boolean isNull(ExpressionTree t) {
    return ASTHelpers.stripParentheses(t).getKind() == Tree.Kind.NULL_LITERAL;
  }

  private static String message(Symbol.MethodSymbol method, PersistentField field) {
    return String.format(
        "%s() derives a state from whether column %s is NULL: any row that merely lacks a %s (an import, a bug,"
            + " a partial update) silently takes that state, and a lookup by a null %s matches all of them."
            + " Store the state in its own column (an enum or discriminator, e.g. @Enumerated kind) and keep %s"
            + " for its value.",
        method.getSimpleName(), field.columnName(), field.name(), field.name(), field.name());
  }
}
