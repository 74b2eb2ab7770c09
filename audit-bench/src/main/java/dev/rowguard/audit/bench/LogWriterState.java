package dev.rowguard.audit.bench;

import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.WriterOptions;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A writer on a fresh log directory for one trial, with the durability the benchmark measures; the
 * directory is removed after the trial.
 */
@State(Scope.Benchmark)
public abstract class LogWriterState {

  private Path dir;
  protected AuditLogWriter writer;

  /** The durability this benchmark measures. */
  protected abstract Durability durability();

  @Setup(Level.Trial)
  public void openWriter() throws Exception {
    dir = BenchDirectories.create();
    writer = AuditLogWriter.open(dir, WriterOptions.defaults().withDurability(durability()));
  }

  @TearDown(Level.Trial)
  public void closeWriter() throws Exception {
    writer.close();
    BenchDirectories.delete(dir);
  }
}
