package dev.rowguard.audit.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.LogRecord;
import dev.rowguard.audit.log.LogVerifier;
import dev.rowguard.audit.log.Problem;
import dev.rowguard.audit.log.VerificationResult;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that is deleting (3 threads, sync durability, 16 KiB files so that rotation
 * happens too) with SIGKILL at random moments, ten times into the same log: every acknowledged
 * delete must be in the log, and the log must verify, with at most torn lines (never tampering).
 */
class CrashSafetyTest {

  private static final int KILLS = 10;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedDeleteSurvivesSigkill() throws Exception {
    Random random = new Random(42);
    Set<String> acked = new HashSet<>();
    for (int run = 0; run < KILLS; run++) {
      ChildProcesses.Child child = ChildProcesses.start(dir, "run" + run, 3, 0, 16 * 1024);
      // Wait for the first acknowledgements, then kill at a random moment within the next 400 ms.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (child.acked().isEmpty() && System.nanoTime() < deadline && child.process().isAlive()) {
        Thread.sleep(5);
      }
      Thread.sleep(random.nextInt(400));
      child.process().destroyForcibly(); // SIGKILL on Unix
      child.process().waitFor(30, TimeUnit.SECONDS);
      child.awaitOutput();
      assertThat(ChildProcesses.failures(child.acked())).isEmpty();
      assertThat(child.acked()).isNotEmpty();
      acked.addAll(child.acked());
    }
    VerificationResult r = LogVerifier.verify(dir, null);
    assertThat(r.intact()).as("%s", r.problems()).isTrue();
    assertThat(r.problems()).allMatch(p -> p.type() == Problem.Type.TORN_LINE);
    assertThat(r.recordsByKind()).containsEntry("log_open", (long) KILLS);
    // The log rotated under the kills (how often depends on how fast this machine ran the
    // children).
    assertThat(r.files()).hasSizeGreaterThan(1);
    Set<String> logged = new HashSet<>();
    for (LogRecord rec : LogReader.records(dir)) {
      if ("delete".equals(rec.kindName())) {
        logged.add(rec.context().get("op"));
      }
    }
    assertThat(logged).containsAll(acked);
  }
}
