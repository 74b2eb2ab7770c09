package dev.rowguard.cli.audit;

import java.nio.file.Path;
import java.time.Instant;

/** {@link IncidentLogs} for tests outside this package. */
public final class IncidentLogsAccess {
  private IncidentLogsAccess() {}

  public static Path host(Path dir, Instant start) throws Exception {
    return IncidentLogs.host(dir, "app-1", start);
  }
}
