package dev.rowguard.checker.jpa;

import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.util.Getters;
import java.util.List;
import java.util.Optional;

/**
 * The JPA mapping of one entity, mapped superclass or embeddable: its persistent fields (inherited
 * ones from mapped superclasses included) and its unique keys. Built once per class symbol per
 * compilation by {@link EntityModels}.
 *
 * @param type the class
 * @param fields persistent fields, the class's own after those of its mapped superclasses
 * @param uniqueKeys every unique key declared for the entity's table
 */
public record EntityModel(
    Symbol.ClassSymbol type, List<PersistentField> fields, List<UniqueKey> uniqueKeys) {

  public EntityModel {
    fields = List.copyOf(fields);
    uniqueKeys = List.copyOf(uniqueKeys);
  }

  /** The persistent field named {@code name}. */
  public Optional<PersistentField> field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The persistent field a Java field symbol denotes. */
  public Optional<PersistentField> field(Symbol symbol) {
    return fields.stream().filter(f -> f.symbol() == symbol).findFirst();
  }

  /**
   * The persistent field an accessor reads: {@code getUri()}/{@code isActive()} for fields {@code
   * uri}/{@code active}, or a record-style {@code uri()}.
   */
  public Optional<PersistentField> fieldForGetter(Symbol.MethodSymbol method) {
    if (!method.getParameters().isEmpty()) {
      return Optional.empty();
    }
    String name = method.getSimpleName().toString();
    Optional<PersistentField> f = Getters.property(name).flatMap(this::field);
    if (f.isPresent()) {
      return f;
    }
    return field(name);
  }

  /** True when some unique key's columns are all among {@code lookupFields}. */
  public boolean hasUniqueKeyCoveredBy(List<PersistentField> lookupFields) {
    return uniqueKeys.stream().anyMatch(k -> k.isCoveredBy(lookupFields));
  }
}
