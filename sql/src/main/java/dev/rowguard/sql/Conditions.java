package dev.rowguard.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.sf.jsqlparser.expression.BinaryExpression;
import net.sf.jsqlparser.expression.BooleanValue;
import net.sf.jsqlparser.expression.DoubleValue;
import net.sf.jsqlparser.expression.Expression;
import net.sf.jsqlparser.expression.ExpressionVisitorAdapter;
import net.sf.jsqlparser.expression.Function;
import net.sf.jsqlparser.expression.JdbcNamedParameter;
import net.sf.jsqlparser.expression.JdbcParameter;
import net.sf.jsqlparser.expression.LongValue;
import net.sf.jsqlparser.expression.NotExpression;
import net.sf.jsqlparser.expression.NullValue;
import net.sf.jsqlparser.expression.Parenthesis;
import net.sf.jsqlparser.expression.SignedExpression;
import net.sf.jsqlparser.expression.StringValue;
import net.sf.jsqlparser.expression.operators.arithmetic.Addition;
import net.sf.jsqlparser.expression.operators.arithmetic.Multiplication;
import net.sf.jsqlparser.expression.operators.arithmetic.Subtraction;
import net.sf.jsqlparser.expression.operators.conditional.AndExpression;
import net.sf.jsqlparser.expression.operators.conditional.OrExpression;
import net.sf.jsqlparser.expression.operators.relational.ComparisonOperator;
import net.sf.jsqlparser.expression.operators.relational.EqualsTo;
import net.sf.jsqlparser.expression.operators.relational.ExistsExpression;
import net.sf.jsqlparser.expression.operators.relational.ExpressionList;
import net.sf.jsqlparser.expression.operators.relational.GreaterThan;
import net.sf.jsqlparser.expression.operators.relational.GreaterThanEquals;
import net.sf.jsqlparser.expression.operators.relational.InExpression;
import net.sf.jsqlparser.expression.operators.relational.IsNullExpression;
import net.sf.jsqlparser.expression.operators.relational.MinorThan;
import net.sf.jsqlparser.expression.operators.relational.MinorThanEquals;
import net.sf.jsqlparser.expression.operators.relational.NotEqualsTo;
import net.sf.jsqlparser.schema.Column;
import net.sf.jsqlparser.schema.Table;
import net.sf.jsqlparser.statement.select.ParenthesedSelect;
import net.sf.jsqlparser.statement.select.PlainSelect;
import net.sf.jsqlparser.statement.select.Select;
import org.jspecify.annotations.Nullable;

/** Facts about WHERE conditions: tautologies and {@code NOT IN} bind parameters. */
final class Conditions {

  private Conditions() {}

  /**
   * True when the condition holds for every row: {@code true}, a non-zero number, {@code 1 = 1},
   * {@code 'a' = 'a'}, {@code x = x}, {@code x >= x}, a true comparison of constants ({@code 2 >
   * 1}, {@code 1 <> 0}, {@code lower('A') = 'a'}, {@code length('ab') = 2}), {@code NOT} of a
   * contradiction ({@code NOT false}), {@code x IS NULL OR x IS NOT NULL}, {@code x IN (SELECT x
   * FROM t)} on the deleted table {@code t} itself, {@code EXISTS (SELECT 1)} (a subquery of
   * literals without FROM, or from {@code t} itself, with nothing that drops rows), an OR with a
   * tautological side, an AND of tautologies. ({@code x = x} and {@code x IN (SELECT x FROM t)} are
   * false where x is NULL, but nobody writes them to skip NULL rows.)
   *
   * @param target the table the statement deletes from, or null when it has several or none
   */
  static boolean isTautology(Expression e, @Nullable Table target) {
    Expression x = unwrap(e);
    if (x instanceof BooleanValue b) {
      return b.getValue();
    }
    if (x instanceof LongValue n) {
      return n.getValue() != 0;
    }
    if (x instanceof OrExpression or) {
      return isNullOrNot(or)
          || isTautology(or.getLeftExpression(), target)
          || isTautology(or.getRightExpression(), target);
    }
    if (x instanceof AndExpression and) {
      return isTautology(and.getLeftExpression(), target)
          && isTautology(and.getRightExpression(), target);
    }
    if (x instanceof NotExpression not) {
      return isContradiction(not.getExpression(), target);
    }
    if (x instanceof InExpression in) {
      return !in.isNot() && target != null && inItself(in, target);
    }
    if (x instanceof ExistsExpression exists) {
      return !exists.isNot() && nonEmpty(exists.getRightExpression(), target);
    }
    Boolean constant = constantComparison(x);
    if (constant != null) {
      return constant;
    }
    if (x instanceof EqualsTo || x instanceof GreaterThanEquals || x instanceof MinorThanEquals) {
      var binary = (BinaryExpression) x;
      return sameOperand(unwrap(binary.getLeftExpression()), unwrap(binary.getRightExpression()));
    }
    return false;
  }

