package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The lexical shortcut for the commonest deleting texts answers exactly what JSqlParser does, and
 * leaves everything else to the parser.
 */
class SimpleDeleteTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE FROM t",
        "delete from audit.t",
        "DELETE FROM t x",
        "DELETE FROM t AS x",
        "DELETE FROM tenant WHERE id = ?",
        "DELETE FROM tenant WHERE id = 42",
        "DELETE FROM order_entry WHERE owner_id = ?",
        "DELETE FROM order_entry WHERE occurred_at < ?",
        "delete from Warehouse r where r.status = :status and r.updatedAt < :cutoff",
        "DELETE FROM Tag t WHERE t.id = ?1",
        "DELETE FROM t WHERE a <= ? AND b >= ? AND c <> ? AND d != ? AND e > 1",
        "DELETE FROM t\n WHERE tenant_id = ?\n   AND id = ?",
        "delete from public.call_log where tenant_id=?",
      })
  void answersWhatTheParserAnswers(String sql) {
    Classification simple = LexicalClassifier.simpleDelete(sql);
    assertThat(simple).as(sql).isNotNull();
    assertThat(simple).as(sql).isEqualTo(StatementClassifier.parse(sql));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "DELETE FROM ONLY t",
        "DELETE FROM t WHERE 1 = 1",
        "DELETE FROM t WHERE a = a",
        "DELETE FROM t WHERE id = ? OR 1 = 1",
        "DELETE FROM t WHERE id NOT IN (:ids)",
        "DELETE FROM t WHERE id = 'x'",
        "DELETE FROM t LIMIT 10",
        "DELETE FROM t ORDER BY id LIMIT 10",
        "DELETE FROM t USING u WHERE t.id = u.id",
        "DELETE FROM t WHERE id = ? RETURNING id",
        "DELETE FROM \"T\" WHERE id = ?",
        "DELETE FROM t WHERE id = ?;",
        "DELETE FROM t -- all of them",
        "/* c */ DELETE FROM t WHERE id = ?",
        "DELETE t WHERE id = ?",
        "DELETE FROM t WHERE id = ? AND",
        "DELETE FROM t WHERE id < > ?",
        "DELETE FROM t WHERE id ! ?",
        "DELETE FROM t WHERE a.b.c = ?",
        "DELETE FROM t WHERE id IS NULL",
        "DELETE FROM t WHERE id = -1",
        "DELETE FROM t x y",
        "DELETE FROM t WHERE id = : name",
        "TRUNCATE TABLE t",
        "SELECT 1",
      })
  void leavesEverythingElseToTheParser(String sql) {
    assertThat(LexicalClassifier.simpleDelete(sql)).as(sql).isNull();
  }
}
