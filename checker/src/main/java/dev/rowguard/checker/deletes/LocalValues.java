package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import java.util.Optional;
import javax.lang.model.element.ElementKind;

/** What an effectively final local variable of the enclosing method was initialized with. */
final class LocalValues {

  private LocalValues() {}

  /**
   * The initializer of the local {@code tree} names, when {@code tree} is an identifier of an
   * effectively final local variable declared with one in the enclosing method.
   */
  static Optional<ExpressionTree> initializer(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof IdentifierTree)) {
      return Optional.empty();
    }
    Symbol symbol = ASTHelpers.getSymbol(tree);
    if (!(symbol instanceof Symbol.VarSymbol var)
        || var.getKind() != ElementKind.LOCAL_VARIABLE
        || !ASTHelpers.isConsideredFinal(var)) {
      return Optional.empty();
    }
    MethodTree method = state.findEnclosing(MethodTree.class);
    if (method == null || method.getBody() == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(declaration(method, var)).map(VariableTree::getInitializer);
  }

  /** The declaration of local {@code var} inside {@code method}, or null. */
  static VariableTree declaration(Tree method, Symbol var) {
    VariableTree[] found = new VariableTree[1];
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitVariable(VariableTree node, Void unused) {
        if (ASTHelpers.getSymbol(node) == var) {
          found[0] = node;
          return null;
        }
        return super.visitVariable(node, unused);
      }
    }.scan(method, null);
    return found[0];
  }
}
