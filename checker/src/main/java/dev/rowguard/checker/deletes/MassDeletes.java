package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import dev.rowguard.checker.util.Annotations;
import java.util.List;

/**
 * The {@code @MassDelete} escape hatch, matched by name so that the checker does not need the
 * annotations jar on the processor path.
 */
final class MassDeletes {

  static final String MASS_DELETE = "dev.rowguard.annotations.MassDelete";
  private static final List<String> NAMES = List.of(MASS_DELETE);

  private MassDeletes() {}

  /**
   * True when a method or class enclosing the node at {@code state}'s path is annotated
   * {@code @MassDelete}.
   */
  static boolean isDeclared(VisitorState state) {
    for (Tree tree : state.getPath()) {
      Symbol symbol =
          tree instanceof MethodTree method
              ? ASTHelpers.getSymbol(method)
              : tree instanceof ClassTree cls ? ASTHelpers.getSymbol(cls) : null;
      if (symbol != null && Annotations.has(symbol, NAMES)) {
        return true;
      }
    }
    return false;
  }
}
