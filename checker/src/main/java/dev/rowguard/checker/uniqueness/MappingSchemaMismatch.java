package dev.rowguard.checker.uniqueness;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.jpa.UniqueKey;
import dev.rowguard.checker.schema.MigrationSchemas;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.sql.Schema;
import java.util.Optional;

/**
 * Flags mapping facts the migrations do not back: {@code nullable = false} on a column the
 * migrations leave nullable, and a unique key of the mapping that no migration creates.
 */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "The mapping declares NOT NULL or a unique key that the migrations do not create, so the database does not enforce it",
    severity = WARNING)
public final class MappingSchemaMismatch extends DocumentedCheck implements ClassTreeMatcher {

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    Symbol.ClassSymbol type = ASTHelpers.getSymbol(tree);
    if (type == null
        || tree.getModifiers().getAnnotations().isEmpty()
        || !EntityModels.isEntity(type)
        || NullableUniqueColumn.extendsEntity(type)) {
      return Description.NO_MATCH;
    }
    Optional<EntityModel> model = EntityModels.instance(state).of(type);
    if (model.isEmpty() || !MigrationSchemas.isFullyRead(type, state)) {
      return Description.NO_MATCH;
    }
    for (Tree member : tree.getMembers()) {
      notNullNotInSchema(member, model.get(), type, state);
    }
    for (UniqueKey key : model.get().uniqueKeys()) {
      uniqueKeyNotInSchema(tree, key, type, state);
    }
    return Description.NO_MATCH;
  }

  /** {@code @Column(nullable = false)} or {@code @JoinColumn(nullable = false)} on a member. */
  private void notNullNotInSchema(
      Tree member, EntityModel model, Symbol.ClassSymbol type, VisitorState state) {
    ModifiersTree modifiers;
    Optional<PersistentField> field;
    if (member instanceof VariableTree variable) {
      modifiers = variable.getModifiers();
      field = model.field(ASTHelpers.getSymbol(variable));
    } else if (member instanceof MethodTree method && method.getParameters().isEmpty()) {
      modifiers = method.getModifiers();
      field = model.fieldForGetter(ASTHelpers.getSymbol(method));
    } else {
      return;
    }
    if (field.isEmpty() || field.get().association().isToMany()) {
      return;
    }
    Optional<AnnotationTree> column =
        NullableUniqueColumn.annotation(modifiers, "Column")
            .or(() -> NullableUniqueColumn.annotation(modifiers, "JoinColumn"));
    if (column.isEmpty()) {
      return;
    }
    Symbol annotationSymbol = ASTHelpers.getSymbol(member);
    boolean notNull =
        annotationSymbol != null
            && (Annotations.find(annotationSymbol, dev.rowguard.checker.jpa.Jpa.COLUMN)
                .or(
                    () ->
                        Annotations.find(
                            annotationSymbol, dev.rowguard.checker.jpa.Jpa.JOIN_COLUMN))
                .map(a -> !Annotations.booleanValue(a, "nullable", true))
                .orElse(false));
    if (!notNull) {
      return;
    }
    Optional<Schema.Column> inSchema = MigrationSchemas.column(type, field.get(), state);
    if (inSchema.isEmpty() || inSchema.get().notNull()) {
      return;
    }
    String annotation =
        "@" + state.getSourceForNode(column.get().getAnnotationType()) + "(nullable = false)";
    state.reportMatch(
        buildDescription(column.get())
            .setMessage(
                annotation
                    + " on "
                    + field.get().name()
                    + ", but the migrations leave column "
                    + inSchema.get().name()
                    + " nullable: the database accepts NULL from every writer that is not this"
                    + " mapping (bulk updates, native SQL, other services, a manual fix), and"
                    + " Hibernate's schema validation does not compare nullability. Add a migration"
                    + " that makes it NOT NULL (after filling the NULL rows), or drop nullable ="
                    + " false.")
            .build());
  }

  /** A unique key of the mapping whose columns the migrations create but keep no key within. */
  private void uniqueKeyNotInSchema(
      ClassTree tree, UniqueKey key, Symbol.ClassSymbol type, VisitorState state) {
    if (!key.isResolved()
        || key.source() == UniqueKey.Source.PRIMARY_KEY
        || key.source() == UniqueKey.Source.NATURAL_ID
        || key.fields().stream().anyMatch(f -> MigrationSchemas.column(type, f, state).isEmpty())
        || MigrationSchemas.hasUniqueKeyCoveredBy(type, key.fields(), state)) {
      return;
    }
    String columns =
        String.join(
            ", ",
            key.fields().stream()
                .map(
                    f ->
                        MigrationSchemas.column(type, f, state)
                            .map(Schema.Column::name)
                            .orElseGet(f::columnName))
                .toList());
    Tree at;
    String what;
    if (key.source() == UniqueKey.Source.COLUMN) {
      PersistentField field = key.fields().get(0);
      if (field.symbol().owner != type) {
        return; // declared on a mapped superclass, which has no table of its own
      }
      Optional<Tree> declaration = NullableUniqueColumn.declaration(tree, field);
      if (declaration.isEmpty()) {
        return;
      }
      ModifiersTree modifiers =
          declaration.get() instanceof VariableTree v
              ? v.getModifiers()
              : ((MethodTree) declaration.get()).getModifiers();
      at =
          NullableUniqueColumn.annotation(modifiers, "Column")
              .or(() -> NullableUniqueColumn.annotation(modifiers, "JoinColumn"))
              .<Tree>map(a -> a)
              .orElse(declaration.get());
      what = "unique = true on " + field.name();
    } else {
      at =
          NullableUniqueColumn.annotation(tree.getModifiers(), "Table")
              .<Tree>map(a -> a)
              .orElse(tree);
      what =
          (key.source() == UniqueKey.Source.UNIQUE_INDEX
                  ? "The unique @Index"
                  : "@UniqueConstraint")
              + " on "
              + columns;
    }
    state.reportMatch(
        buildDescription(at)
            .setMessage(
                what
                    + ", but no migration creates a unique constraint or index within ("
                    + columns
                    + "): the database does not enforce it, so concurrent inserts store"
                    + " duplicates that the mapping says cannot exist. Add the constraint in a"
                    + " migration (after removing existing duplicates), or drop it from the"
                    + " mapping.")
            .build());
  }
}
