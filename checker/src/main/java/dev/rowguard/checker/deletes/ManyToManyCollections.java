package dev.rowguard.checker.deletes;

import static com.google.errorprone.matchers.Matchers.anyOf;
import static com.google.errorprone.matchers.method.MethodMatchers.constructor;

import com.google.errorprone.VisitorState;
import com.google.errorprone.matchers.Matcher;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.collections.CollectionFactories;
import dev.rowguard.checker.jpa.Association;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/** Expressions that denote the collection of a {@code @ManyToMany} association of some entity. */
final class ManyToManyCollections {

  /** Copies of a collection: deleting the copy's elements deletes the association's elements. */
  private static final Matcher<ExpressionTree> COPY =
      anyOf(
          CollectionFactories.JDK_COPY_OF.matcher(),
          constructor()
              .forClass(
                  (type, s) -> type.tsym.getQualifiedName().toString().startsWith("java.util.")));

  private ManyToManyCollections() {}

  /**
   * A many-to-many collection read in {@code expression}.
   *
   * @param field the association
   * @param live the expression as written when it is the live collection itself (so that {@code
   *     live.clear()} unassigns), empty when it is a copy
   */
  record Reference(PersistentField field, Optional<ExpressionTree> live) {}

  /**
   * The many-to-many association {@code expression} reads: {@code owner.getTags()}, {@code
   * owner.tags}, a copy of either, or an effectively final local holding one.
   */
  static Optional<Reference> of(ExpressionTree expression, VisitorState state) {
    ExpressionTree e = ASTHelpers.stripParentheses(expression);
    if (isCopy(e, state)) {
      return association(copied(e), state).map(f -> new Reference(f, Optional.empty()));
    }
    Optional<PersistentField> direct = association(e, state);
    if (direct.isPresent()) {
      return Optional.of(new Reference(direct.get(), Optional.of(e)));
    }
    Optional<ExpressionTree> init = LocalValues.initializer(e, state);
    if (init.isEmpty()) {
      return Optional.empty();
    }
    ExpressionTree value = ASTHelpers.stripParentheses(init.get());
    if (isCopy(value, state)) {
      return association(copied(value), state).map(f -> new Reference(f, Optional.empty()));
    }
    return association(value, state).map(f -> new Reference(f, Optional.of(e)));
  }

  private static boolean isCopy(ExpressionTree e, VisitorState state) {
    List<? extends ExpressionTree> args =
        e instanceof MethodInvocationTree call
            ? call.getArguments()
            : e instanceof NewClassTree newClass ? newClass.getArguments() : List.of();
    return args.size() == 1 && COPY.matches(e, state);
  }

  private static ExpressionTree copied(ExpressionTree copy) {
    return ASTHelpers.stripParentheses(
        copy instanceof MethodInvocationTree call
            ? call.getArguments().get(0)
            : ((NewClassTree) copy).getArguments().get(0));
  }

  private static Optional<PersistentField> association(ExpressionTree e, VisitorState state) {
    Optional<PersistentField> field = Optional.empty();
    if (e instanceof MethodInvocationTree call && call.getArguments().isEmpty()) {
      Symbol.MethodSymbol getter = Invocations.symbol(call);
      field =
          owner(getter)
              .flatMap(m -> EntityModels.instance(state).of(m))
              .flatMap(m -> m.fieldForGetter(getter));
    } else if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
      Symbol symbol = ASTHelpers.getSymbol(e);
      if (symbol != null && symbol.getKind() == ElementKind.FIELD) {
        field =
            owner(symbol)
                .flatMap(m -> EntityModels.instance(state).of(m))
                .flatMap(m -> m.field(symbol));
      }
    }
    return field.filter(f -> f.association() == Association.MANY_TO_MANY);
  }

  private static Optional<Symbol.ClassSymbol> owner(Symbol member) {
    return member != null && member.owner instanceof Symbol.ClassSymbol cls
        ? Optional.of(cls)
        : Optional.empty();
  }
}
