package dev.rowguard.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.CheckpointKeys;
import dev.rowguard.audit.log.LogFiles;
import dev.rowguard.audit.log.WriterOptions;
import dev.rowguard.cli.report.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rowguard audit verify} on real logs and tampered copies. */
class VerifyCommandTest {

  private static final Instant T0 = Instant.parse("2026-11-21T13:00:00Z");

  @TempDir Path dir;

  private Path log(WriterOptions options, int deletes) throws Exception {
    Path log = dir.resolve("log");
    try (AuditLogWriter w = AuditLogWriter.open(log, options)) {
      for (int i = 0; i < deletes; i++) {
        w.append(
            IncidentLogs.statement(
                T0.plusSeconds(i), "app-1", "tx" + i, "orders", 100 + i, Map.of("tenant", "acme")));
      }
    }
    return log;
  }

  @Test
  void intactLogsExitZero() throws Exception {
    IncidentLogs.Incident incident = IncidentLogs.incident(dir);
    Path rotated = log(WriterOptions.defaults().withMaxFileBytes(4096), 60);
    CliRun r = CliRun.run("audit", "verify", incident.log().toString(), rotated.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.contains(": intact (")).count()).isEqualTo(2);
    int files = LogFiles.list(rotated).size();
    assertThat(files).isGreaterThan(3);
    // log_open, 60 deletes, the closing checkpoint and a rotate record starting each later file
    assertThat(r.out()).contains("seq 1.." + (62 + files - 1));
  }

  @Test
  void filesOfOneDirectoryAreOneChainInRotationOrder() throws Exception {
    Path log = log(WriterOptions.defaults().withMaxFileBytes(4096), 60);
    List<String> files = new ArrayList<>(LogFiles.list(log).stream().map(Path::toString).toList());
    Collections.reverse(files);
    List<String> args = new ArrayList<>(List.of("audit", "verify"));
    args.addAll(files);
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.out()).isZero();
    assertThat(r.out()).contains(files.size() + " file(s)");
  }

  @Test
  void theShellsDirStarSkipsTheWritersLockFile() throws Exception {
    Path log = log(WriterOptions.defaults(), 3);
    assertThat(log.resolve(LogFiles.LOCK_FILE)).exists();
    List<String> args = new ArrayList<>(List.of("audit", "verify"));
    try (var entries = java.nio.file.Files.list(log)) {
      entries.sorted().forEach(p -> args.add(p.toString())); // what DIR/* expands to
    }
    CliRun r = CliRun.run(args.toArray(String[]::new));
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains(": intact (1 file(s), ");

    CliRun onlyLock = CliRun.run("audit", "verify", log.resolve(LogFiles.LOCK_FILE).toString());
    assertThat(onlyLock.exit()).isEqualTo(2);
    assertThat(onlyLock.err()).contains("audit.lock is not an audit log file");
  }

  @Test
  void brokenLogExitsOneNamingTheFirstBreak() throws Exception {
    Path log = log(WriterOptions.defaults(), 10);
    Path file = LogFiles.list(log).get(0);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.set(
        3,
        lines
            .get(3)
            .replace("\"db.response.affected_rows\":102", "\"db.response.affected_rows\":2"));
    lines.remove(7);
    Files.write(file, lines);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(": BROKEN (")
        .contains("first break: edited record at " + file + ":4 (seq 4)")
        .contains("also: deleted record at " + file + ":8 (seq 9): seq 8 deleted");
  }

  @Test
  void signaturesAreCheckedWithThePublicKey() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    Path pub = dir.resolve("public.pem");
    CheckpointKeys.write(keys, dir.resolve("signing.pem"), pub);
    Path log =
        log(
            WriterOptions.defaults()
                .withSigningKey(keys)
                .withCheckpoints(5, Duration.ofSeconds(60)),
            12);
    CliRun ok = CliRun.run("audit", "verify", "--public-key", pub.toString(), log.toString());
    assertThat(ok.exit()).as(ok.out()).isZero();
    assertThat(ok.out()).contains("signature(s) verified");

    Path file = LogFiles.list(log).get(0);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int checkpoint = 0;
    while (!lines.get(checkpoint).contains("\"kind\":\"checkpoint\"")) {
      checkpoint++;
    }
    // Replace the whole checkpoint by a re-signed one under another key: chain intact, signature
    // bad.
    KeyPair other = CheckpointKeys.generate();
    String line = lines.get(checkpoint);
    String seq = line.replaceAll("^\\{\"seq\":(\\d+),.*", "$1");
    String prev = line.replaceAll(".*\"prev_hash\":\"([0-9a-f]{64})\".*", "$1");
    String badSig =
        dev.rowguard.audit.log.CheckpointSignature.sign(
            other.getPrivate(), Long.parseLong(seq), prev);
    String sig = line.replaceAll(".*\"rowguard.checkpoint.signature\":\"([^\"]+)\".*", "$1");
    String body = line.replace(sig, badSig);
    body = body.substring(0, body.lastIndexOf(",\"hash\":\""));
    String rehashed =
        body
            + ",\"hash\":\""
            + dev.rowguard.audit.log.RecordHash.ofBody(
                dev.rowguard.audit.log.RecordHash.newDigest(), body)
            + "\"}";
    lines.set(checkpoint, rehashed);
    Files.write(file, lines);
    CliRun bad = CliRun.run("audit", "verify", "--public-key", pub.toString(), log.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out())
        .contains("first break: bad signature at " + file + ":" + (checkpoint + 1));
  }

  @Test
  void anUnsignedTailIsABreakUnlessAccepted() throws Exception {
    KeyPair keys = CheckpointKeys.generate();
    Path pub = dir.resolve("public.pem");
    CheckpointKeys.write(keys, dir.resolve("signing.pem"), pub);
    Path log =
        log(
            WriterOptions.defaults()
                .withSigningKey(keys)
                .withCheckpoints(5, Duration.ofSeconds(60)),
            12);
    Path file = LogFiles.list(log).get(0);
    List<String> lines = Files.readAllLines(file);
    int checkpoint = 0;
    while (!lines.get(checkpoint).contains("\"kind\":\"checkpoint\"")) {
      checkpoint++;
    }
    Files.write(file, lines.subList(0, checkpoint + 3)); // two records after the checkpoint
    CliRun strict = CliRun.run("audit", "verify", "--public-key", pub.toString(), log.toString());
    assertThat(strict.exit()).as(strict.out()).isEqualTo(1);
    assertThat(strict.out()).contains("first break: records after the last verified checkpoint");
    CliRun lenient =
        CliRun.run(
            "audit",
            "verify",
            "--public-key",
            pub.toString(),
            "--allow-unsigned-tail",
            log.toString());
    assertThat(lenient.exit()).as(lenient.out()).isZero();
    assertThat(lenient.out())
        .contains(": intact (")
        .contains("note: records after the last verified checkpoint");
  }

  @Test
  void tornLastLineIsANoteNotABreak() throws Exception {
    Path log = log(WriterOptions.defaults(), 3);
    Path file = LogFiles.list(log).get(0);
    Files.writeString(file, "{\"seq\":6,\"ts\":\"2026-11", java.nio.file.StandardOpenOption.APPEND);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out()).contains(": intact (").contains("note: torn last line at " + file + ":6");
  }

  @Test
  void missingFileInTheSequence() throws Exception {
    Path log = log(WriterOptions.defaults().withMaxFileBytes(4096), 60);
    Path second = LogFiles.list(log).get(1);
    Files.delete(second);
    CliRun r = CliRun.run("audit", "verify", log.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out())
        .contains(
            "first break: missing file in the sequence at " + LogFiles.list(log).get(1) + ":1");
  }

  @Test
  void aCutOffTailIsReportedThroughTheWitness() throws Exception {
    Path witness = dir.resolve("witness");
    Path log =
        log(
            WriterOptions.defaults()
                .withMaxFileBytes(4096)
                .withCheckpoints(10, Duration.ofHours(1))
                .withWitness(witness),
            60);
    CliRun whole = CliRun.run("audit", "verify", "--witness", witness.toString(), log.toString());
    assertThat(whole.exit()).as(whole.out() + whole.err()).isZero();
    assertThat(whole.out()).contains(": intact (");

    List<Path> files = LogFiles.list(log);
    Files.delete(files.get(files.size() - 1)); // the newest file: the rest is a valid chain
    CliRun alone = CliRun.run("audit", "verify", log.toString());
    assertThat(alone.exit()).as("without the witness the cut is invisible").isZero();
    CliRun r = CliRun.run("audit", "verify", "--witness", witness.toString(), log.toString());
    assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
    assertThat(r.out())
        .contains(": BROKEN (")
        .contains("first break: newest records missing (the witness holds later checkpoints)")
        .contains("were cut off");

    CliRun bad =
        CliRun.run("audit", "verify", "--witness", dir.resolve("nope").toString(), log.toString());
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--witness").contains("is not a directory");
  }
}