  /**
   * {@code x IN (SELECT x FROM t)} where {@code t} is the deleted table, the subquery unbounded.
   */
  private static boolean inItself(InExpression in, Table target) {
    if (!(unwrap(in.getLeftExpression()) instanceof Column left)
        || !qualifies(left.getTable(), target)) {
      return false;
    }
    PlainSelect sub = unrestricted(in.getRightExpression());
    return sub != null
        && sub.getFromItem() instanceof Table from
        && sameTable(from, target)
        && sub.getSelectItems().size() == 1
        && sub.getSelectItems().get(0).getExpression() instanceof Column selected
        && qualifies(selected.getTable(), from)
        && unquoted(selected.getColumnName()).equalsIgnoreCase(unquoted(left.getColumnName()));
  }

  /**
   * A subquery that certainly returns a row while the deleted table has one: literals without FROM
   * (or from Oracle's {@code dual}), or literals and columns from the deleted table itself.
   */
  private static boolean nonEmpty(Expression subquery, @Nullable Table target) {
    PlainSelect sub = unrestricted(subquery);
    if (sub == null) {
      return false;
    }
    boolean literals = sub.getSelectItems().stream().allMatch(i -> isValue(i.getExpression()));
    if (sub.getFromItem() == null
        || (sub.getFromItem() instanceof Table dual
            && dual.getSampleClause() == null
            && unquoted(dual.getFullyQualifiedName()).equalsIgnoreCase("dual"))) {
      return literals;
    }
    return target != null
        && sub.getFromItem() instanceof Table from
        && sameTable(from, target)
        && sub.getSelectItems().stream()
            .allMatch(i -> isValue(i.getExpression()) || i.getExpression() instanceof Column);
  }

  private static boolean isValue(Expression e) {
    return isLiteral(e) || e instanceof NullValue;
  }

  /**
   * The plain SELECT of a subquery that nothing restricts (no WHERE, HAVING, GROUP BY, join, LIMIT,
   * OFFSET, FETCH, TOP, CTE, sample), else null.
   */
  private static @Nullable PlainSelect unrestricted(Expression e) {
    if (!(e instanceof ParenthesedSelect parenthesed)
        || bounded(parenthesed)
        || !(parenthesed.getSelect() instanceof PlainSelect p)
        || bounded(p)) {
      return null;
    }
    boolean restricted =
        p.getWhere() != null
            || p.getHaving() != null
            || p.getGroupBy() != null
            || p.getQualify() != null
            || p.getTop() != null
            || p.getFirst() != null
            || p.getSkip() != null
            || p.getOracleHierarchical() != null
            || p.getSampleClause() != null
            || (p.getJoins() != null && !p.getJoins().isEmpty())
            || (p.getLateralViews() != null && !p.getLateralViews().isEmpty())
            || (p.getFromItem() != null && !(p.getFromItem() instanceof Table))
            || (p.getFromItem() instanceof Table t && t.getSampleClause() != null);
    return restricted ? null : p;
  }

  private static boolean bounded(Select s) {
    return s.getLimit() != null
        || s.getOffset() != null
        || s.getFetch() != null
        || s.getLimitBy() != null
        || (s.getWithItemsList() != null && !s.getWithItemsList().isEmpty());
  }

  /** The same table, as written without identifier quotes. */
  private static boolean sameTable(Table a, Table b) {
    return StatementClassifier.tableName(a).equalsIgnoreCase(StatementClassifier.tableName(b));
  }

  /** A column's qualifier that names {@code table} (its name or alias), or none. */
  private static boolean qualifies(@Nullable Table qualifier, Table table) {
    if (qualifier == null || qualifier.getName() == null) {
      return true;
    }
    String q = unquoted(qualifier.getFullyQualifiedName());
    return q.equalsIgnoreCase(StatementClassifier.tableName(table))
        || q.equalsIgnoreCase(unquoted(table.getName()))
        || (table.getAlias() != null && q.equalsIgnoreCase(unquoted(table.getAlias().getName())));
  }

