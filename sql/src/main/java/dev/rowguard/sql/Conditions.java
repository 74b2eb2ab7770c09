package dev.rowguard.sql;

import java.util.ArrayList;
import java.util.List;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import org.jspecify.annotations.Nullable;

/** Facts about WHERE conditions: tautologies and {@code NOT IN} bind parameters. */
final class Conditions {

  private Conditions() {}

  /**
   * True when the condition holds for every row: {@code true}, a non-zero number, {@code 1 = 1},
   * {@code 'a' = 'a'}, {@code x = x}, {@code x >= x}, a true comparison of two numbers ({@code 2 >
   * 1}, {@code 1 <> 0}), {@code NOT} of a contradiction ({@code NOT false}), {@code x IS NULL OR x
   * IS NOT NULL}, an OR with a tautological side, an AND of tautologies. ({@code x = x} is false
   * where x is NULL, but nobody writes it to skip NULL rows.)
   */
  static boolean isTautology(Expression e) {
    Expression x = unwrap(e);
    if (x instanceof BooleanValue b) {
      return b.getValue();
    }
    if (x instanceof LongValue n) {
      return n.getValue() != 0;
    }
    if (x instanceof OrExpression or) {
      return isNullOrNot(or)
          || isTautology(or.getLeftExpression())
          || isTautology(or.getRightExpression());
    }
    if (x instanceof AndExpression and) {
      return isTautology(and.getLeftExpression()) && isTautology(and.getRightExpression());
    }
    if (x instanceof NotExpression not) {
      return isContradiction(not.getExpression());
    }
    Boolean constant = numberComparison(x);
    if (constant != null) {
      return constant;
    }
    if (x instanceof EqualsTo || x instanceof GreaterThanEquals || x instanceof MinorThanEquals) {
      var binary = (BinaryExpression) x;
      return sameOperand(unwrap(binary.getLeftExpression()), unwrap(binary.getRightExpression()));
    }
    return false;
  }

  /** True when the condition holds for no row: {@code false}, {@code 0}, {@code 1 = 0}, ... */
  private static boolean isContradiction(Expression e) {
    Expression x = unwrap(e);
    if (x instanceof BooleanValue b) {
      return !b.getValue();
    }
    if (x instanceof LongValue n) {
      return n.getValue() == 0;
    }
    if (x instanceof NotExpression not) {
      return isTautology(not.getExpression());
    }
    if (x instanceof AndExpression and) {
      return isContradiction(and.getLeftExpression()) || isContradiction(and.getRightExpression());
    }
    if (x instanceof OrExpression or) {
      return isContradiction(or.getLeftExpression()) && isContradiction(or.getRightExpression());
    }
    return Boolean.FALSE.equals(numberComparison(x));
  }

  /** {@code x IS NULL OR x IS NOT NULL} (either order) on one column. */
  private static boolean isNullOrNot(OrExpression or) {
    return unwrap(or.getLeftExpression()) instanceof IsNullExpression a
        && unwrap(or.getRightExpression()) instanceof IsNullExpression b
        && a.isNot() != b.isNot()
        && unwrap(a.getLeftExpression()) instanceof Column ca
        && unwrap(b.getLeftExpression()) instanceof Column cb
        && ca.toString().equalsIgnoreCase(cb.toString());
  }

  /**
   * The value of a comparison of two number literals ({@code 2 > 1}, {@code 1 <> 0}), or null when
   * {@code x} is not one.
   */
  private static @Nullable Boolean numberComparison(Expression x) {
    if (!(x instanceof ComparisonOperator c)) {
      return null;
    }
    Double left = number(unwrap(c.getLeftExpression()));
    Double right = number(unwrap(c.getRightExpression()));
    if (left == null || right == null) {
      return null;
    }
    int cmp = Double.compare(left, right);
    if (c instanceof EqualsTo) {
      return cmp == 0;
    } else if (c instanceof NotEqualsTo) {
      return cmp != 0;
    } else if (c instanceof GreaterThan) {
      return cmp > 0;
    } else if (c instanceof GreaterThanEquals) {
      return cmp >= 0;
    } else if (c instanceof MinorThan) {
      return cmp < 0;
    } else if (c instanceof MinorThanEquals) {
      return cmp <= 0;
    }
    return null;
  }

  private static @Nullable Double number(Expression e) {
    if (e instanceof LongValue l) {
      return (double) l.getValue();
    }
    if (e instanceof DoubleValue d) {
      return d.getValue();
    }
    return null;
  }

  private static boolean sameOperand(Expression left, Expression right) {
    boolean comparable =
        (left instanceof Column && right instanceof Column)
            || (isLiteral(left) && isLiteral(right) && left.getClass() == right.getClass());
    return comparable && left.toString().equalsIgnoreCase(right.toString());
  }

  private static boolean isLiteral(Expression e) {
    return e instanceof LongValue
        || e instanceof DoubleValue
        || e instanceof StringValue
        || e instanceof BooleanValue;
  }

  private static Expression unwrap(Expression e) {
    Expression x = e;
    while (x instanceof Parenthesis p) {
      x = p.getExpression();
    }
    while (x instanceof ExpressionList<?> list && list.size() == 1) {
      x = list.get(0);
    }
    return x;
  }

  /** The bind parameters that stand alone on the right of a {@code NOT IN}, as written. */
  static List<String> notInParameters(Expression where) {
    List<String> found = new ArrayList<>();
    where.accept(
        new ExpressionVisitorAdapter<Void>() {
          @Override
          public <S> Void visit(InExpression in, S context) {
            if (in.isNot()) {
              String name = parameterName(unwrap(in.getRightExpression()));
              if (name != null) {
                found.add(name);
              }
            }
            return super.visit(in, context);
          }
        },
        null);
    return found;
  }

  private static @Nullable String parameterName(Expression e) {
    if (e instanceof JdbcNamedParameter named) {
      return ":" + named.getName();
    }
    if (e instanceof JdbcParameter positional) {
      return positional.isUseFixedIndex() ? "?" + positional.getIndex() : "?";
    }
    return null;
  }
}
