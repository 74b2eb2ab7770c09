package dev.rowguard.checker.nullness;

import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.TargetType;
import dev.rowguard.checker.util.Annotations;
import java.util.List;
import java.util.Set;

/**
 * What the nullness annotation libraries say about a symbol: whether it is declared
 * {@code @Nullable}, and whether its code is null-marked so that Spring Data rejects null arguments
 * instead of binding them.
 */
public final class NullableAnnotations {

  /**
   * Simple names that mean "may be null" in every library that defines them: checker-qual and
   * JSpecify ({@code Nullable}, type-use), jakarta.annotation, jsr305 ({@code Nullable}, {@code
   * CheckForNull}), Spring, JetBrains, Android and AndroidX. Matching the simple name is what Error
   * Prone and NullAway do, and it also covers in-house copies of {@code @Nullable}.
   */
  private static final Set<String> NULLABLE_SIMPLE_NAMES =
      Set.of("Nullable", "CheckForNull", "NullableDecl");

  /**
   * Defaults under which Spring Data validates repository arguments and throws on null: Spring's
   * {@code @NonNullApi} (package), JSpecify's {@code @NullMarked} (module, package, class; enforced
   * by Spring Data 3.5+), and JSR-305 {@code @ParametersAreNonnullByDefault}.
   */
  private static final List<String> NULL_MARKED =
      List.of(
          "org.jspecify.annotations.NullMarked",
          "org.springframework.lang.NonNullApi",
          "reactor.util.annotation.NonNullApi",
          "javax.annotation.ParametersAreNonnullByDefault");

  /** Turns a {@code @NullMarked} default off again for a class or package. */
  private static final List<String> NULL_UNMARKED =
      List.of("org.jspecify.annotations.NullUnmarked");

  private NullableAnnotations() {}

  /**
   * True when {@code symbol} (a parameter, field, local variable or method, for its return value)
   * is annotated nullable, as a declaration annotation or a type-use annotation.
   */
  public static boolean isNullable(Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    for (Attribute.Compound a : symbol.getAnnotationMirrors()) {
      if (NULLABLE_SIMPLE_NAMES.contains(simpleName(a))) {
        return true;
      }
    }
    // Type-use annotations (JSpecify, checker-qual) count only on the symbol's own type, at top
    // level: List<@Nullable String> says nothing about the list. Read from javac directly, since
    // Error Prone's MoreAnnotations changed its signature between releases.
    for (Attribute.TypeCompound t : symbol.getRawTypeAttributes()) {
      if (t.position.location.isEmpty()
          && isOwnTypePosition(symbol, t.position.type)
          && NULLABLE_SIMPLE_NAMES.contains(simpleName(t))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isOwnTypePosition(Symbol symbol, TargetType position) {
    if (symbol instanceof Symbol.MethodSymbol) {
      return position == TargetType.METHOD_RETURN;
    }
    return position == TargetType.FIELD
        || position == TargetType.METHOD_FORMAL_PARAMETER
        || position == TargetType.LOCAL_VARIABLE
        || position == TargetType.RESOURCE_VARIABLE
        || position == TargetType.EXCEPTION_PARAMETER;
  }

  /**
   * True when {@code symbol} sits in null-marked code: the innermost of the symbol itself, its
   * enclosing classes and its package that says anything is {@code @NullMarked}/{@code @NonNullApi}
   * rather than {@code @NullUnmarked}.
   */
  public static boolean isNullMarked(Symbol symbol) {
    for (Symbol s = symbol; s != null; s = s.owner) {
      if (Annotations.has(s, NULL_UNMARKED)) {
        return false;
      }
      if (Annotations.has(s, NULL_MARKED)) {
        return true;
      }
      if (s instanceof Symbol.PackageSymbol) {
        // Packages do not nest: a.b is not marked by a's package-info.
        return false;
      }
    }
    return false;
  }

  private static String simpleName(Attribute.Compound a) {
    return a.type.tsym.getSimpleName().toString();
  }
}
