package dev.rowguard.cli.audit;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An {@code --access-log} value: {@code FILE}, or {@code HOST=FILE} to say which host served it (so
 * deletes without a request id match only requests of their own host).
 */
record AccessLogSpec(String host, Path file) {

  static AccessLogSpec parse(String value) {
    int eq = value.indexOf('=');
    if (eq > 0 && !value.substring(0, eq).contains("/") && !Files.exists(Path.of(value))) {
      return new AccessLogSpec(value.substring(0, eq), Path.of(value.substring(eq + 1)));
    }
    return new AccessLogSpec(null, Path.of(value));
  }
}
