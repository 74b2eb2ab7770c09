package dev.rowguard.audit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** JDBC product names, as the drivers report them, to OpenTelemetry's db.system.name values. */
final class DatabaseInfoTest {

  @Test
  void productNamesOfTheCommonDriversMapToTheirWellKnownValue() {
    assertThat(DatabaseInfo.systemName("H2")).isEqualTo("h2database");
    assertThat(DatabaseInfo.systemName("PostgreSQL")).isEqualTo("postgresql");
    assertThat(DatabaseInfo.systemName("MariaDB")).isEqualTo("mariadb");
    assertThat(DatabaseInfo.systemName("MySQL")).isEqualTo("mysql");
    assertThat(DatabaseInfo.systemName("Oracle")).isEqualTo("oracle.db");
    assertThat(DatabaseInfo.systemName("Microsoft SQL Server")).isEqualTo("microsoft.sql_server");
    assertThat(DatabaseInfo.systemName("HSQL Database Engine")).isEqualTo("hsqldb");
    assertThat(DatabaseInfo.systemName("Apache Derby")).isEqualTo("derby");
    assertThat(DatabaseInfo.systemName("SQLite")).isEqualTo("sqlite");
  }

  @Test
  void anUnknownOrMissingProductIsOtherSql() {
    assertThat(DatabaseInfo.systemName("DB2/LINUXX8664")).isEqualTo("other_sql");
    assertThat(DatabaseInfo.systemName(null)).isEqualTo("other_sql");
  }
}
