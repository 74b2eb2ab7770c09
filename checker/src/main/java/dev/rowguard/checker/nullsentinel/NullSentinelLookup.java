package dev.rowguard.checker.nullsentinel;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.nullness.NullChecks;
import dev.rowguard.checker.nullness.NullableAnnotations;
import dev.rowguard.checker.nullness.PossiblyNull;
import dev.rowguard.checker.springdata.DerivedQuery;
import dev.rowguard.checker.springdata.DerivedQuery.Part;
import dev.rowguard.checker.springdata.DerivedQueryParser;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Invocations;
import java.util.Optional;

/**
 * Flags derived queries that may receive null for a nullable property, which Spring Data turns into
 * IS NULL.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "A null argument to a derived query matches every row where the property IS NULL",
    severity = WARNING)
public final class NullSentinelLookup extends DocumentedCheck
    implements MethodInvocationTreeMatcher {

  @Override
  public Description matchMethodInvocation(MethodInvocationTree tree, VisitorState state) {
    if (tree.getArguments().isEmpty() || !DerivedQueryParser.mayBeDerived(Invocations.name(tree))) {
      return Description.NO_MATCH;
    }
    Symbol.MethodSymbol method = Invocations.symbol(tree);
    if (method == null || method.isVarArgs()) {
      return Description.NO_MATCH;
    }
    Optional<DerivedQuery> query = SpringDataRepositories.derivedQuery(method, state);
    if (query.isEmpty()) {
      return Description.NO_MATCH;
    }
    Type repository =
        Optional.ofNullable(ASTHelpers.getReceiverType(tree)).orElse(method.owner.type);
    Optional<EntityModel> entity =
        SpringDataRepositories.domainType(repository, state)
            .flatMap(EntityModels.instance(state)::of);
    if (entity.isEmpty()) {
      return Description.NO_MATCH;
    }
    boolean nullMarked =
        NullableAnnotations.isNullMarked(method)
            || NullableAnnotations.isNullMarked(repository.tsym);
    for (int i = 0; i < tree.getArguments().size() && i < method.getParameters().size(); i++) {
      if (nullMarked && !NullableAnnotations.isNullable(method.getParameters().get(i))) {
        // Spring Data validates the arguments of null-marked repositories and throws on null.
        continue;
      }
      Optional<Integer> position = SpringDataRepositories.boundPosition(method, i, state);
      if (position.isEmpty()) {
        continue;
      }
      for (Part part : query.get().partsForArgument(position.get())) {
        if (!part.type().bindsNullAsIsNull() || !isNullable(entity.get(), part, state)) {
          continue;
        }
        ExpressionTree argument = tree.getArguments().get(i);
        Optional<String> why = PossiblyNull.reason(argument, state);
        if (why.isPresent() && !NullChecks.isCheckedNonNull(argument, state)) {
          return buildDescription(tree)
              .setMessage(message(method, query.get(), part, why.get()))
              .build();
        }
      }
    }
    return Description.NO_MATCH;
  }

  /** True when the property's column may hold NULL; unresolvable paths count as not nullable. */
  private static boolean isNullable(EntityModel entity, Part part, VisitorState state) {
    return SpringDataRepositories.resolvePath(entity, part.property(), state)
        .map(path -> path.get(path.size() - 1))
        .map(PersistentField::nullable)
        .orElse(false);
  }

  private static String message(
      Symbol.MethodSymbol method, DerivedQuery query, Part part, String why) {
    String name = method.getSimpleName() + "()";
    String condition =
        part.property()
            + (part.type() == DerivedQuery.Type.SIMPLE_PROPERTY ? " IS NULL" : " IS NOT NULL");
    String effect =
        switch (query.subject()) {
          case DELETE -> "deletes every row where " + condition + ": a mass delete";
          case COUNT -> "counts every row where " + condition;
          case EXISTS -> "is true when any row has " + condition;
          case FIND -> "matches every row where " + condition;
        };
    return String.format(
        "The argument of %s for nullable property %s may be null (%s); Spring Data then queries %s instead"
            + " of failing, so the call %s. Check the value for null before the call, or mark the"
            + " repository @NullMarked/@NonNullApi so that Spring Data rejects null.",
        name, part.property(), why, condition, effect);
  }
}
