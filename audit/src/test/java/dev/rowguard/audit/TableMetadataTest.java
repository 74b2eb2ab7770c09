package dev.rowguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What {@link TableMetadata} reads, with each database's identifier case rules. */
class TableMetadataTest {

  @ParameterizedTest
  @EnumSource(Databases.class)
  void keysParentsAndCascadesInEachDatabasesCase(Databases db) throws Exception {
    DataSource ds = db.fresh("tablemeta");
    try (Connection c = ds.getConnection();
        Statement s = c.createStatement()) {
      s.execute("create schema app");
      s.execute(
          "create table app.tenant (region int, id int, name varchar(20),"
              + " primary key (region, id))");
      s.execute(
          "create table app.call_log (id int primary key, t_region int, t_id int,"
              + " foreign key (t_region, t_id) references app.tenant (region, id) on delete cascade)");
      s.execute(
          "create table app.audit_note (id int primary key, t_region int, t_id int,"
              + " foreign key (t_region, t_id) references app.tenant (region, id))"); // no cascade
      s.execute("create table \"Mixed\" (\"Id\" int primary key)");
      s.execute(
          "create table \"Child\" (id int primary key,"
              + " \"MixedId\" int references \"Mixed\" (\"Id\") on delete cascade)");
      TableMetadata md = new TableMetadata();
      String stored = db == Databases.H2 ? "TENANT" : "tenant";
      for (String written : List.of("app.tenant", "APP.Tenant", "tenant")) {
        TableMetadata.Table t = md.of(c, written);
        assertThat(t.name()).as(written).isEqualTo(stored);
        assertThat(t.key()).containsExactly("region", "id");
        assertThat(t.displayName()).isEqualTo("tenant");
        assertThat(t.cascades())
            .singleElement()
            .satisfies(
                k -> {
                  assertThat(k.child()).isEqualToIgnoringCase("call_log");
                  assertThat(k.childColumns())
                      .map(String::toLowerCase)
                      .containsExactly("t_region", "t_id");
                  assertThat(k.parentColumns())
                      .map(String::toLowerCase)
                      .containsExactly("region", "id");
                });
      }
      TableMetadata.Table callLog = md.of(c, "app.call_log");
      assertThat(callLog.parents()).containsExactly("tenant");
      assertThat(callLog.cascades()).isEmpty();
      // Quoted names are looked up exactly; an unquoted Mixed is another table.
      TableMetadata.Table mixed = md.of(c, "\"Mixed\"");
      assertThat(mixed.storedKey()).containsExactly("Id");
      assertThat(mixed.displayName()).isEqualTo("Mixed");
      assertThat(mixed.cascades())
          .singleElement()
          .satisfies(k -> assertThat(k.childColumns()).containsExactly("MixedId"));
      assertThat(md.of(c, "no_such_table").key()).isEmpty();
    }
  }

  @Test
  void splitsQualifiedNamesOutsideQuotes() {
    assertThat(TableMetadata.split("\"a.b\".\"c\"")).containsExactly("\"a.b\"", "\"c\"");
    assertThat(TableMetadata.split("[dbo].[t.x]")).containsExactly("[dbo]", "[t.x]");
    assertThat(TableMetadata.split("tenant")).containsExactly("tenant");
  }
}
