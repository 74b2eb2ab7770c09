package dev.rowguard.checker.util;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
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
public final class LocalValues {

  private LocalValues() {}

  /**
   * The initializer of the local {@code tree} names, when {@code tree} is an identifier of an
   * effectively final local variable declared with one in the enclosing method.
   */
  public static Optional<ExpressionTree> initializer(ExpressionTree tree, VisitorState state) {
    if (!(tree instanceof IdentifierTree)
        || !(ASTHelpers.getSymbol(tree) instanceof Symbol.VarSymbol var)) {
      return Optional.empty();
    }
    return initializer(var, state);
  }

  /**
   * The initializer of {@code var} when it is an effectively final local variable declared with one
   * in the enclosing method (or, for locals of lambdas in field initializers, class).
   */
  public static Optional<ExpressionTree> initializer(Symbol.VarSymbol var, VisitorState state) {
    if (var.getKind() != ElementKind.LOCAL_VARIABLE || !ASTHelpers.isConsideredFinal(var)) {
      return Optional.empty();
    }
    Tree scope = state.findEnclosing(MethodTree.class, ClassTree.class);
    if (scope == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(declaration(scope, var)).map(VariableTree::getInitializer);
  }

  /** The declaration of local {@code var} inside {@code method}, or null. */
  public static VariableTree declaration(Tree method, Symbol var) {
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
