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
  }
}
