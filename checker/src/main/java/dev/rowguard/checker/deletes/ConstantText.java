package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import dev.rowguard.checker.util.LocalValues;
import java.util.Optional;

/**
 * Statement text known at compile time: constants (javac folds static finals and their
 * concatenations) and effectively final locals initialized with one.
 */
final class ConstantText {

  private ConstantText() {}

  static Optional<String> of(ExpressionTree tree, VisitorState state) {
    String constant = ASTHelpers.constValue(tree, String.class);
    if (constant != null) {
      return Optional.of(constant);
    }
    return LocalValues.initializer(tree, state)
        .map(init -> ASTHelpers.constValue(init, String.class));
  }
}
