package dev.rowguard.checker.uuid;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol.VarSymbol;

/** Finds the declaration of a local variable used at the current path. */
final class LocalDeclarations {

  /** The initializer {@code local} was declared with, or null (none, or not found). */
  static Tree initializer(VarSymbol local, VisitorState state) {
    Tree scope = state.findEnclosing(MethodTree.class, ClassTree.class);
    if (scope == null) {
      return null;
    }
    VariableTree declaration =
        new TreeScanner<VariableTree, Void>() {
          @Override
          public VariableTree visitVariable(VariableTree tree, Void unused) {
            return ASTHelpers.getSymbol((Tree) tree) == local ? tree : super.visitVariable(tree, null);
          }

          @Override
          public VariableTree reduce(
              VariableTree first, VariableTree second) {
            return first != null ? first : second;
          }
        }.scan(scope, null);
    return declaration == null ? null : declaration.getInitializer();
  }

  private LocalDeclarations() {}
}
