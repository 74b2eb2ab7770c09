package dev.rowguard.checker.springdata;

import com.google.errorprone.VisitorState;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.util.Context;
import dev.rowguard.checker.jpa.EntityModel;
import dev.rowguard.checker.jpa.EntityModels;
import dev.rowguard.checker.jpa.PersistentField;
import dev.rowguard.checker.util.Annotations;
import dev.rowguard.checker.util.PerCompilation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Spring Data makes of repository interfaces and their methods. */
public final class SpringDataRepositories {

  /** Annotations that replace name derivation with an explicit query. */
  private static final List<String> EXPLICIT_QUERY =
      List.of(
          SpringData.JPA_QUERY.get(0),
          "org.springframework.data.jpa.repository.query.Procedure",
          "org.springframework.data.jpa.repository.Procedure",
          "org.springframework.data.jdbc.repository.query.Query",
          "org.springframework.data.mongodb.repository.Query");

  /** Parameters Spring Data passes to the query machinery instead of binding them to a part. */
  private static final List<String> SPECIAL_PARAMETERS =
      List.of(
          "org.springframework.data.domain.Pageable",
          SpringData.SORT,
          "org.springframework.data.domain.Limit",
          "org.springframework.data.domain.ScrollPosition",
          // A dynamic projection: <T> List<T> findByUri(String uri, Class<T> type).
          "java.lang.Class");

  private SpringDataRepositories() {}

  /** True when {@code type} is a Spring Data repository (extends {@code Repository}). */
  public static boolean isRepository(Type type, VisitorState state) {
    Type repository = state.getTypeFromString(SpringData.REPOSITORY);
    return type != null
        && repository != null
        && state
            .getTypes()
            .isSubtype(state.getTypes().erasure(type), state.getTypes().erasure(repository));
  }

  /** The entity class a repository type manages ({@code T} of {@code Repository<T, ID>}). */
  public static Optional<Symbol.ClassSymbol> domainType(Type repositoryType, VisitorState state) {
    Type repository = state.getTypeFromString(SpringData.REPOSITORY);
    if (repositoryType == null || repository == null) {
      return Optional.empty();
    }
    Type asRepository = state.getTypes().asSuper(repositoryType, repository.tsym);
    if (asRepository == null || asRepository.getTypeArguments().isEmpty()) {
      return Optional.empty();
    }
    return asRepository.getTypeArguments().get(0).tsym instanceof Symbol.ClassSymbol c
        ? Optional.of(c)
        : Optional.empty();
  }

  /**
   * The derived query of {@code method} as called on {@code receiverType}: present only for
   * abstract methods the application declares on its own repository interfaces without an explicit
   * {@code @Query}. Spring's own methods ({@code findById}, {@code deleteAllById}) are not derived:
   * they reject null instead of matching {@code IS NULL}.
   */
  public static Optional<DerivedQuery> derivedQuery(
      Symbol.MethodSymbol method, VisitorState state) {
    if (method == null) {
      return Optional.empty();
    }
    return Cache.instance(state).derived.computeIfAbsent(method, m -> parseDerived(m, state));
  }

  /**
   * True for a derived find without a condition ({@code findAllByOrderByNameAsc()}): it selects
   * every row of the table.
   */
  public static boolean findsEveryRow(Symbol.MethodSymbol method, VisitorState state) {
    return method != null
        && isDerivable(method, state)
        && DerivedQueryParser.findsEveryRow(method.getSimpleName().toString());
  }

  private static Optional<DerivedQuery> parseDerived(
      Symbol.MethodSymbol method, VisitorState state) {
    if (!isDerivable(method, state)) {
      return Optional.empty();
    }
    return DerivedQueryParser.parse(method.getSimpleName().toString());
  }

  /** An abstract method of the application's own repository without an explicit query. */
  private static boolean isDerivable(Symbol.MethodSymbol method, VisitorState state) {
    return method.owner instanceof Symbol.ClassSymbol cls
        && !cls.getQualifiedName().toString().startsWith(SpringData.PACKAGE)
        && (method.flags() & Flags.ABSTRACT) != 0
        && (method.flags() & (Flags.DEFAULT | Flags.STATIC)) == 0
        && !Annotations.has(method, EXPLICIT_QUERY)
        && isRepository(cls.type, state);
  }

