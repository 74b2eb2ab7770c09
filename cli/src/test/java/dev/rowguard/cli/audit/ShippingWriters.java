package dev.rowguard.cli.audit;

import dev.rowguard.audit.kafka.ShipOptions;
import dev.rowguard.audit.kafka.Shipper;
import dev.rowguard.audit.log.AuditLogException;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.LogLine;
import dev.rowguard.audit.log.LogReader;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writers that ship while they write, in the JVM that calls {@link #run} or in a second process
 * ({@link #main}): each directory gets its own writer thread, one shipper ships them all
 * concurrently, and the call returns when everything written is acknowledged.
 */
final class ShippingWriters {

  /** Records each writer writes. */
  static final int RECORDS = 3000;

  private ShippingWriters() {}

  /** {@code BOOTSTRAP TOPIC DIR...}: what a second application process does. */
  public static void main(String[] args) throws Exception {
    List<Path> dirs = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      dirs.add(Path.of(args[i]));
    }
    run(args[0], args[1], dirs);
  }

  static void run(String bootstrap, String topic, List<Path> dirs) throws Exception {
    try (Shipper shipper =
        new Shipper(
            ShipOptions.of(bootstrap, topic, dirs).withPollInterval(Duration.ofMillis(20)),
            Clock.systemUTC())) {
      shipper.start();
      List<Thread> threads = new ArrayList<>();
      for (Path dir : dirs) {
        Thread t = new Thread(() -> write(dir), "writer " + dir.getFileName());
        t.start();
        threads.add(t);
      }
      for (Thread t : threads) {
        t.join();
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      for (Path dir : dirs) {
        long last = lastSeq(dir);
        while (shipper.position(dir).seq() < last) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(dir + " not shipped within a minute");
          }
          Thread.sleep(20);
        }
      }
    }
  }

  static long lastSeq(Path dir) throws java.io.IOException {
    long last = 0;
    try (LogReader r = LogReader.open(dir)) {
      for (LogLine l = r.next(); l != null; l = r.next()) {
        if (l.record() != null) {
          last = l.record().seq();
        }
      }
    }
    return last;
  }

  private static void write(Path dir) {
    try (AuditLogWriter w =
        AuditLogWriter.open(
            dir,
            WriterOptions.defaults()
                .withDurability(Durability.ASYNC)
                .withMaxFileBytes(64 * 1024)
                .withCheckpoints(100, Duration.ofHours(1)))) {
      for (int i = 0; i < RECORDS; i++) {
        w.append(
            IncidentLogs.statement(
                w.now(),
                dir.getFileName().toString(),
                "tx" + i,
                "orders",
                100 + i,
                Map.of("tenant", "t" + i % 7)));
        if (i % 500 == 499) {
          w.flush();
        }
      }
    } catch (AuditLogException e) {
      throw new IllegalStateException(e);
    }
  }
}
