package dev.rowguard.cli.schema;

import dev.rowguard.cli.EnumConverter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The {@code --dialect} of {@code rowguard schema check}: which database the migrations are for.
 */
enum Dialect {
  /** MySQL for migrations under a {@code mysql} or {@code mariadb} directory, else unknown. */
  AUTO,
  MYSQL,
  /** Any other database: no MySQL rule applies. */
  OTHER;

  /**
   * Whether the migration {@code file} is for MySQL: always with {@code mysql}, never with {@code
   * other}, and with {@code auto} when a directory on its path is named {@code mysql} or {@code
   * mariadb} (Flyway's vendor folders, {@code db/migration/{vendor}}).
   */
  boolean isMysql(String file) {
    return switch (this) {
      case MYSQL -> true;
      case OTHER -> false;
      case AUTO -> inVendorFolder(Path.of(file));
    };
  }

  private static boolean inVendorFolder(Path file) {
    for (Path p = file.getParent(); p != null; p = p.getParent()) {
      Path name = p.getFileName();
      if (name != null) {
        String folder = name.toString().toLowerCase(Locale.ROOT);
        if (folder.equals("mysql") || folder.equals("mariadb")) {
          return true;
        }
      }
    }
    return false;
  }

  /** As typed on the command line; picocli lists the values and matches them by this. */
  @Override
  public String toString() {
    return EnumConverter.label(this);
  }
}
