package dev.rowguard.checker.util;

import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads annotations and their attributes from symbols, for source and class-file symbols alike.
 *
 * <p>Only explicitly written attribute values are visible here; callers pass the library's
 * documented default, which is what javac would store anyway.
 */
public final class Annotations {

  private Annotations() {}

  /** The annotation of the first of {@code names} (fully qualified) present on {@code symbol}. */
  public static Optional<Attribute.Compound> find(Symbol symbol, Iterable<String> names) {
    if (symbol == null) {
      return Optional.empty();
    }
    for (Attribute.Compound a : symbol.getAnnotationMirrors()) {
      String name = a.type.tsym.getQualifiedName().toString();
      for (String wanted : names) {
        if (name.equals(wanted)) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }

  /** True when {@code symbol} carries any of the annotations {@code names}. */
  public static boolean has(Symbol symbol, Iterable<String> names) {
    return find(symbol, names).isPresent();
  }

  /**
   * True when {@code symbol} carries an annotation of this simple name, from any package (such as
   * the several {@code VisibleForTesting} annotations).
   */
  public static boolean hasSimpleName(Symbol symbol, String simpleName) {
    for (Attribute.Compound a : symbol.getAnnotationMirrors()) {
      if (a.type.tsym.getSimpleName().contentEquals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  /** A boolean attribute, or {@code defaultValue} when it is not written. */
  public static boolean booleanValue(Attribute.Compound a, String attribute, boolean defaultValue) {
    Attribute value = member(a, attribute);
    if (value instanceof Attribute.Constant c && c.getValue() instanceof Boolean b) {
      return b;
    }
    // javac stores boolean constants as Integer 0/1 in class files.
    if (value instanceof Attribute.Constant c && c.getValue() instanceof Integer i) {
      return i != 0;
    }
    return defaultValue;
  }

  /** A String attribute, or empty when it is not written or blank. */
  public static Optional<String> stringValue(Attribute.Compound a, String attribute) {
    Attribute value = member(a, attribute);
    if (value instanceof Attribute.Constant c && c.getValue() instanceof String s && !s.isBlank()) {
      return Optional.of(s);
    }
    return Optional.empty();
  }

  /** The strings of a String or String[] attribute; empty when not written. */
  public static List<String> stringValues(Attribute.Compound a, String attribute) {
    List<String> out = new ArrayList<>();
    for (Attribute v : elements(member(a, attribute))) {
      if (v instanceof Attribute.Constant c && c.getValue() instanceof String s) {
        out.add(s);
      }
    }
    return out;
  }

  /** The constant names of an enum or enum[] attribute ({@code cascade = {PERSIST, MERGE}}). */
  public static List<String> enumValues(Attribute.Compound a, String attribute) {
    List<String> out = new ArrayList<>();
    for (Attribute v : elements(member(a, attribute))) {
      if (v instanceof Attribute.Enum e) {
        out.add(e.value.getSimpleName().toString());
      }
    }
    return out;
  }

  /** The nested annotations of an annotation or annotation[] attribute. */
  public static List<Attribute.Compound> annotationValues(Attribute.Compound a, String attribute) {
    List<Attribute.Compound> out = new ArrayList<>();
    for (Attribute v : elements(member(a, attribute))) {
      if (v instanceof Attribute.Compound c) {
        out.add(c);
      }
    }
    return out;
  }

  private static Attribute member(Attribute.Compound a, String attribute) {
    for (var pair : a.values) {
      if (pair.fst.getSimpleName().contentEquals(attribute)) {
        return pair.snd;
      }
    }
    return null;
  }

  private static List<Attribute> elements(Attribute value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof Attribute.Array array) {
      return List.of(array.values);
    }
    return List.of(value);
  }
}
