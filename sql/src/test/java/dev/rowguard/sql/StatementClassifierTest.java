package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.sql.Classification.Kind;
import dev.rowguard.sql.Classification.Where;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StatementClassifierTest {

  private final StatementClassifier classifier = new StatementClassifier(16);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "delete from tag                                   | tag",
        "DELETE FROM Tag t                                 | Tag",
        "delete Tag                                        | Tag",
        "delete from \"call_log\"                          | call_log",
        "delete from tag where 1=1                         | tag",
        "delete from tag where true                        | tag",
        "delete from tag where (1 = 1)                     | tag",
        "delete from tag where x = x                       | tag",
        "delete from tag where 1                           | tag",
        "delete from tag where 'a' = 'a'                   | tag",
        "delete from tag where tenant_id = ? or 1 = 1      | tag",
        "delete from tag where 2 > 1                       | tag",
        "delete from tag where 1 <> 0                      | tag",
        "delete from tag where NOT false                   | tag",
        "delete from tag where not (1 = 0)                 | tag",
        "delete from tag where id IS NOT NULL OR id IS NULL | tag",
        "delete from tag where (id is null) or (id is not null) | tag",
        "delete from tag where id in (select id from tag)  | tag",
        "delete from tag t where t.id in (select x.id from tag x) | tag",
        "DELETE FROM public.tag WHERE \"id\" IN (SELECT tag.id FROM public.tag) | public.tag",
        "delete from tag where exists (select 1)           | tag",
        "delete from tag where exists (select 1 from dual) | tag",
        "delete from tag where exists (select 1 from tag)  | tag",
        "delete from tag where exists (select null, 'x')   | tag",
        "delete from tag where lower('A') = 'a'            | tag",
        "delete from tag where upper('abc') = 'ABC'        | tag",
        "delete from tag where length('ab') = 2            | tag",
        "delete from tag where 1 + 1 = 2                   | tag",
        "delete from tag where -1 < 0                      | tag",
        "delete from tag where not (lower('A') <> lower('A')) | tag",
        "delete from a using b                             | a",
        "truncate table tag                                | tag",
        "with gone as (delete from tag returning id) select count(*) from gone | tag",
        "with old as (select id from tag) delete from tag                      | tag",
        "delete from t where id = 1; delete from u         | u",
      })
  void everyRow(String sql, String table) {
    Classification c = classifier.classify(sql);
    assertThat(c.removesEveryRow()).as(sql).isTrue();
    assertThat(c.tables()).containsExactly(table);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "delete from tag where id = ?",
        "delete from tag where tenant_id = :tenant and 1 = 1",
        "DELETE FROM Tag t WHERE t.owner.id = :o",
        "delete from a using b where a.id = b.id",
        "delete t1 from t1 join t2 on t1.id = t2.id",
        "delete from tag where 1 = 0",
        "delete from tag where 1 > 2",
        "delete from tag where not true",
        "delete from tag where id is null or name is not null",
        "delete from tag where id is not null",
        "delete from tag where x = y",
        "with gone as (delete from tag where id = 3 returning id) select * from gone",
        "delete from tag where id in (select id from tag where owner = 1)",
        "delete from tag where id in (select id from other)",
        "delete from tag where id in (select other_id from tag)",
        "delete from tag where id not in (select id from tag)",
        "delete from tag where id in (select id from tag limit 10)",
        "delete from tag where id in (select id from tag order by id fetch first 3 rows only)",
        "delete from tag where id in (select t.id from tag t join x on x.id = t.id)",
        "delete from tag where id in (select id from tag group by id having count(*) > 1)",
        "delete from tag where id in (select id from tag union select id from tag)",
        "delete from tag t where u.id in (select id from tag)",
        "delete from a using b where a.id in (select id from a)",
        "delete from tag where exists (select 1 from other)",
        "delete from tag where exists (select 1 from tag where owner = 2)",
        "delete from tag where exists (select 1 where false)",
        "delete from tag where exists (select 1 limit 0)",
        "delete from tag where exists (select generate_series(1, 0))",
        "delete from tag where not exists (select 1)",
        "delete from tag where lower(name) = 'a'",
        "delete from tag where lower('A') = 'b'",
        "delete from tag where 'A' = 'a'",
        "delete from tag where 'a' <> 'b'",
        "delete from tag where upper('a') = 'a'",
        "delete from tag where length(name) > 0",
        "delete from tag where 'a' || 'b' = 'ab'",
        "delete from tag where lower('É') = 'é'",
      })
  void bounded(String sql) {
    Classification c = classifier.classify(sql);
    assertThat(c.kind()).isEqualTo(Kind.DELETE);
    assertThat(c.where()).isEqualTo(Where.PRESENT);
    assertThat(c.removesEveryRow()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select * from tag",
        "update tag set deleted = true",
        "insert into audit(msg) values ('deleted')",
        "select deleted_at from tag",
        "delete is not SQL at all, just a sentence",
        "",
      })
  void notADeletion(String sql) {
    assertThat(classifier.classify(sql)).isEqualTo(Classification.OTHER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "delete from t",
        "  DELETE FROM t",
        "truncate table t",
        "/* purge */ delete from t",
        "-- why we purge\ndelete from t",
        "with gone as (delete from t returning id) select 1",
        "with old as (select id from t) delete from t where id in (select id from old)",
        "select 1; delete from t",
      })
  void preFilterLetsStatementsThrough(String sql) {
    assertThat(StatementClassifier.mentionsDeletion(sql)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "select deleted_at from t",
        "update t set note = 'please delete me'",
        "select * from t where is_deleted = false",
        "merge into t using s on (t.id = s.id) when matched then delete",
        "select truncated from t",
      })
  void preFilterSkipsTextsThatOnlyMentionTheWord(String sql) {
    assertThat(StatementClassifier.mentionsDeletion(sql)).isFalse();
  }

  @Test
  void nullIsOther() {
    assertThat(classifier.classify(null)).isEqualTo(Classification.OTHER);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "DELETE FROM Tag t WHERE t.id NOT IN :ids                  | :ids",
        "delete from tenant where id not in (:ids)                 | :ids",
        "DELETE FROM Tag t WHERE t.id NOT IN ?1                    | ?1",
        "delete from tenant where region = ? and id not in (?)     | ?",
      })
  void notInParameters(String sql, String parameter) {
    Classification c = classifier.classify(sql);
    assertThat(c.where()).isEqualTo(Where.PRESENT);
    assertThat(c.notInParameters()).containsExactly(parameter);
  }

  @Test
  void inAndLiteralNotInAreNotParameters() {
    assertThat(classifier.classify("delete from t where id in (:ids)").notInParameters()).isEmpty();
    assertThat(classifier.classify("delete from t where id not in (1, 2)").notInParameters())
        .isEmpty();
  }

  @Test
  void operationNames() {
    assertThat(classifier.classify("truncate table t").operationName()).isEqualTo("TRUNCATE");
    assertThat(classifier.classify("delete from t").operationName()).isEqualTo("DELETE");
    assertThat(classifier.classify("select 1").operationName()).isNull();
  }

  @Test
  void cacheStaysBoundedAndAnswersStayRight() {
    for (int i = 0; i < 100; i++) {
      assertThat(classifier.classify("delete from t where id = " + i).where())
          .isEqualTo(Where.PRESENT);
    }
    assertThat(classifier.classify("delete from t").removesEveryRow()).isTrue();
    assertThat(classifier.cachedTexts()).isBetween(1, 16);
  }

  @Test
  void statementsSplitOnlyAtSemicolonsThatEndAStatement() {
    assertThat(StatementClassifier.statements("delete from u where id = 1; delete from t;"))
        .containsExactly("delete from u where id = 1", "delete from t");
    assertThat(
            StatementClassifier.statements("delete from t where a = ';' /* ; */ -- ;\n and b = 1"))
        .hasSize(1);
    assertThat(StatementClassifier.statements("do $$ begin delete from t; end $$; select 1"))
        .containsExactly("do $$ begin delete from t; end $$", "select 1");
    assertThat(StatementClassifier.statements("delete from t")).containsExactly("delete from t");
  }
}
