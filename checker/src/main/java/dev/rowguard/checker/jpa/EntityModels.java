package dev.rowguard.checker.jpa;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.Getters;
import dev.rowguard.checker.util.PerCompilation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/**
 * Builds and caches {@link EntityModel}s: once per class symbol per compilation, however many calls
 * and checks ask. Instances live in the javac {@link Context}, so nothing outlives a compilation.
 */
public final class EntityModels {

  private static final Context.Key<EntityModels> KEY = new Context.Key<>();

  private final Map<Symbol.ClassSymbol, Optional<EntityModel>> cache = new HashMap<>();

  private EntityModels() {}

  /** The models of the current compilation. */
  public static EntityModels instance(VisitorState state) {
    return PerCompilation.get(state, KEY, EntityModels::new);
  }

  /**
   * The model of {@code type} when it is an {@code @Entity}, {@code @MappedSuperclass} or
   * {@code @Embeddable}.
   */
  public Optional<EntityModel> of(Symbol.ClassSymbol type) {
    if (type == null) {
      return Optional.empty();
    }
    Optional<EntityModel> cached = cache.get(type);
    if (cached == null) {
      cached = isMapped(type) ? Optional.of(build(type)) : Optional.empty();
      cache.put(type, cached);
    }
    return cached;
  }

  /** The model of the class a type denotes; for a collection type, of its element type. */
  public Optional<EntityModel> ofElementOrSelf(Type type) {
    if (type == null) {
      return Optional.empty();
    }
    Type t = type;
    if (!t.getTypeArguments().isEmpty()
        && t.tsym.getQualifiedName().toString().startsWith("java.util.")) {
      t = t.getTypeArguments().get(t.getTypeArguments().size() - 1);
    }
    return t.tsym instanceof Symbol.ClassSymbol cls ? of(cls) : Optional.empty();
  }

  /** True for {@code @Entity} classes (not mapped superclasses or embeddables). */
  public static boolean isEntity(Symbol.ClassSymbol type) {
    return Annotations.has(type, Jpa.ENTITY);
  }

  /** True for {@code @MappedSuperclass} classes. */
  public static boolean isMappedSuperclass(Symbol.ClassSymbol type) {
    return Annotations.has(type, Jpa.MAPPED_SUPERCLASS);
  }

  private static boolean isMapped(Symbol.ClassSymbol type) {
    return Annotations.has(type, Jpa.ENTITY)
        || Annotations.has(type, Jpa.MAPPED_SUPERCLASS)
        || Annotations.has(type, Jpa.EMBEDDABLE);
  }

  private EntityModel build(Symbol.ClassSymbol type) {
    List<PersistentField> fields = new ArrayList<>();
    Type superType = type.getSuperclass();
    if (superType != null
        && superType.tsym instanceof Symbol.ClassSymbol superClass
        && Annotations.has(superClass, Jpa.MAPPED_SUPERCLASS)) {
      of(superClass).ifPresent(m -> fields.addAll(m.fields()));
    }
    for (Symbol member : type.getEnclosedElements()) {
      if (member.getKind() == ElementKind.FIELD
          && member instanceof Symbol.VarSymbol field
          && isPersistent(field)) {
        fields.add(field(type, field));
      }
    }
    return new EntityModel(type, fields, UniqueKeys.of(type, fields));
  }

  private static boolean isPersistent(Symbol.VarSymbol field) {
    long flags = field.flags();
    return (flags & (Flags.STATIC | Flags.TRANSIENT)) == 0
        && !Annotations.has(field, Jpa.TRANSIENT);
  }

