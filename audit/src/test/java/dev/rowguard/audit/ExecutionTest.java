package dev.rowguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.sql.Classification;
import dev.rowguard.sql.StatementClassifier;
import java.sql.Statement;
import java.util.List;
import net.ttddyy.dsproxy.QueryInfo;
import org.junit.jupiter.api.Test;

/** Row counts as drivers report them, including the ones H2 and PostgreSQL never produce. */
class ExecutionTest {

  private static Classification classify(String sql) {
    return StatementClassifier.shared().classify(sql);
  }

  @Test
  void batchWithSuccessNoInfoCountsTheKnownRowsAndFlagsTheRest() {
    String sql = "delete from customer where id = ?";
    List<Execution> e =
        Execution.of(
            new Classification[] {classify(sql)},
            List.of(new QueryInfo(sql)),
            new int[] {
              Statement.SUCCESS_NO_INFO, 5, Statement.SUCCESS_NO_INFO, Statement.EXECUTE_FAILED
            },
            null,
            true);
    assertThat(e)
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.rows()).isEqualTo(5);
              assertThat(x.unknownRows()).isEqualTo(2);
              assertThat(x.batchSize()).isEqualTo(4);
              assertThat(x.trigger(100)).isEqualTo(dev.rowguard.audit.log.Trigger.ROWS_UNKNOWN);
            });
  }

  @Test
  void statementBatchWithDifferentTextsGetsOneExecutionPerDeletingText() {
    String delete = "delete from customer where id < 500";
    String update = "update customer set name = 'x'";
    String truncate = "truncate table audit_trail";
    List<Execution> e =
        Execution.of(
            new Classification[] {classify(delete), null, classify(truncate)},
            List.of(new QueryInfo(delete), new QueryInfo(update), new QueryInfo(truncate)),
            new long[] {499, 1000, 0},
            null,
            true);
    assertThat(e)
        .extracting(Execution::table, Execution::rows)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("customer", 499L),
            org.assertj.core.groups.Tuple.tuple("audit_trail", 0L));
    assertThat(e)
        .extracting(x -> x.trigger(100))
        .containsExactly(
            dev.rowguard.audit.log.Trigger.ROW_THRESHOLD, dev.rowguard.audit.log.Trigger.TRUNCATE);
  }

  @Test
  void updateCountsBelowTheThresholdAreNoTrigger() {
    String sql = "delete from customer where id = 7";
    List<Execution> e =
        Execution.of(
            new Classification[] {classify(sql)}, List.of(new QueryInfo(sql)), 1, null, false);
    assertThat(e.get(0).trigger(100)).isNull();
    assertThat(e.get(0).batchSize()).isZero();
  }
}
