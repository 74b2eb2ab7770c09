package dev.rowguard.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class MysqlKeyLengthTest {

  @Test
  void charactersCountTheirCharsetsBytesAndPrefixesCut() {
    Schema schema =
        Schema.of(
            List.of(
                """
                CREATE TABLE `labels` (
                  `id` BIGINT NOT NULL,
                  `key_prefix` VARCHAR(1000) DEFAULT NULL,
                  `key_name` VARCHAR(63) NOT NULL,
                  `code` CHAR(10) CHARACTER SET latin1,
                  `hash` VARBINARY(32),
                  PRIMARY KEY (`id`),
                  UNIQUE KEY `uk_labels` (`key_prefix`, `key_name`),
                  UNIQUE KEY `uk_short` (`key_prefix`(100), `code`, `hash`)
                ) ENGINE=InnoDB;
                CREATE TABLE legacy (name VARCHAR(1000), UNIQUE KEY uk_name (name))
                  ENGINE=InnoDB DEFAULT CHARSET=latin1;
                CREATE UNIQUE INDEX ix_name ON legacy (name(50));
                """));
    assertThat(bytes(schema, "labels", "uk_labels")).isEqualTo(4 * 1000 + 4 * 63);
    assertThat(bytes(schema, "labels", "uk_short")).isEqualTo(4 * 100 + 10 + 32);
    assertThat(bytes(schema, "labels", null)).isZero(); // the primary key: BIGINT counts 0
    assertThat(bytes(schema, "legacy", "uk_name")).isEqualTo(1000);
    assertThat(bytes(schema, "legacy", "ix_name")).isEqualTo(50);
    assertThat(MysqlKeyLength.bytes("varchar(255)", 0)).isEqualTo(1020);
    assertThat(MysqlKeyLength.bytes("NVARCHAR(100)", 0)).isEqualTo(300);
    assertThat(MysqlKeyLength.bytes("varchar(100) character set utf8mb3", 0)).isEqualTo(300);
    assertThat(MysqlKeyLength.bytes("text", 0)).isZero();
    assertThat(MysqlKeyLength.bytes(null, 0)).isZero();
  }

  private static long bytes(Schema schema, String table, String name) {
    Schema.UniqueKey key =
        schema.uniqueKeys(table).stream()
            .filter(k -> java.util.Objects.equals(k.name(), name))
            .findFirst()
            .orElseThrow();
    return MysqlKeyLength.bytes(schema, table, key);
  }
}
