package dev.rowguard.checker.util;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Attribute;
import com.sun.tools.javac.code.Symbol;
import java.util.Set;

/**
 * Tells test code apart from application code: a test that empties a table between cases is doing
 * its job, so checks about unbounded deletes stay silent there.
 */
public final class TestCode {

  /** Annotations (by package prefix) that only test frameworks define. */
  private static final Set<String> TEST_ANNOTATION_PACKAGES =
      Set.of(
          "org.junit.",
          "org.testng.annotations.",
          "org.springframework.boot.test.",
          "org.springframework.test.");

  private TestCode() {}

  /** True when the node at {@code state}'s path sits in a test class or a test method. */
  public static boolean isTestCode(VisitorState state) {
    for (Tree tree : state.getPath()) {
      if (tree instanceof MethodTree method && isTestAnnotated(ASTHelpers.getSymbol(method))) {
        return true;
      }
      if (tree instanceof ClassTree cls) {
        Symbol.ClassSymbol symbol = ASTHelpers.getSymbol(cls);
        if (symbol != null
            && (isTestName(symbol.getSimpleName().toString()) || isTestAnnotated(symbol))) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isTestName(String name) {
    return name.endsWith("Test")
        || name.endsWith("Tests")
        || name.endsWith("IT")
        || name.endsWith("TestCase");
  }

  private static boolean isTestAnnotated(Symbol symbol) {
    if (symbol == null) {
      return false;
    }
    for (Attribute.Compound a : symbol.getAnnotationMirrors()) {
      String name = a.type.tsym.getQualifiedName().toString();
      for (String prefix : TEST_ANNOTATION_PACKAGES) {
        if (name.startsWith(prefix)) {
          return true;
        }
      }
    }
    return false;
  }
}
