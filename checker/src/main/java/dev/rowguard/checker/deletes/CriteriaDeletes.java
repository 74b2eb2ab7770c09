package dev.rowguard.checker.deletes;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import dev.rowguard.checker.jpa.Jpa;
import dev.rowguard.checker.util.Guards;
import dev.rowguard.checker.util.Invocations;
import dev.rowguard.checker.util.LocalValues;
import javax.lang.model.element.ElementKind;

/** JPA {@code CriteriaDelete} objects built and executed within one method. */
final class CriteriaDeletes {

  private CriteriaDeletes() {}

  /** True when {@code type} is a JPA {@code CriteriaDelete}. */
  static boolean isCriteriaDelete(Type type, VisitorState state) {
    for (String name : Jpa.CRITERIA_DELETE) {
      Type criteriaDelete = state.getTypeFromString(name);
      if (criteriaDelete != null
          && type != null
          && state
              .getTypes()
              .isSubtype(
                  state.getTypes().erasure(type), state.getTypes().erasure(criteriaDelete))) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when {@code criteria}, about to be executed, is a local created in the enclosing method by
   * {@code createCriteriaDelete} on which {@code where(...)} is never called. A criteria object
   * that leaves the method (passed to a helper, stored, returned) may be restricted elsewhere and
   * is not judged.
   */
  static boolean isUnrestricted(ExpressionTree criteria, VisitorState state) {
    if (!(criteria instanceof IdentifierTree)
        || !(ASTHelpers.getSymbol(criteria) instanceof Symbol.VarSymbol var)
        || var.getKind() != ElementKind.LOCAL_VARIABLE) {
      return false;
    }
    TreePath method = Guards.enclosingMethod(state.getPath());
    if (method == null) {
      return false;
    }
    VariableTree declaration = LocalValues.declaration(method.getLeaf(), var);
    if (declaration == null
        || !(declaration.getInitializer() instanceof MethodInvocationTree init)
        || !Invocations.name(init).equals("createCriteriaDelete")) {
      return false;
    }
    UseScanner uses = new UseScanner(var, criteria);
    uses.scan(method, null);
    return !uses.restrictedOrEscapes;
  }

  /** Looks at every use of the criteria variable: receiver of a builder call, or something else. */
  private static final class UseScanner extends TreePathScanner<Void, Void> {
    private final Symbol var;
    private final Tree executedUse;
    boolean restrictedOrEscapes;

    UseScanner(Symbol var, Tree executedUse) {
      this.var = var;
      this.executedUse = executedUse;
    }

    @Override
    public Void visitIdentifier(IdentifierTree node, Void unused) {
      if (node == executedUse || ASTHelpers.getSymbol(node) != var) {
        return null;
      }
      Tree parent = getCurrentPath().getParentPath().getLeaf();
      if (parent instanceof MemberSelectTree select
          && getCurrentPath().getParentPath().getParentPath().getLeaf()
              instanceof MethodInvocationTree) {
        if (select.getIdentifier().contentEquals("where")) {
          restrictedOrEscapes = true;
        }
        return null;
      }
      restrictedOrEscapes = true;
      return null;
    }
  }
}
