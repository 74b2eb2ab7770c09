package dev.rowguard.audit.bench;

import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The writer's ceiling: one thread appends 1000 records with {@code durability=async} and waits
 * until they are all fsync'ed; the score is durable records per second (serialization, hashing,
 * writing and fsync included), without the cost of waking many waiting threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class WriterCeilingBenchmark {

  private static final int RECORDS = 1000;

  private Path dir;
  private AuditLogWriter writer;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("rowguard-bench");
    writer = AuditLogWriter.open(dir, WriterOptions.defaults().withDurability(Durability.ASYNC));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    writer.close();
    try (var files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void appendThenFlush() throws Exception {
    for (int i = 0; i < RECORDS; i++) {
      writer.append(RecordThroughputBenchmark.record());
    }
    writer.flush();
  }
}
