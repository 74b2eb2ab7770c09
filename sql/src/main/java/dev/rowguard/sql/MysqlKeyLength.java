package dev.rowguard.sql;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How many bytes a MySQL InnoDB index key takes, for the limit of {@value #INNODB_LIMIT} bytes a
 * key may have with the DYNAMIC or COMPRESSED row format (MySQL 5.7.7+ and 8, MariaDB 10.2+):
 * {@code CHAR(n)}/{@code VARCHAR(n)} count {@code n} characters (or the index's prefix length)
 * times the bytes a character takes at most in the column's character set (4 for utf8mb4, MySQL 8's
 * default and the assumption when none is named; 3 for utf8/utf8mb3; 2 for ucs2; 1 for latin1,
 * ascii and the other single-byte sets), {@code BINARY(n)}/{@code VARBINARY(n)} count {@code n};
 * every other type counts 0, so a key counted over the limit surely is.
 */
public final class MysqlKeyLength {

  /** The largest key InnoDB accepts with the DYNAMIC/COMPRESSED row format, in bytes. */
  public static final int INNODB_LIMIT = 3072;

  private static final Pattern CHARACTERS =
      Pattern.compile(
          "(?i)^\\s*(?:national\\s+)?(?:n?varchar|n?char|character(?:\\s+varying)?|varcharacter)"
              + "\\s*\\(\\s*(\\d+)\\s*\\)");
  private static final Pattern BYTES =
      Pattern.compile("(?i)^\\s*(?:varbinary|binary)\\s*\\(\\s*(\\d+)\\s*\\)");
  private static final Pattern CHARSET =
      Pattern.compile("(?i)\\b(?:character\\s+set|charset)\\s*=?\\s*[`'\"]?(\\w+)");

  private MysqlKeyLength() {}

  /** The bytes {@code key} of {@code table} takes in {@code schema}. */
  public static long bytes(Schema schema, String table, Schema.UniqueKey key) {
    long total = 0;
    for (int i = 0; i < key.columns().size(); i++) {
      String type =
          schema.column(table, key.columns().get(i)).map(Schema.Column::type).orElse(null);
      total += bytes(type, key.prefixLengths().get(i));
    }
    return total;
  }

  /** The bytes a column of {@code type} takes in a key, {@code prefix} characters if not 0. */
  static long bytes(@Nullable String type, int prefix) {
    if (type == null) {
      return 0;
    }
    Matcher characters = CHARACTERS.matcher(type);
    if (characters.find()) {
      long length = Long.parseLong(characters.group(1));
      if (prefix > 0) {
        length = Math.min(length, prefix);
      }
      Matcher charset = CHARSET.matcher(type);
      boolean national = type.strip().toLowerCase(Locale.ROOT).startsWith("n");
      return length * (charset.find() ? bytesPerCharacter(charset.group(1)) : national ? 3 : 4);
    }
    Matcher bytes = BYTES.matcher(type);
    if (bytes.find()) {
      long length = Long.parseLong(bytes.group(1));
      return prefix > 0 ? Math.min(length, prefix) : length;
    }
    return 0;
  }

  private static int bytesPerCharacter(String charset) {
    return switch (charset.toLowerCase(Locale.ROOT)) {
      case "utf8", "utf8mb3" -> 3;
      case "ucs2" -> 2;
      case "utf8mb4", "utf16", "utf16le", "utf32" -> 4;
      case "big5", "gbk", "sjis", "cp932", "euckr", "gb2312" -> 2;
      case "ujis", "eucjpms" -> 3;
      case "gb18030" -> 4;
      default -> 1; // latin1, ascii, binary and the other single-byte sets
    };
  }
}
