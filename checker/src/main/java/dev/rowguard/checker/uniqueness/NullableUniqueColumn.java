package dev.rowguard.checker.uniqueness;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.fixes.SuggestedFixes;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AnnotationTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.jpa.Association;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.jpa.UniqueKey;
import dev.rowguard.checker.schema.MigrationSchemas;
import dev.rowguard.checker.util.DocumentedCheck;
import dev.rowguard.checker.util.Getters;
import dev.rowguard.sql.Schema;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Flags unique constraints that cover a column which may hold NULL. */
@AutoService(BugChecker.class)
@BugPattern(
    summary =
        "A unique constraint over a nullable column does not stop duplicates: NULL is never equal to NULL",
    severity = WARNING)
public final class NullableUniqueColumn extends DocumentedCheck implements ClassTreeMatcher {

  private static final String TABLE = "Table";
  private static final String NULLABLE = "nullable";
  private static final String NATURAL_ID = Jpa.NATURAL_ID.get(0);

  @Override
  public Description matchClass(ClassTree tree, VisitorState state) {
    Symbol.ClassSymbol type = ASTHelpers.getSymbol(tree);
    if (type == null || tree.getModifiers().getAnnotations().isEmpty()) {
      return Description.NO_MATCH;
    }
    Optional<EntityModel> model = EntityModels.instance(state).of(type);
    if (model.isEmpty()) {
      return Description.NO_MATCH;
    }
    for (UniqueKey key : model.get().uniqueKeys()) {
      List<PersistentField> nullable =
          key.fields().stream().filter(f -> mayHoldNull(type, f, state)).toList();
      if (nullable.isEmpty() || isOptionalOneToOne(key)) {
        continue;
      }
      switch (key.source()) {
        case COLUMN, NATURAL_ID -> reportOnFields(tree, key, nullable, type, state);
        case UNIQUE_CONSTRAINT, UNIQUE_INDEX -> reportOnTable(tree, key, nullable, type, state);
        case PRIMARY_KEY -> {}
      }
    }
    if (EntityModels.isEntity(type)
        && !extendsEntity(type)
        && MigrationSchemas.isFullyRead(type, state)) {
      for (Schema.UniqueKey key : MigrationSchemas.uniqueKeys(type, state)) {
        reportMigrationKey(tree, key, model.get(), type, state);
      }
    }
    return Description.NO_MATCH;
  }

  /** Under entity inheritance the table and its keys belong to the root entity. */
  static boolean extendsEntity(Symbol.ClassSymbol type) {
    return type.getSuperclass() != null
        && type.getSuperclass().tsym instanceof Symbol.ClassSymbol parent
        && EntityModels.isEntity(parent);
  }

  /**
   * A unique key that only the migrations create (the Cloud Foundry labels case: {@code UNIQUE KEY
   * (key_prefix, key_name, resource_guid)} with {@code key_prefix DEFAULT NULL}), over a column
   * both the migrations and the mapping leave nullable. Keys whose columns do not all map to
   * fields, and keys the mapping declares as well (reported above), are left alone.
   */
  private void reportMigrationKey(
      ClassTree tree,
      Schema.UniqueKey key,
      EntityModel model,
      Symbol.ClassSymbol type,
      VisitorState state) {
    List<PersistentField> fields = new java.util.ArrayList<>();
    for (String column : key.columns()) {
      Optional<PersistentField> field =
          model.fields().stream().filter(f -> f.hasColumnName(column)).findFirst();
      if (field.isEmpty()) {
        return;
      }
      fields.add(field.get());
    }
    boolean declaredInMapping =
        model.uniqueKeys().stream()
            .anyMatch(
                k ->
                    k.isResolved()
                        && k.fields().size() == fields.size()
                        && k.fields().stream()
                            .allMatch(
                                f -> fields.stream().anyMatch(g -> g.symbol() == f.symbol())));
    List<PersistentField> nullable =
        fields.stream()
            .filter(f -> mappingAllowsNull(f, state))
            .filter(
                f -> MigrationSchemas.column(type, f, state).map(c -> !c.notNull()).orElse(false))
            .toList();
    if (declaredInMapping
        || nullable.isEmpty()
        || (fields.size() == 1 && fields.get(0).association() != Association.NONE)) {
      return;
    }
    Tree at = annotation(tree.getModifiers(), TABLE).<Tree>map(a -> a).orElse(tree);
    String what =
        "The unique key "
            + (key.name() == null ? "" : key.name() + " ")
            + "that the migrations create on "
            + String.join(", ", key.columns());
    state.reportMatch(buildDescription(at).setMessage(message(what, nullable)).build());
  }