  /**
   * Derived queries by method symbol, once per compilation: every call of a repository method asks
   * again.
   */
  private static final class Cache {
    private static final Context.Key<Cache> KEY = new Context.Key<>();
    final Map<Symbol.MethodSymbol, Optional<DerivedQuery>> derived = new HashMap<>();

    static Cache instance(VisitorState state) {
      return PerCompilation.get(state, KEY, Cache::new);
    }
  }

  /**
   * The position among the bound parameters ({@link DerivedQuery.Part#firstArgument()} counts
   * those) of parameter {@code index} of {@code method}; empty for a {@code Pageable}, {@code
   * Sort}, {@code Limit}, {@code ScrollPosition} or projection {@code Class} parameter.
   */
  public static Optional<Integer> boundPosition(
      Symbol.MethodSymbol method, int index, VisitorState state) {
    List<Symbol.VarSymbol> parameters = method.getParameters();
    if (index < 0 || index >= parameters.size() || isSpecial(parameters.get(index), state)) {
      return Optional.empty();
    }
    int position = 0;
    for (int i = 0; i < index; i++) {
      if (!isSpecial(parameters.get(i), state)) {
        position++;
      }
    }
    return Optional.of(position);
  }

  /**
   * The inverse of {@link #boundPosition}: the index of the parameter of {@code method} that is
   * bound parameter number {@code position}, skipping {@code Pageable}, {@code Sort} and the like.
   */
  public static Optional<Integer> parameterIndex(
      Symbol.MethodSymbol method, int position, VisitorState state) {
    List<Symbol.VarSymbol> parameters = method.getParameters();
    int bound = 0;
    for (int i = 0; i < parameters.size(); i++) {
      if (isSpecial(parameters.get(i), state)) {
        continue;
      }
      if (bound == position) {
        return Optional.of(i);
      }
      bound++;
    }
    return Optional.empty();
  }

  private static boolean isSpecial(Symbol.VarSymbol parameter, VisitorState state) {
    for (String name : SPECIAL_PARAMETERS) {
      Type special = state.getTypeFromString(name);
      if (special != null
          && state
              .getTypes()
              .isSubtype(
                  state.getTypes().erasure(parameter.type), state.getTypes().erasure(special))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Resolves a derived-query property path against an entity as Spring's {@code PropertyPath} does:
   * the whole name first, then the longest camel-case head that is a property, recursing into its
   * type; {@code _} separates segments explicitly. Empty when it does not resolve.
   */
  public static Optional<List<PersistentField>> resolvePath(
      EntityModel entity, String property, VisitorState state) {
    int underscore = property.indexOf('_');
    if (underscore > 0) {
      Optional<PersistentField> head = entity.field(property.substring(0, underscore));
      String tail = property.substring(underscore + 1);
      if (head.isEmpty() || tail.isEmpty()) {
        return Optional.empty();
      }
      return continuePath(head.get(), uncapitalize(tail), state);
    }
    Optional<PersistentField> whole = entity.field(property);
    if (whole.isPresent()) {
      return Optional.of(List.of(whole.get()));
    }
    for (int split = property.length() - 1; split > 0; split--) {
      if (!Character.isUpperCase(property.charAt(split))) {
        continue;
      }
      Optional<PersistentField> head = entity.field(property.substring(0, split));
      if (head.isPresent()) {
        Optional<List<PersistentField>> rest =
            continuePath(head.get(), uncapitalize(property.substring(split)), state);
        if (rest.isPresent()) {
          return rest;
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<List<PersistentField>> continuePath(
      PersistentField head, String tail, VisitorState state) {
    Optional<EntityModel> next = EntityModels.instance(state).ofElementOrSelf(head.symbol().type);
    if (next.isEmpty()) {
      return Optional.empty();
    }
    return resolvePath(next.get(), tail, state)
        .map(
            rest -> {
              List<PersistentField> path = new ArrayList<>(rest.size() + 1);
              path.add(head);
              path.addAll(rest);
              return path;
            });
  }

  private static String uncapitalize(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
