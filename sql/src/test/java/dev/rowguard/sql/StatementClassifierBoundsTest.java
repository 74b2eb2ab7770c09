package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.sql.Classification.Kind;
import dev.rowguard.sql.Classification.Where;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 12: classification is bounded, and every text that starts a statement with a deletion is
 * one.
 */
class StatementClassifierBoundsTest {

  private final StatementClassifier classifier = new StatementClassifier(16);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DELETE FROM ONLY t                                  | DELETE   | NONE    | t",
        "DELETE FROM ONLY t WHERE id = 1                     | DELETE   | UNKNOWN | t",
        "TRUNCATE ONLY t RESTART IDENTITY CASCADE            | TRUNCATE | NONE    | t",
        "/* a /* b */ */ DELETE FROM t                       | DELETE   | NONE    | t",
        "TRUNCATE TABLE t RESTART IDENTITY                   | TRUNCATE | NONE    | t",
        "DELETE FROM t FETCH FIRST 120 ROWS ONLY             | DELETE   | PRESENT | t",
        "TRUNCATE TABLE IF EXISTS t                          | TRUNCATE | NONE    | t",
        "DELETE TOP (10) FROM t                              | DELETE   | PRESENT | t",
        "DELETE FROM t ORDER BY id LIMIT 10                  | DELETE   | PRESENT | t",
        "EXPLAIN ANALYZE DELETE FROM t                       | DELETE   | NONE    | t",
        "EXPLAIN (ANALYZE, BUFFERS) DELETE FROM t            | DELETE   | NONE    | t",
        "DO $$ BEGIN DELETE FROM t; END $$                   | DELETE   | NONE    | t",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE | DELETE | UNKNOWN | t",
        "WITH d AS (DELETE FROM t RETURNING id) INSERT INTO archive SELECT id FROM d | DELETE | NONE | t",
        "delete from u where id = 1; delete from t           | DELETE   | NONE    | t",
      })
  void deletesThatParsersMiss(String sql, Kind kind, Where where, String table) {
    Classification c = classifier.classify(sql);
    assertThat(c.kind()).as(sql).isEqualTo(kind);
    assertThat(c.where()).as(sql).isEqualTo(where);
    assertThat(c.tables()).as(sql).containsExactly(table);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "EXPLAIN DELETE FROM t",
        "PREPARE p AS SELECT 1",
        "select 'DELETE FROM t'",
        "MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN UPDATE SET x = 1",
        "delete is not SQL at all, just a sentence",
      })
  void notDeletions(String sql) {
    assertThat(classifier.classify(sql).deletes()).as(sql).isFalse();
  }

  @Test
  void nestedParenthesesToDepthTwentyClassifyLexically() {
    String sql = "DELETE FROM t WHERE " + "(".repeat(20) + "id = 1" + ")".repeat(20);
    Classification c = classifier.classify(sql);
    assertThat(c.kind()).isEqualTo(Kind.DELETE);
    assertThat(c.where()).isEqualTo(Where.UNKNOWN);
    assertThat(c.tables()).containsExactly("t");
  }

  @Test
  void oneMegabyteInListClassifiesLexicallyAndIsNotCached() {
    StringBuilder b = new StringBuilder("DELETE FROM t WHERE id IN (0");
    for (int i = 1; b.length() < 1 << 20; i++) {
      b.append(", ").append(i);
    }
    String sql = b.append(')').toString();
    Classification c = classifier.classify(sql);
    assertThat(c.kind()).isEqualTo(Kind.DELETE);
    assertThat(c.where()).isEqualTo(Where.UNKNOWN);
    assertThat(classifier.cachedChars()).isZero();
    String noWhere = "DELETE FROM t /* " + "x".repeat(1 << 20) + " */";
    assertThat(classifier.classify(noWhere).removesEveryRow()).isTrue();
  }

  @Test
  void cacheIsBoundedByCharacters() {
    StatementClassifier big = new StatementClassifier(100_000);
    String pad = "x".repeat(60_000);
    for (int i = 0; i < 200; i++) {
      big.classify("DELETE FROM t WHERE id = " + i + " /* " + pad + " */");
    }
    assertThat(big.cachedChars()).isLessThanOrEqualTo(4L << 20);
  }
}