  /**
   * Field-level keys are reported where the field is declared, so a mapped superclass's field is
   * reported once, on the superclass, not again on every entity extending it.
   */
  private void reportOnFields(
      ClassTree tree,
      UniqueKey key,
      List<PersistentField> nullable,
      Symbol.ClassSymbol type,
      VisitorState state) {
    for (PersistentField field : nullable) {
      if (field.symbol().owner != type) {
        continue;
      }
      Optional<Tree> declaration = declaration(tree, field);
      if (declaration.isEmpty()) {
        continue;
      }
      String what =
          key.source() == UniqueKey.Source.NATURAL_ID
              ? "@NaturalId"
              : field.association() == Association.NONE
                  ? "@Column(unique = true)"
                  : "@JoinColumn(unique = true)";
      Description.Builder description =
          buildDescription(declaration.get()).setMessage(message(what, List.of(field)));
      if (key.fields().size() == 1) {
        notNullFix(declaration.get(), field, state).ifPresent(description::addFix);
      }
      state.reportMatch(description.build());
    }
  }

  private void reportOnTable(
      ClassTree tree,
      UniqueKey key,
      List<PersistentField> nullable,
      Symbol.ClassSymbol type,
      VisitorState state) {
    Tree at = annotation(tree.getModifiers(), TABLE).<Tree>map(a -> a).orElse(tree);
    String what =
        (key.source() == UniqueKey.Source.UNIQUE_INDEX
                ? "Unique @Index on "
                : "@UniqueConstraint on ")
            + String.join(", ", key.columns());
    Description.Builder description = buildDescription(at).setMessage(message(what, nullable));
    if (key.columns().size() == 1 && nullable.get(0).symbol().owner == type) {
      declaration(tree, nullable.get(0))
          .flatMap(d -> notNullFix(d, nullable.get(0), state))
          .ifPresent(description::addFix);
    }
    state.reportMatch(description.build());
  }

  private static String message(String what, List<PersistentField> nullable) {
    String columns =
        nullable.stream().map(PersistentField::columnName).collect(Collectors.joining(", "));
    return String.format(
        "%s covers nullable column%s %s: NULL is never equal to NULL, so any number of rows may hold NULL"
            + " there and the constraint does not stop duplicates. Declare %s nullable = false (with a NOT NULL"
            + " migration), or write nullable = true if several NULL rows are intended.",
        what, nullable.size() == 1 ? "" : "s", columns, nullable.size() == 1 ? "it" : "them");
  }

  /**
   * A unique key that is just a nullable foreign key is how an optional one-to-one is mapped: many
   * rows without a partner are the intent, not duplicates.
   */
  private static boolean isOptionalOneToOne(UniqueKey key) {
    return key.columns().size() == 1
        && key.fields().size() == 1
        && key.fields().get(0).association() != Association.NONE;
  }

  /**
   * True when the column may hold NULL and the author did not say so on purpose. Embedded values
   * are left out: their columns belong to the embeddable, whose own fields decide. A column the
   * Flyway migrations declare NOT NULL holds no NULL whatever the mapping says.
   */
  private static boolean mayHoldNull(
      Symbol.ClassSymbol entity, PersistentField field, VisitorState state) {
    return mappingAllowsNull(field, state)
        && !MigrationSchemas.column(entity, field, state).map(Schema.Column::notNull).orElse(false);
  }

