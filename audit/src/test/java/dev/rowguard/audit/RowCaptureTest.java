package dev.rowguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.sql.StatementClassifier;
import org.junit.jupiter.api.Test;

class RowCaptureTest {

  private static java.util.Optional<String> from(String sql) {
    return RowCapture.fromAndWhere(sql, StatementClassifier.shared().classify(sql));
  }

  @Test
  void readsTheTableAndWhereOfPlainDeletesAndTruncates() {
    assertThat(from("DELETE FROM tenant t WHERE t.id = ?")).contains("tenant t WHERE t.id = ?");
    assertThat(from("delete from tenant")).contains("tenant");
    assertThat(from("truncate table call_log")).contains("call_log");
    assertThat(from("delete from a using b where a.id = b.id")).isEmpty();
    assertThat(from("delete from customer order by id desc limit 10"))
        .contains("customer order by id desc limit 10");
  }

  private static String why(java.sql.Connection c, String sql) throws java.sql.SQLException {
    return new RowCapture()
        .notCaptured(c, sql, StatementClassifier.shared().classify(sql), "h2database");
  }

  /** Each shape whose rows are not read says why, for the record's rowguard.rows.not_captured. */
  @Test
  void shapesThatAreNotReadSayWhy() throws Exception {
    javax.sql.DataSource ds = AuditTestSupport.h2();
    AuditTestSupport.customers(ds, 1);
    try (java.sql.Connection c = ds.getConnection()) {
      assertThat(why(c, "delete from customer where id > ?")).isNull();
      assertThat(why(c, "delete from customer where tenant = ? order by tenant, id limit 5"))
          .isNull();
      // PostgreSQL's USING is read as a join there (PostgresAuditTest), not elsewhere.
      assertThat(why(c, "delete from customer c using offboarded o where c.tenant = o.tenant"))
          .isEqualTo("DELETE ... USING (the rows of a join)");
      assertThat(why(c, "with d as (delete from customer returning id) select count(*) from d"))
          .isEqualTo("a DELETE inside WITH (a deleting CTE)");
      assertThat(
              why(
                  c,
                  "merge into customer c using offboarded o on c.tenant = o.tenant"
                      + " when matched then delete"))
          .isEqualTo("MERGE ... DELETE");
      assertThat(why(c, "delete c from customer c join offboarded o on c.tenant = o.tenant"))
          .startsWith("a multi-table DELETE");
      assertThat(why(c, "delete from customer where id = 1; delete from customer"))
          .startsWith("a text of several statements");
      assertThat(why(c, "delete from customer where tenant = ? limit 5"))
          .startsWith("DELETE ... LIMIT without an ORDER BY on the primary key");
      assertThat(why(c, "delete from customer order by tenant limit 5"))
          .startsWith("DELETE ... LIMIT without an ORDER BY on the primary key");
    }
  }
}
