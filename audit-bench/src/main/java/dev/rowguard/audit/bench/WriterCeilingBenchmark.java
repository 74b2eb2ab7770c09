package dev.rowguard.audit.bench;

import dev.rowguard.audit.log.Durability;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * The writer's ceiling: one thread appends 1000 records with {@code durability=async} and waits
 * until they are all fsync'ed; the score is durable records per second (serialization, hashing,
 * writing and fsync included), without the cost of waking many waiting threads.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class WriterCeilingBenchmark extends LogWriterState {

  private static final int RECORDS = 1000;

  @Override
  protected Durability durability() {
    return Durability.ASYNC;
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
