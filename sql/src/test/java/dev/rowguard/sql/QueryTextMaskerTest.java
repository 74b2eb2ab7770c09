package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QueryTextMaskerTest {

  @Test
  void keepsTextWithoutLiterals() {
    assertThat(
            QueryTextMasker.mask("delete from t1 where id = ? and tenant_id = :tenant and x = $1"))
        .isEqualTo("delete from t1 where id = ? and tenant_id = :tenant and x = $1");
    assertThat(QueryTextMasker.mask("DELETE FROM \"Order 2\" o USING t2 WHERE o.a1 = t2.b_2"))
        .isEqualTo("DELETE FROM \"Order 2\" o USING t2 WHERE o.a1 = t2.b_2");
    assertThat(QueryTextMasker.mask(null)).isNull();
  }

  @Test
  void masksStringLiterals() {
    assertThat(
            QueryTextMasker.mask(
                "DELETE FROM users WHERE email = 'bob@example.com' AND name = 'O''Brien'"))
        .isEqualTo("DELETE FROM users WHERE email = ? AND name = ?");
    assertThat(
            QueryTextMasker.mask(
                "delete from t where a = E'it\\'s' or b = N'x' or c = X'ff' or d = U&'d\\0061t'"))
        .isEqualTo("delete from t where a = ? or b = ? or c = ? or d = ?");
    assertThat(QueryTextMasker.mask("delete from t where a = 'unterminated secret"))
        .isEqualTo("delete from t where a = ?");
  }

  @Test
  void masksNumbersButNotIdentifiers() {
    assertThat(
            QueryTextMasker.mask(
                "DELETE FROM t2 WHERE id IN (1, 22, 3.5, .5, 1e10, 0xFF) AND col_9 > -4"))
        .isEqualTo("DELETE FROM t2 WHERE id IN (?, ?, ?, ?, ?, ?) AND col_9 > -?");
    assertThat(QueryTextMasker.mask("delete from t where 1=1"))
        .isEqualTo("delete from t where ?=?");
  }

  @Test
  void masksDollarQuotedStrings() {
    assertThat(QueryTextMasker.mask("delete from t where a = $$sec'ret$$ or b = $x$other$x$"))
        .isEqualTo("delete from t where a = ? or b = ?");
  }

  @Test
  void keepsComments() {
    assertThat(
            QueryTextMasker.mask(
                "/* purge job, don't panic */ delete from t where a = 5 -- it's 5\n"))
        .isEqualTo("/* purge job, don't panic */ delete from t where a = ? -- it's 5\n");
  }

  @Test
  void masksArrayElementsAndKeepsBracketIdentifiers() {
    assertThat(QueryTextMasker.mask("delete from t where tags && ARRAY['secret', 'other']"))
        .isEqualTo("delete from t where tags && ARRAY[?, ?]");
    assertThat(QueryTextMasker.mask("delete from t where codes[1] = 'x'"))
        .isEqualTo("delete from t where codes[?] = ?");
    assertThat(QueryTextMasker.mask("DELETE FROM [Order Lines] WHERE [Id] = 7"))
        .isEqualTo("DELETE FROM [Order Lines] WHERE [Id] = ?");
  }

  @Test
  void masksMySqlStrings() {
    assertThat(QueryTextMasker.mask("delete from users where name = 'it\\'s secret' and id = 1"))
        .isEqualTo("delete from users where name = ? and id = ?");
    assertThat(
            QueryTextMasker.mask(
                "delete from users where email = \"bob@example.com\" or name LIKE \"%bob%\""))
        .isEqualTo("delete from users where email = ? or name LIKE ?");
    assertThat(QueryTextMasker.mask("delete from users where token in (\"s1\", \"s2\")"))
        .isEqualTo("delete from users where token in (?, ?)");
    // Where an identifier stands, a double-quoted name is kept.
    assertThat(QueryTextMasker.mask("delete from \"Users\" where \"Id\" = 5 and (\"x\" > 1)"))
        .isEqualTo("delete from \"Users\" where \"Id\" = ? and (\"x\" > ?)");
  }
}
