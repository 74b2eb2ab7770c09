package dev.rowguard.checker.collections;

import com.google.errorprone.VisitorState;
import com.google.errorprone.suppliers.Supplier;
import com.google.errorprone.suppliers.Suppliers;
import com.google.errorprone.util.ASTHelpers;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;

/** What a container holds, and whether a type is a UUID, a String or wide enough for both. */
public final class ElementTypes {

  private static final Supplier<Type> UUID = Suppliers.typeFromString("java.util.UUID");
  private static final Supplier<Type> ITERATOR = Suppliers.typeFromString("java.util.Iterator");
  private static final Supplier<Type> ENUMERATION =
      Suppliers.typeFromString("java.util.Enumeration");
  private static final Supplier<Type> MAP = Suppliers.typeFromString("java.util.Map");
  private static final Supplier<Type> SET = Suppliers.typeFromString("java.util.Set");

  /**
   * The element type of an Iterable, Iterator or Enumeration (the key type of a Map), widened to
   * its upper bound; Object for a raw one; null when {@code type} holds no elements.
   */
  public static Type elementType(Type type, VisitorState state) {
    Types types = state.getTypes();
    for (Type container :
        new Type[] {
          state.getSymtab().iterableType,
          ITERATOR.get(state),
          ENUMERATION.get(state),
          MAP.get(state)
        }) {
      if (container == null) {
        continue;
      }
      Type asContainer = types.asSuper(type, container.tsym);
      if (asContainer != null) {
        return asContainer.getTypeArguments().isEmpty()
            ? state.getSymtab().objectType
            : ASTHelpers.getUpperBound(asContainer.getTypeArguments().get(0), types);
      }
    }
    return null;
  }

  // UUID and String are final and not generic: comparing symbols is exact, and cheap enough to
  // run on every argument of every call.

  public static boolean isUuid(Type type, VisitorState state) {
    Type uuid = UUID.get(state);
    return type != null && uuid != null && type.tsym == uuid.tsym;
  }

  public static boolean isString(Type type, VisitorState state) {
    return type != null && type.tsym == state.getSymtab().stringType.tsym;
  }

  /**
   * Whether both a UUID and a String can be stored as {@code type}: Object, Serializable,
   * Comparable&lt;?&gt; and the like.
   */
  public static boolean holdsBoth(Type type, VisitorState state) {
    Type uuid = UUID.get(state);
    return type != null
        && uuid != null
        && state.getTypes().isSubtype(uuid, type)
        && state.getTypes().isSubtype(state.getSymtab().stringType, type);
  }

  /**
   * Whether {@code type} is a Set or a Map, which compare elements (keys) as they are stored; a
   * List of Objects may just be a row of column values.
   */
  public static boolean comparesOnInsert(Type type, VisitorState state) {
    Types types = state.getTypes();
    Type erased = types.erasure(type);
    return types.isSubtype(erased, types.erasure(SET.get(state)))
        || types.isSubtype(erased, types.erasure(MAP.get(state)));
  }

  private ElementTypes() {}
}
