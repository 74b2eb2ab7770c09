package dev.rowguard.cli.audit;

import dev.rowguard.cli.report.CliRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineSmokeTest {
  @TempDir Path dir;

  @Test
  void smoke() throws Exception {
    IncidentLogs.Incident i = IncidentLogs.incident(dir);
    CliRun r = CliRun.run("audit", "timeline", i.log().toString(), "--access-log", i.accessLog().toString(), "--source", "src/test/java", "--zone", "Europe/Berlin");
    System.out.println("EXIT " + r.exit() + "\n" + r.out() + "\nERR " + r.err());
    r = CliRun.run("audit", "verify", i.log().toString());
    System.out.println("EXIT " + r.exit() + "\n" + r.out() + "\nERR " + r.err());
    r = CliRun.run("audit", "stats", i.log().toString());
    System.out.println("EXIT " + r.exit() + "\n" + r.out() + "\nERR " + r.err());
    r = CliRun.run("audit", "timeline", i.log().toString(), "--format", "json");
    System.out.println("EXIT " + r.exit() + "\n" + r.out() + "\nERR " + r.err());
  }
}