  private static String unquoted(String name) {
    return name.replace("\"", "").replace("`", "");
  }

  /** True when the condition holds for no row: {@code false}, {@code 0}, {@code 1 = 0}, ... */
  private static boolean isContradiction(Expression e, @Nullable Table target) {
    Expression x = unwrap(e);
    if (x instanceof BooleanValue b) {
      return !b.getValue();
    }
    if (x instanceof LongValue n) {
      return n.getValue() == 0;
    }
    if (x instanceof NotExpression not) {
      return isTautology(not.getExpression(), target);
    }
    if (x instanceof AndExpression and) {
      return isContradiction(and.getLeftExpression(), target)
          || isContradiction(and.getRightExpression(), target);
    }
    if (x instanceof OrExpression or) {
      return isContradiction(or.getLeftExpression(), target)
          && isContradiction(or.getRightExpression(), target);
    }
    return Boolean.FALSE.equals(constantComparison(x));
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
   * The value of a comparison of two constants, or null when {@code x} is not one or its value
   * depends on the database: numbers compare as numbers ({@code 2 > 1}, {@code length('ab') = 2});
   * strings only when equal ({@code lower('A') = 'a'} is true, {@code 'a' <> 'a'} false), since
   * whether {@code 'A' = 'a'} or {@code 'a' < 'b'} depends on the collation.
   */
  private static @Nullable Boolean constantComparison(Expression x) {
    if (!(x instanceof ComparisonOperator c)) {
      return null;
    }
    Object left = constant(c.getLeftExpression());
    Object right = constant(c.getRightExpression());
    if (left instanceof String l && right instanceof String r) {
      // Equal strings compare equal in every collation; unequal ones may too ('A' = 'a' in MySQL).
      if (!l.equals(r)) {
        return null;
      }
      return c instanceof EqualsTo
          || c instanceof GreaterThanEquals
          || c instanceof MinorThanEquals;
    }
    if (!(left instanceof Double l) || !(right instanceof Double r)) {
      return null;
    }
    int cmp = Double.compare(l, r);
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

  /**
   * The value of an expression of literals whose value every database agrees on: a number (a
   * Double), a plain string, {@code -n}, {@code a + b}, {@code a - b}, {@code a * b}, and {@code
   * lower}, {@code upper}, {@code length} of ASCII strings; else null ({@code ||} is OR in MySQL,
   * division rounds differently, non-ASCII case mapping depends on the database).
   */
  private static @Nullable Object constant(Expression e) {
    Expression x = unwrap(e);
    if (x instanceof LongValue l) {
      return (double) l.getValue();
    }
    if (x instanceof DoubleValue d) {
      return d.getValue();
    }
    if (x instanceof StringValue s) {
      return s.getPrefix() == null ? s.getValue() : null;
    }
    if (x instanceof SignedExpression signed) {
      Object v = constant(signed.getExpression());
      return v instanceof Double d ? (signed.getSign() == '-' ? -d : d) : null;
    }
    if (x instanceof Addition || x instanceof Subtraction || x instanceof Multiplication) {
      var binary = (BinaryExpression) x;
      if (constant(binary.getLeftExpression()) instanceof Double l
          && constant(binary.getRightExpression()) instanceof Double r) {
        return x instanceof Addition ? l + r : x instanceof Subtraction ? l - r : l * r;
      }
      return null;
    }
    if (x instanceof Function f
        && f.getParameters() != null
        && f.getParameters().size() == 1
        && !f.isDistinct()
        && f.getNamedParameters() == null
        && constant(f.getParameters().get(0)) instanceof String arg
        && arg.chars().allMatch(ch -> ch < 128)) {
      return switch (f.getName().toLowerCase(Locale.ROOT)) {
        case "lower", "lcase" -> arg.toLowerCase(Locale.ROOT);
        case "upper", "ucase" -> arg.toUpperCase(Locale.ROOT);
        case "length", "char_length", "character_length" -> (double) arg.length();
        default -> null;
      };
    }
    return null;
  }

  private static boolean sameOperand(Expression left, Expression right) {
    if (left instanceof Column && right instanceof Column) {
      return left.toString().equalsIgnoreCase(right.toString());
    }
    // Literals exactly: whether 'A' = 'a' depends on the collation.
    return isLiteral(left)
        && isLiteral(right)
        && left.getClass() == right.getClass()
        && left.toString().equals(right.toString());
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
