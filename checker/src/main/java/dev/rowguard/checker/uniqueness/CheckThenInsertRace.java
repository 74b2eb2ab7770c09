package dev.rowguard.checker.uniqueness;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodInvocationTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.jpa.UniqueKey;
import dev.rowguard.checker.schema.MigrationSchemas;
import dev.rowguard.checker.springdata.DerivedQuery;
import dev.rowguard.checker.springdata.DerivedQuery.Part;
import dev.rowguard.checker.springdata.DerivedQueryParser;
import dev.rowguard.checker.springdata.SpringDataRepositories;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Guards;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Flags a lookup by X followed by an insert of a new entity when no unique constraint covers X. */
@AutoService(BugChecker.class)
@BugPattern(
    summary = "Check-then-insert without a unique constraint: concurrent requests both insert",
    severity = WARNING)
public final class CheckThenInsertRace extends DocumentedCheck
    implements MethodInvocationTreeMatcher {

  private static final Set<String> INSERTS = Set.of("save", "saveAndFlush", "persist");
  private static final List<String> ENTITY_MANAGERS =
      names(Jpa.ENTITY_MANAGER, List.of(Jpa.HIBERNATE_SESSION));

  /** Calls on a lookup's Optional result that branch on whether a row was found. */
  private static final Set<String> OPTIONAL_BRANCHES =
      Set.of("isPresent", "isEmpty", "orElse", "orElseGet", "ifPresent", "ifPresentOrElse", "or");

  /**
   * Exceptions whose handling around the insert shows the author relies on a constraint that the
   * database has (from a migration, say) even though the mapping does not declare it.
   */
  private static final List<String> CONSTRAINT_VIOLATIONS =
      names(
          List.of(
              "org.springframework.dao.DataIntegrityViolationException",
              "org.springframework.dao.DuplicateKeyException"),
          List.of(Jpa.HIBERNATE_CONSTRAINT_VIOLATION),
          Jpa.ENTITY_EXISTS_EXCEPTION,
          List.of("java.sql.SQLIntegrityConstraintViolationException"));

  private static final Set<String> DATA_ACCESS_BASES =
      Set.copyOf(
          names(
              List.of(
                  "org.springframework.dao.DataAccessException",
                  "org.springframework.dao.NonTransientDataAccessException"),
              Jpa.PERSISTENCE_EXCEPTION,
              List.of(Jpa.HIBERNATE_EXCEPTION, "java.sql.SQLException")));
  private static final List<String> TRANSACTIONAL =
      List.of("org.springframework.transaction.annotation.Transactional");

  @SafeVarargs
  private static List<String> names(List<String>... groups) {
    return Stream.of(groups).flatMap(List::stream).toList();
  }

  /**
   * Starts from the rare insert calls, not from every method, so that only methods that insert are
   * scanned for lookups.
   */
  @Override
  public Description matchMethodInvocation(MethodInvocationTree insert, VisitorState state) {
    if (!INSERTS.contains(Invocations.name(insert))) {
      return Description.NO_MATCH;
    }
    TreePath method = Guards.enclosingMethod(state.getPath());
    if (method == null || ((MethodTree) method.getLeaf()).getBody() == null) {
      return Description.NO_MATCH;
    }
    MethodTree methodTree = (MethodTree) method.getLeaf();
    Optional<Symbol.ClassSymbol> inserted = insertedEntity(insert, methodTree, state);
    if (inserted.isEmpty()
        || isSerializable(ASTHelpers.getSymbol(methodTree))
        || catchesConstraintViolation(state.getPath(), state)) {
      return Description.NO_MATCH;
    }
    Candidates candidates = new Candidates();
    candidates.scan(new TreePath(method, methodTree.getBody()), null);
    int at = ASTHelpers.getStartPosition(insert);
    for (TreePath path : candidates.lookups) {
      if (ASTHelpers.getStartPosition(path.getLeaf()) >= at) {
        continue;
      }
      Optional<Lookup> lookup =
          lookup(path, method, state).filter(l -> l.entity().type() == inserted.get());
      if (lookup.isPresent()) {
        return buildDescription(insert).setMessage(message(lookup.get())).build();
      }
    }
    return Description.NO_MATCH;
  }

  /**
   * A derived lookup whose result decides whether to insert, and whose fields no unique key covers.
   */
  private record Lookup(
      MethodInvocationTree call, EntityModel entity, List<PersistentField> fields) {}

  private static Optional<Lookup> lookup(TreePath path, TreePath method, VisitorState state) {
    MethodInvocationTree call = (MethodInvocationTree) path.getLeaf();
    Symbol.MethodSymbol symbol = Invocations.symbol(call);
    if (symbol == null) {
      return Optional.empty();
    }
    Optional<DerivedQuery> query = SpringDataRepositories.derivedQuery(symbol, state);
    if (query.isEmpty()
        || query.get().subject() == DerivedQuery.Subject.DELETE
        || !query.get().isConjunction()) {
      return Optional.empty();
    }
    Type repository =
        Optional.ofNullable(ASTHelpers.getReceiverType(call)).orElse(symbol.owner.type);
    Optional<EntityModel> entity =
        SpringDataRepositories.domainType(repository, state)
            .flatMap(EntityModels.instance(state)::of);
    if (entity.isEmpty() || !keysAreKnown(entity.get())) {
      return Optional.empty();
    }
    List<PersistentField> fields = new ArrayList<>();
    for (Part part : query.get().parts()) {
      Optional<List<PersistentField>> resolved =
          SpringDataRepositories.resolvePath(entity.get(), part.property(), state);
      if (part.type() != DerivedQuery.Type.SIMPLE_PROPERTY
          || resolved.isEmpty()
          || resolved.get().size() != 1) {
        return Optional.empty();
      }
      fields.add(resolved.get().get(0));
    }
    if (entity.get().hasUniqueKeyCoveredBy(fields)
        || !decides(path, method)
        || MigrationSchemas.hasUniqueKeyCoveredBy(entity.get().type(), fields, state)) {
      return Optional.empty();
    }
    return Optional.of(new Lookup(call, entity.get(), fields));
  }

  /**
   * True when every unique key resolved to fields and the entity does not inherit from another
   * entity, whose table may hold keys this model does not see. Otherwise the check stays silent.
   */
  private static boolean keysAreKnown(EntityModel entity) {
    Type superType = entity.type().getSuperclass();
    boolean inheritsEntity =
        superType != null
            && superType.tsym instanceof Symbol.ClassSymbol superClass
            && EntityModels.isEntity(superClass);
    return !inheritsEntity && entity.uniqueKeys().stream().allMatch(UniqueKey::isResolved);
  }

  /**
   * True when the lookup's result decides something: it sits in a condition, its Optional is
   * branched on ({@code orElseGet}, {@code isPresent}...), or it is stored in a local that is.
   */
  private static boolean decides(TreePath lookup, TreePath method) {
    if (isDecision(lookup)) {
      return true;
    }
    Tree parent = lookup.getParentPath().getLeaf();
    if (!(parent instanceof VariableTree variable)) {
      return false;
    }
    Symbol local = ASTHelpers.getSymbol(variable);
    boolean[] decided = new boolean[1];
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        if (ASTHelpers.getSymbol(identifier) == local && isDecision(getCurrentPath())) {
          decided[0] = true;
        }
        return null;
      }
    }.scan(new TreePath(method, ((MethodTree) method.getLeaf()).getBody()), null);
    return decided[0];
  }

  private static boolean isDecision(TreePath value) {
    Tree child = value.getLeaf();
    for (TreePath p = value.getParentPath();
        p != null;
        child = p.getLeaf(), p = p.getParentPath()) {
      Tree parent = p.getLeaf();
      if (parent instanceof MemberSelectTree select
          && select.getExpression() == child
          && OPTIONAL_BRANCHES.contains(select.getIdentifier().toString())) {
        return true;
      }
      if ((parent instanceof IfTree i && i.getCondition() == child)
          || (parent instanceof ConditionalExpressionTree c && c.getCondition() == child)
          || (parent instanceof WhileLoopTree w && w.getCondition() == child)
          || (parent instanceof DoWhileLoopTree d && d.getCondition() == child)) {
        return true;
      }
      if (!(parent instanceof ExpressionTree) || parent instanceof LambdaExpressionTree) {
        return false;
      }
    }
    return false;
  }

  /**
   * The entity a {@code save}/{@code persist} inserts: its argument must be a {@code new} object,
   * directly or through a local initialised with one in this method.
   */
  private static Optional<Symbol.ClassSymbol> insertedEntity(
      MethodInvocationTree insert, MethodTree method, VisitorState state) {
    Symbol.MethodSymbol symbol = Invocations.symbol(insert);
    if (symbol == null || insert.getArguments().size() != 1 || !isInsert(insert, symbol, state)) {
      return Optional.empty();
    }
    ExpressionTree argument = ASTHelpers.stripParentheses(insert.getArguments().get(0));
    if (!(argument instanceof NewClassTree) && !isInitializedWithNew(argument, method)) {
      return Optional.empty();
    }
    Type type = ASTHelpers.getType(argument);
    return type != null && type.tsym instanceof Symbol.ClassSymbol cls
        ? Optional.of(cls)
        : Optional.empty();
  }

  private static boolean isInsert(
      MethodInvocationTree insert, Symbol.MethodSymbol symbol, VisitorState state) {
    Type receiver =
        Optional.ofNullable(ASTHelpers.getReceiverType(insert)).orElse(symbol.owner.type);
    if (symbol.getSimpleName().contentEquals("persist")) {
      return ENTITY_MANAGERS.stream()
          .map(state::getTypeFromString)
          .anyMatch(
              t ->
                  t != null
                      && state
                          .getTypes()
                          .isSubtype(
                              state.getTypes().erasure(receiver), state.getTypes().erasure(t)));
    }
    return SpringDataRepositories.isRepository(receiver, state);
  }

  private static boolean isInitializedWithNew(ExpressionTree argument, MethodTree method) {
    if (!(argument instanceof IdentifierTree)) {
      return false;
    }
    Symbol local = ASTHelpers.getSymbol(argument);
    VariableTree declaration = local == null ? null : LocalValues.declaration(method, local);
    return declaration != null && declaration.getInitializer() instanceof NewClassTree;
  }

  /** True when the insert sits in a try block that catches a constraint violation. */
  private static boolean catchesConstraintViolation(TreePath insert, VisitorState state) {
    Tree child = insert.getLeaf();
    for (TreePath p = insert.getParentPath();
        p != null && !(p.getLeaf() instanceof MethodTree);
        child = p.getLeaf(), p = p.getParentPath()) {
      if (p.getLeaf() instanceof TryTree tryTree && tryTree.getBlock() == child) {
        for (CatchTree c : tryTree.getCatches()) {
          Tree caught = c.getParameter().getType();
          List<? extends Tree> alternatives =
              caught instanceof UnionTypeTree union ? union.getTypeAlternatives() : List.of(caught);
          if (alternatives.stream().anyMatch(a -> catchesViolation(ASTHelpers.getType(a), state))) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True for a constraint-violation type (or a subtype), or for the data-access base classes that
   * such handlers often catch; a bare {@code Exception} is logging, not constraint handling.
   */
  private static boolean catchesViolation(Type caught, VisitorState state) {
    if (caught == null) {
      return false;
    }
    if (DATA_ACCESS_BASES.contains(caught.tsym.getQualifiedName().toString())) {
      return true;
    }
    for (String name : CONSTRAINT_VIOLATIONS) {
      Type violation = state.getTypeFromString(name);
      if (violation != null && state.getTypes().isSubtype(caught, violation)) {
        return true;
      }
    }
    return false;
  }

  /** Serializable isolation makes the database abort one of two racing transactions. */
  private static boolean isSerializable(Symbol.MethodSymbol method) {
    for (Symbol s = method;
        s instanceof Symbol.MethodSymbol || s instanceof Symbol.ClassSymbol;
        s = s.owner) {
      Optional<Attribute.Compound> transactional = Annotations.find(s, TRANSACTIONAL);
      if (transactional.isPresent()) {
        return Annotations.enumValues(transactional.get(), "isolation").contains("SERIALIZABLE");
      }
    }
    return false;
  }

  private static String message(Lookup lookup) {
    String columns =
        lookup.fields().stream().map(PersistentField::name).collect(Collectors.joining(", "));
    return String.format(
        "This inserts a new %1$s after %2$s() checked that none exists, but no unique constraint covers %3$s on"
            + " %1$s: two concurrent requests both find nothing and both insert. Add a unique constraint on %3$s"
            + " (@Column(unique = true) or @Table(uniqueConstraints)) and handle its violation"
            + " (DataIntegrityViolationException, ConstraintViolationException), or insert with an upsert"
            + " (INSERT ... ON CONFLICT DO NOTHING).",
        lookup.entity().type().getSimpleName(), Invocations.name(lookup.call()), columns);
  }

  /** Collects calls named like derived lookups, by name only; types are checked later. */
  private static final class Candidates extends TreePathScanner<Void, Void> {
    final List<TreePath> lookups = new ArrayList<>();

    @Override
    public Void visitClass(ClassTree tree, Void unused) {
      return null;
    }

    @Override
    public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
      String name = Invocations.name(tree);
      if (DerivedQueryParser.mayBeDerivedRead(name)) {
        lookups.add(getCurrentPath());
      }
      return super.visitMethodInvocation(tree, null);
    }
  }
}
