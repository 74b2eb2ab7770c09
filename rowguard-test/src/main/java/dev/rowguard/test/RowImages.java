package dev.rowguard.test;

import dev.rowguard.sql.Classification;
import dev.rowguard.sql.StatementClassifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.proxy.ParameterSetOperation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The row images of deleted rows: before a DELETE runs, the rows it would delete are read with a
 * SELECT of the statement's own table and WHERE, on the same connection and so in the same
 * transaction. This is the one place that knows how row images are obtained, so it can switch to
 * the audit logger's own row capture once that exists.
 *
 * <p>Statements whose text is not a plain {@code DELETE FROM t [alias] [WHERE ...]} (joins, {@code
 * USING}, CTEs) get no images; rows the database deletes by {@code ON DELETE CASCADE} neither.
 */
final class RowImages implements QueryExecutionListener {

  private static final Logger LOG = LoggerFactory.getLogger(RowImages.class);
  private static final Pattern PLAIN_DELETE =
      Pattern.compile(
          "(?is)^\\s*delete\\s+from\\s+([\\w.\"`\\[\\]]+)((?:\\s+(?:as\\s+)?(?!where\\b)\\w+)?(?:\\s+where\\s+.*)?)$");

  private final StatementClassifier classifier = StatementClassifier.shared();
  private final List<DeletedRow> rows = Collections.synchronizedList(new ArrayList<>());

  /** Every row image taken so far, in statement order. */
  List<DeletedRow> rows() {
    synchronized (rows) {
      return List.copyOf(rows);
    }
  }

  @Override
  public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
    for (QueryInfo q : queries) {
      Classification c = classifier.classify(q.getQuery());
      if (c.kind() != Classification.Kind.DELETE) {
        continue;
      }
      Optional<String> select = selectOf(q.getQuery());
      if (select.isEmpty()) {
        continue;
      }
      String table = c.tables().isEmpty() ? "?" : c.tables().get(0);
      List<List<ParameterSetOperation>> bindings = q.getParametersList();
      try {
        Connection connection = execInfo.getStatement().getConnection();
        if (bindings.isEmpty()) {
          read(connection, select.get(), List.of(), table, q.getQuery());
        }
        for (List<ParameterSetOperation> binding : bindings) {
          read(connection, select.get(), binding, table, q.getQuery());
        }
      } catch (SQLException | RuntimeException e) {
        // A test helper must not change what the code under test does: the delete still runs.
        LOG.warn("rowguard-test: no row images for {}: {}", q.getQuery(), e.getMessage());
      }
    }
  }

  /** {@code SELECT * FROM t [alias] [WHERE ...]} for a plain DELETE, with the same parameters. */
  static Optional<String> selectOf(String delete) {
    Matcher m = PLAIN_DELETE.matcher(delete);
    return m.matches() ? Optional.of("select * from " + m.group(1) + m.group(2)) : Optional.empty();
  }

  private void read(
      Connection connection,
      String select,
      List<ParameterSetOperation> binding,
      String table,
      String statement)
      throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(select)) {
      for (ParameterSetOperation op : binding) {
        op.getMethod().invoke(ps, op.getArgs());
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> image = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            Object v = rs.getObject(i);
            image.put(md.getColumnLabel(i).toLowerCase(Locale.ROOT), v == null ? "NULL" : v);
          }
          rows.add(new DeletedRow(table, image, statement));
        }
      }
    } catch (ReflectiveOperationException e) {
      throw new SQLException("cannot bind the delete's parameters to its SELECT", e);
    }
  }

  @Override
  public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {}
}
