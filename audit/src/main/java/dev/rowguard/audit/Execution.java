package dev.rowguard.audit;

import dev.rowguard.audit.log.Trigger;
import dev.rowguard.sql.Classification;
import dev.rowguard.sql.Classification.Kind;
import dev.rowguard.sql.Classification.Where;
import dev.rowguard.sql.StatementClassifier;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import net.ttddyy.dsproxy.QueryInfo;
import org.jspecify.annotations.Nullable;

/**
 * One deleting statement as it ran: its classification, text and the rows the driver reported.
 *
 * @param batchSize executions in a JDBC batch, 0 when not a batch
 * @param unknownRows executions that reported {@link Statement#SUCCESS_NO_INFO}, returned a result
 *     set instead of a count (a deleting CTE), or were a later statement of a text of several
 */
record Execution(
    Classification classification, String sql, long rows, int batchSize, int unknownRows) {

  /** The table the rows came from (the first if several), or "?" if the parser named none. */
  String table() {
    return classification.tables().isEmpty() ? "?" : classification.tables().get(0);
  }

  /** Why this statement is a mass delete on its own, or null. */
  Trigger trigger(long rowThreshold) {
    if (classification.kind() == Kind.TRUNCATE) {
      return Trigger.TRUNCATE;
    }
    if (classification.where() == Where.NONE) {
      return Trigger.NO_WHERE;
    }
    if (classification.where() == Where.TAUTOLOGY) {
      return Trigger.TAUTOLOGY;
    }
    if (rows >= rowThreshold) {
      return Trigger.ROW_THRESHOLD;
    }
    return unknownRows > 0 ? Trigger.ROWS_UNKNOWN : null;
  }

  /** A bounded DELETE: its rows alone decide whether it is a mass delete. */
  private boolean summable() {
    return classification.kind() == Kind.DELETE
        && (classification.where() == Where.PRESENT || classification.where() == Where.UNKNOWN);
  }

  private static int indexOfSummable(List<Execution> executions, String table) {
    for (int i = 0; i < executions.size(); i++) {
      if (executions.get(i).summable() && executions.get(i).table().equals(table)) {
        return i;
      }
    }
    return -1;
  }

  /** This batch entry and {@code other}, on the same table, as one execution of both texts. */
  private Execution plus(Execution other) {
    return new Execution(
        classification,
        sql,
        rows + other.rows,
        Math.max(batchSize, 1) + 1,
        unknownRows + other.unknownRows);
  }

  /**
   * The deleting statements of one JDBC call. {@code deleting[i]} is the classification of {@code
   * queries[i]} or null; {@code result} is what the call returned.
   */
  static List<Execution> of(
      Classification[] deleting,
      List<QueryInfo> queries,
      Object result,
      Statement statement,
      boolean batch) {
    List<Execution> out = new ArrayList<>(1);
    long[] counts = counts(result, statement);
    if (queries.size() > 1 && counts.length == queries.size()) {
      // Statement.addBatch(sql) with different texts: one count per text, and the bounded
      // DELETEs of one table summed, so 150 single-row texts in one batch are 150 rows.
      for (int i = 0; i < deleting.length; i++) {
        if (deleting[i] != null) {
          Execution e =
              new Execution(
                  deleting[i],
                  queries.get(i).getQuery(),
                  Math.max(0, counts[i]),
                  0,
                  counts[i] == Statement.SUCCESS_NO_INFO ? 1 : 0);
          int same = e.summable() ? indexOfSummable(out, e.table()) : -1;
          if (same < 0) {
            out.add(e);
          } else {
            out.set(same, out.get(same).plus(e));
          }
        }
      }
      return out;
    }
    long rows = 0;
    int unknown = 0;
    for (long c : counts) {
      if (c >= 0) {
        rows += c;
      } else if (c == Statement.SUCCESS_NO_INFO) {
        unknown++;
      }
    }
    for (int i = 0; i < deleting.length; i++) {
      if (deleting[i] != null) {
        String sql = queries.get(i).getQuery();
        List<String> parts = batch ? List.of(sql) : StatementClassifier.statements(sql);
        if (parts.size() > 1) {
          return ofStatements(parts, rows, unknown);
        }
        out.add(new Execution(deleting[i], sql, rows, batch ? counts.length : 0, unknown));
        break;
      }
    }
    return out;
  }

  /**
   * One text of several statements ({@code DELETE FROM u WHERE id = 1; DELETE FROM t}): one
   * execution per deleting statement. The driver's count is the first statement's (reading the
   * others would take results the application may still read), so a deleting statement after the
   * first has unknown rows.
   */
  private static List<Execution> ofStatements(
      List<String> parts, long firstRows, int firstUnknown) {
    List<Execution> out = new ArrayList<>(parts.size());
    for (int p = 0; p < parts.size(); p++) {
      Classification c = StatementClassifier.shared().classify(parts.get(p));
      if (c.deletes()) {
        out.add(
            p == 0
                ? new Execution(c, parts.get(p), firstRows, 0, firstUnknown)
                : new Execution(c, parts.get(p), 0, 0, 1));
      }
    }
    return out;
  }

  /**
   * The update counts a JDBC call returned, one per execution; {@link Statement#SUCCESS_NO_INFO}
   * where the driver gave none ({@code statement} null: not asked).
   */
  static long[] counts(@Nullable Object result, @Nullable Statement statement) {
    if (result instanceof int[] ints) {
      long[] out = new long[ints.length];
      for (int i = 0; i < ints.length; i++) {
        out[i] = ints[i];
      }
      return out;
    }
    if (result instanceof long[] longs) {
      return longs;
    }
    if (result instanceof Number n) {
      return new long[] {n.longValue()};
    }
    if (Boolean.FALSE.equals(result) && statement != null) {
      try {
        return new long[] {Math.max(0, statement.getUpdateCount())};
      } catch (SQLException e) {
        return new long[] {Statement.SUCCESS_NO_INFO};
      }
    }
    // A result set (WITH gone AS (DELETE ... RETURNING ...) SELECT ...): the driver reports no
    // count.
    return new long[] {Statement.SUCCESS_NO_INFO};
  }
}