  /** {@link #mayHoldNull} by the mapping alone. */
  private static boolean mappingAllowsNull(PersistentField field, VisitorState state) {
    return field.nullable()
        && !field.explicitlyNullable()
        && !(field.association() == Association.NONE
            && EntityModels.instance(state).ofElementOrSelf(field.symbol().type).isPresent());
  }

  /**
   * The declaration that carries the field's mapping annotations: the field, or under property
   * access its getter; the bare field when neither is annotated.
   */
  static Optional<Tree> declaration(ClassTree tree, PersistentField field) {
    Optional<Tree> bareField = Optional.empty();
    for (Tree member : tree.getMembers()) {
      if (member instanceof VariableTree variable
          && ASTHelpers.getSymbol(variable) == field.symbol()) {
        if (hasMapping(variable.getModifiers())) {
          return Optional.of(member);
        }
        bareField = Optional.of(member);
      }
      if (member instanceof MethodTree method
          && method.getParameters().isEmpty()
          && isGetterOf(method, field)
          && hasMapping(method.getModifiers())) {
        return Optional.of(member);
      }
    }
    return bareField;
  }

  private static boolean isGetterOf(MethodTree method, PersistentField field) {
    return Getters.isGetterOf(method.getName(), field.name());
  }

  private static boolean hasMapping(ModifiersTree modifiers) {
    return annotation(modifiers, "Column").isPresent()
        || annotation(modifiers, "JoinColumn").isPresent()
        || annotation(modifiers, "Id").isPresent()
        || modifiers.getAnnotations().stream().anyMatch(a -> qualifiedName(a).equals(NATURAL_ID));
  }

  /**
   * {@code nullable = false} on the declaration's {@code @Column} or {@code @JoinColumn}; for a
   * basic field without either, a new {@code @Column(nullable = false)} from the same namespace as
   * the class's other JPA annotations.
   */
  private static Optional<SuggestedFix> notNullFix(
      Tree declaration, PersistentField field, VisitorState state) {
    ModifiersTree modifiers =
        declaration instanceof VariableTree v
            ? v.getModifiers()
            : ((MethodTree) declaration).getModifiers();
    Optional<AnnotationTree> column =
        annotation(modifiers, "Column").or(() -> annotation(modifiers, "JoinColumn"));
    if (column.isPresent()) {
      return Optional.of(
          SuggestedFixes.updateAnnotationArgumentValues(
                  column.get(), state, NULLABLE, List.of("false"))
              .build());
    }
    if (field.association() != Association.NONE) {
      return Optional.empty();
    }
    String namespace =
        field.symbol().owner.getAnnotationMirrors().stream()
            .map(a -> a.type.tsym.getQualifiedName().toString())
            .filter(n -> n.startsWith(Jpa.JAVAX))
            .findFirst()
            .map(Jpa::namespaceOf)
            .orElse(Jpa.JAKARTA);
    SuggestedFix.Builder fix = SuggestedFix.builder();
    String newColumn = SuggestedFixes.qualifyType(state, fix, namespace + "Column");
    return Optional.of(
        fix.prefixWith(declaration, "@" + newColumn + "(nullable = false) ").build());
  }

  /** The JPA annotation {@code simpleName} (jakarta or javax) among {@code modifiers}. */
  static Optional<AnnotationTree> annotation(ModifiersTree modifiers, String simpleName) {
    return modifiers.getAnnotations().stream()
        .filter(
            a ->
                qualifiedName(a).equals(Jpa.JAKARTA + simpleName)
                    || qualifiedName(a).equals(Jpa.JAVAX + simpleName))
        .map(a -> (AnnotationTree) a)
        .findFirst();
  }

  private static String qualifiedName(AnnotationTree annotation) {
    Symbol symbol = ASTHelpers.getSymbol(annotation.getAnnotationType());
    return symbol == null ? "" : symbol.getQualifiedName().toString();
  }
}