  private static PersistentField field(Symbol.ClassSymbol owner, Symbol.VarSymbol field) {
    List<Symbol> sources = new ArrayList<>(2);
    sources.add(field);
    getter(owner, field).ifPresent(sources::add);

    Optional<Attribute.Compound> column = find(sources, Jpa.COLUMN);
    Optional<Attribute.Compound> joinColumn = find(sources, Jpa.JOIN_COLUMN);
    Optional<Attribute.Compound> manyToOne = find(sources, Jpa.MANY_TO_ONE);
    Optional<Attribute.Compound> oneToOne = find(sources, Jpa.ONE_TO_ONE);
    Optional<Attribute.Compound> oneToMany = find(sources, Jpa.ONE_TO_MANY);
    Optional<Attribute.Compound> manyToMany = find(sources, Jpa.MANY_TO_MANY);
    Optional<Attribute.Compound> basic = find(sources, Jpa.BASIC);
    boolean id = find(sources, Jpa.ID).isPresent() || find(sources, Jpa.EMBEDDED_ID).isPresent();

    Association association;
    Optional<Attribute.Compound> relation;
    if (manyToMany.isPresent()) {
      association = Association.MANY_TO_MANY;
      relation = manyToMany;
    } else if (oneToMany.isPresent()) {
      association = Association.ONE_TO_MANY;
      relation = oneToMany;
    } else if (manyToOne.isPresent()) {
      association = Association.MANY_TO_ONE;
      relation = manyToOne;
    } else if (oneToOne.isPresent()) {
      association = Association.ONE_TO_ONE;
      relation = oneToOne;
    } else if (find(sources, Jpa.ELEMENT_COLLECTION).isPresent()) {
      association = Association.ELEMENT_COLLECTION;
      relation = Optional.empty();
    } else {
      association = Association.NONE;
      relation = Optional.empty();
    }

    boolean notNull =
        field.type.isPrimitive()
            || id
            // Hibernate writes a version on every insert, so the column never holds NULL.
            || find(sources, Jpa.VERSION).isPresent()
            || find(sources, Jpa.NOT_NULL).isPresent()
            || column.map(c -> !Annotations.booleanValue(c, "nullable", true)).orElse(false)
            || joinColumn.map(c -> !Annotations.booleanValue(c, "nullable", true)).orElse(false)
            || manyToOne.map(c -> !Annotations.booleanValue(c, "optional", true)).orElse(false)
            || oneToOne.map(c -> !Annotations.booleanValue(c, "optional", true)).orElse(false)
            || basic.map(c -> !Annotations.booleanValue(c, "optional", true)).orElse(false);

    Optional<String> mappedBy = relation.flatMap(r -> Annotations.stringValue(r, "mappedBy"));
    Optional<String> explicitColumn =
        column
            .flatMap(c -> Annotations.stringValue(c, "name"))
            .or(() -> joinColumn.flatMap(c -> Annotations.stringValue(c, "name")))
            .or(
                () ->
                    (association == Association.MANY_TO_ONE
                                || association == Association.ONE_TO_ONE)
                            && mappedBy.isEmpty()
                        ? Optional.of(field.getSimpleName() + "_" + idColumn(field.type.tsym))
                        : Optional.empty());
    boolean uniqueColumn =
        column.map(c -> Annotations.booleanValue(c, "unique", false)).orElse(false)
            || joinColumn.map(c -> Annotations.booleanValue(c, "unique", false)).orElse(false);

    return new PersistentField(
        field,
        explicitColumn,
        !notNull && !association.isToMany(),
        uniqueColumn,
        id,
        find(sources, Jpa.NATURAL_ID).isPresent(),
        association,
        mappedBy,
        column.map(c -> Annotations.booleanValue(c, "nullable", false)).orElse(false)
            || joinColumn.map(c -> Annotations.booleanValue(c, "nullable", false)).orElse(false));
  }

  /**
   * The primary-key column of a to-one target, for its default join column name; {@code id} when
   * not found.
   */
  private static String idColumn(Symbol target) {
    for (Symbol s = target; s instanceof Symbol.ClassSymbol cls; s = cls.getSuperclass().tsym) {
      for (Symbol member : cls.getEnclosedElements()) {
        if (member.getKind() == ElementKind.FIELD && Annotations.has(member, Jpa.ID)) {
          return Annotations.find(member, Jpa.COLUMN)
              .flatMap(c -> Annotations.stringValue(c, "name"))
              .orElse(member.getSimpleName().toString());
        }
      }
    }
    return "id";
  }

  private static Optional<Attribute.Compound> find(List<Symbol> sources, List<String> names) {
    for (Symbol s : sources) {
      Optional<Attribute.Compound> a = Annotations.find(s, names);
      if (a.isPresent()) {
        return a;
      }
    }
    return Optional.empty();
  }

  /** The JavaBeans getter of {@code field}, where property access puts the mapping annotations. */
  private static Optional<Symbol> getter(Symbol.ClassSymbol owner, Symbol.VarSymbol field) {
    String name = field.getSimpleName().toString();
    for (Symbol member : owner.getEnclosedElements()) {
      if (member instanceof Symbol.MethodSymbol m
          && m.getParameters().isEmpty()
          && Getters.isGetterOf(m.getSimpleName(), name)) {
        return Optional.of(m);
      }
    }
    return Optional.empty();
  }
}
