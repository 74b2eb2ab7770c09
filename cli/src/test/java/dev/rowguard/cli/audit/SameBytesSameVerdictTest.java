package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.LogCodec;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.cli.report.CliRun;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** verify, timeline and stats judge the same bytes the same way: one reader decides (issue 10). */
class SameBytesSameVerdictTest {

  private static final List<String> COMMANDS = List.of("verify", "timeline", "stats");

  @TempDir Path dir;

  private Path logDir(String name) throws Exception {
    return Files.createDirectories(dir.resolve(name));
  }

  /**
   * Every command exits 2 with one error line containing {@code expected} (after warnings about
   * torn lines, if any).
   */
  private static void allFail(Path log, String expected) {
    for (String cmd : COMMANDS) {
      CliRun r = CliRun.run("audit", cmd, log.toString());
      assertThat(r.exit()).as(cmd + ": " + r.err()).isEqualTo(2);
      List<String> errors = r.err().lines().filter(l -> !l.contains(": warning: ")).toList();
      assertThat(errors).as(cmd).hasSize(1);
      assertThat(errors.get(0))
          .as(cmd)
          .startsWith("rowguard audit " + cmd + ": ")
          .contains(expected);
      assertThat(r.err()).doesNotContain("\tat ");
    }
  }

  @Test
  void aBinaryFileIsNotAnAuditLogForEveryCommand() throws Exception {
    Path log = logDir("binary");
    Path file =
        Files.write(
            LogFiles.file(log, 1), new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, '\n', 1, 2, 3});
    allFail(log, file + ":1: this file is not an audit log");
  }

  @Test
  void jsonOfAnotherShapeIsNotAnAuditLogForEveryCommand() throws Exception {
    Path log = logDir("json");
    Path file =
        Files.writeString(LogFiles.file(log, 1), "{\"level\":\"info\",\"msg\":\"started\"}\n");
    allFail(log, file + ":1: this file is not an audit log");
  }

  @Test
  void aLineLongerThanTheLimitIsNotAnAuditLogForEveryCommand() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", Instant.parse("2026-11-21T13:00:00Z"));
    Path file = LogFiles.list(log).get(0);
    // Starts like a record, so a reader without a bound would call it a torn last line.
    try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
      out.write("{\"seq\":99,\"ts\":\"".getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'x');
      for (int i = 0; i <= LogCodec.MAX_LINE >> 20; i++) {
        out.write(chunk);
      }
    }
    allFail(log, file + " has a line longer than 16 MiB: it is not an audit log");
  }

  @Test
  void aLoneSeqLineIsNeverIntact() throws Exception {
    Path terminated = logDir("terminated");
    Path file = Files.writeString(LogFiles.file(terminated, 1), "{\"seq\":\n");
    allFail(terminated, file + ":1: this file is not an audit log");
    Path torn = logDir("torn");
    Files.writeString(LogFiles.file(torn, 1), "{\"seq\":");
    allFail(torn, "no audit records in " + torn.toAbsolutePath().normalize());
  }

  @Test
  void emptyFilesAreNoAuditRecordsForEveryCommand() throws Exception {
    Path log = logDir("empty");
    for (int i = 1; i <= 3; i++) {
      Files.createFile(LogFiles.file(log, i));
    }
    allFail(log, "no audit records in " + log.toAbsolutePath().normalize());
  }

  /**
   * Issue 12: verify names a file converted to CRLF line endings and checks its records; timeline
   * and stats read it too, with one warning naming the file, and show what they show for the bytes
   * the writer wrote.
   */
  @Test
  void aFileConvertedToCrlfIsReadByTimelineAndStatsWithOneWarning() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", Instant.parse("2026-11-21T13:00:00Z"));
    Path file = LogFiles.list(log).get(0);
    List<String> before = new ArrayList<>();
    for (String cmd : List.of("timeline", "stats")) {
      CliRun r = CliRun.run("audit", cmd, log.toString());
      assertThat(r.exit()).as(cmd + ": " + r.err()).isZero();
      before.add(r.out());
    }
    String lf = Files.readString(file, StandardCharsets.UTF_8);
    Files.writeString(file, lf.replace("\n", "\r\n"), StandardCharsets.UTF_8);
    for (int i = 0; i < 2; i++) {
      String cmd = List.of("timeline", "stats").get(i);
      CliRun r = CliRun.run("audit", cmd, log.toString());
      assertThat(r.exit()).as(cmd + ": " + r.err()).isZero();
      assertThat(r.out()).as(cmd).isEqualTo(before.get(i));
      assertThat(r.err().lines().toList())
          .as(cmd)
          .singleElement()
          .satisfies(
              w ->
                  assertThat(w)
                      .startsWith("rowguard audit " + cmd + ": warning: " + file + ":1: ")
                      .contains("converted to CRLF line endings"));
    }
    CliRun verify = CliRun.run("audit", "verify", log.toString());
    assertThat(verify.out() + verify.err()).contains("file converted to CRLF line endings");
  }

  @Test
  void verifyOfEveryFileInTheDirectorySkipsTheLockFile() throws Exception {
    Path log = IncidentLogs.host(dir, "app-1", Instant.parse("2026-11-21T13:00:00Z"));
    assertThat(log.resolve(LogFiles.LOCK_FILE)).exists();
    List<String> args = new ArrayList<>(List.of("audit", "verify"));
    try (Stream<Path> files = Files.list(log)) {
      files.sorted().forEach(p -> args.add(p.toString()));
    }
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(": intact (");
    CliRun viaDir = CliRun.run("audit", "verify", log.toString());
    assertThat(r.out().lines().findFirst().orElseThrow().replaceAll(" in .*", ""))
        .isEqualTo(viaDir.out().lines().findFirst().orElseThrow().replaceAll(" in .*", ""));
  }
}
