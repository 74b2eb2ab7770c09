package dev.rowguard.audit;

import dev.rowguard.audit.log.AuditLogException;
import dev.rowguard.audit.log.AuditLogWriter;
import dev.rowguard.audit.log.CheckpointKeys;
import dev.rowguard.audit.log.Durability;
import dev.rowguard.audit.log.WriterOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * A DataSource that records every mass delete made through it in a tamper-evident audit log
 * (docs/AUDIT-LOG.md), and optionally refuses deletes above row limits.
 *
 * <pre>{@code
 * DataSource ds = AuditedDataSource.wrap(hikari, Path.of("/var/log/myapp/audit"));
 *
 * AuditedDataSource guarded = AuditedDataSource.builder(hikari)
 *     .logDirectory(Path.of("/var/log/myapp/audit"))
 *     .maxRowsPerStatement(10_000)
 *     .failClosed()
 *     .build();
 * }</pre>
 *
 * <p>Connections are proxied with datasource-proxy; statements are classified by the shared
 * {@code StatementClassifier}. {@link #close()} flushes and closes the log, not the target.
 */
public final class AuditedDataSource implements DataSource, AutoCloseable {

  private final DataSource target;
  private final DataSource proxy;
  private final AuditLogWriter writer;
  private final AuditOptions options;
  private final boolean closeTarget;

  private AuditedDataSource(DataSource target, AuditOptions options, boolean closeTarget, Clock clock) {
    this.target = target;
    this.options = options;
    this.closeTarget = closeTarget;
    this.writer = AuditLogWriter.open(options.directory(), writerOptions(options).withClock(clock));
    DeleteAuditListener listener = new DeleteAuditListener(options, writer);
    this.proxy = ProxyDataSourceBuilder.create("rowguard-audit", target).listener(listener).methodListener(listener).build();
  }

  /** Wraps {@code target} with the default options, logging to {@code logDirectory}. */
  public static AuditedDataSource wrap(DataSource target, Path logDirectory) {
    return builder(target).logDirectory(logDirectory).build();
  }

  /** Options from {@code rowguard.audit.*} properties ({@link AuditProperties}). */
  public static AuditedDataSource fromProperties(DataSource target, Properties properties) {
    return builder(target).properties(properties).build();
  }

  public static Builder builder(DataSource target) {
    return new Builder(target);
  }

  /** The log directory. */
  public Path logDirectory() {
    return writer.directory();
  }

  public AuditOptions options() {
    return options;
  }

  /** The wrapped DataSource. */
  public DataSource target() {
    return target;
  }

  /** Returns once every record written so far is on disk (relevant for {@code async}). */
  public void flush() throws AuditLogException {
    writer.flush();
  }

  /**
   * Flushes the log, writes a final checkpoint and closes the log. The target stays open unless the
   * builder was told {@link Builder#closeTarget(boolean) closeTarget(true)}.
   */
  @Override
  public void close() throws Exception {
    try {
      writer.close();
    } finally {
      if (closeTarget && target instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  @Override
  public Connection getConnection() throws SQLException {
    return proxy.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return proxy.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : target.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || target.isWrapperFor(iface);
  }

  private static WriterOptions writerOptions(AuditOptions o) {
    KeyPair key = null;
    if (o.signingKey() != null) {
      try {
        key = CheckpointKeys.readSigningKey(o.signingKey());
      } catch (IOException e) {
        throw new IllegalArgumentException("rowguard.audit.signingKey: " + e.getMessage(), e);
      }
    }
    return WriterOptions.defaults()
        .withDurability(o.durability())
        .withMaxFileBytes(o.maxFileBytes())
        .withCheckpoints(o.checkpointEveryRecords(), o.checkpointInterval())
        .withSigningKey(key);
  }

  /** Sets options one by one; every setter has a {@code rowguard.audit.*} property of the same name. */
  public static final class Builder {
    private final DataSource target;
    private Path directory;
    private Durability durability;
    private FailureMode failureMode;
    private long rowThreshold;
    private long maxRowsPerStatement;
    private long maxRowsPerTransaction;
    private boolean maskQueryText;
    private List<String> callSiteExcludes;
    private List<String> contextMdcKeys;
    private int checkpointEveryRecords;
    private Duration checkpointInterval;
    private Path signingKey;
    private long maxFileBytes;
    private boolean closeTarget;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource target) {
      if (target == null) {
        throw new IllegalArgumentException("the DataSource to audit is null");
      }
      this.target = target;
      set(AuditOptions.defaults(Path.of("unset")));
      directory = null;
    }

    public Builder logDirectory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** {@code SYNC} (default): records are on disk before the statement returns; see {@link Durability}. */
    public Builder durability(Durability durability) {
      this.durability = durability;
      return this;
    }

    /** The default: the application continues when the log cannot be written; SLF4J reports it. */
    public Builder failOpen() {
      return failureMode(FailureMode.FAIL_OPEN);
    }

    /** Deletes are refused while the log cannot be written. */
    public Builder failClosed() {
      return failureMode(FailureMode.FAIL_CLOSED);
    }

    public Builder failureMode(FailureMode failureMode) {
      this.failureMode = failureMode;
      return this;
    }

    /** Rows from which a DELETE (or a transaction's DELETEs on one table) is a mass delete; default 100. */
    public Builder rowThreshold(long rows) {
      this.rowThreshold = rows;
      return this;
    }

    /** Guard: a DELETE affecting more rows is rolled back and refused; 0 (default) = off. */
    public Builder maxRowsPerStatement(long rows) {
      this.maxRowsPerStatement = rows;
      return this;
    }

    /** Guard: a DELETE bringing its transaction's rows on one table above this is rolled back and refused; 0 = off. */
    public Builder maxRowsPerTransaction(long rows) {
      this.maxRowsPerTransaction = rows;
      return this;
    }

    /** Whether literals in {@code db.query.text} are replaced by {@code ?}; default true. */
    public Builder maskQueryText(boolean mask) {
      this.maskQueryText = mask;
      return this;
    }

    /** Class-name prefixes (your own DAO base classes, say) to skip when finding the call site. */
    public Builder callSiteExcludes(String... prefixes) {
      this.callSiteExcludes = List.of(prefixes);
      return this;
    }

    /** SLF4J MDC keys copied into {@code context}; default tenant, user, requestId, request_id, route. */
    public Builder contextMdcKeys(String... keys) {
      this.contextMdcKeys = List.of(keys);
      return this;
    }

    /** A checkpoint every {@code everyRecords} records or {@code interval}; default 1000 / 60 s. */
    public Builder checkpoints(int everyRecords, Duration interval) {
      this.checkpointEveryRecords = everyRecords;
      this.checkpointInterval = interval;
      return this;
    }

    /** PEM file with the Ed25519 key pair that signs checkpoints ({@link CheckpointKeys}). */
    public Builder signingKey(Path pemFile) {
      this.signingKey = pemFile;
      return this;
    }

    /** Log files are rotated at this size; default 64 MiB. */
    public Builder maxFileBytes(long bytes) {
      this.maxFileBytes = bytes;
      return this;
    }

    /** Whether {@link AuditedDataSource#close()} also closes the target (a pool, say); default false. */
    public Builder closeTarget(boolean close) {
      this.closeTarget = close;
      return this;
    }

    /**
     * What stamps every record (default the system clock, UTC). Not a property: it is for tests that
     * must not depend on the day they run.
     */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock must not be null");
      }
      this.clock = clock;
      return this;
    }

    /** Applies {@code rowguard.audit.*} properties on top of what is set so far. */
    public Builder properties(Properties p) {
      Path dir = directory;
      set(AuditProperties.apply(options(directory == null ? Path.of("unset") : directory), p));
      if (dir == null && p.getProperty(AuditProperties.PREFIX + "directory") == null) {
        directory = null;
      }
      return this;
    }

    /**
     * Opens the log and returns the DataSource.
     *
     * @throws IllegalArgumentException with a one-line message for a missing directory or a bad option
     */
    public AuditedDataSource build() {
      AuditOptions o = options(directory);
      return new AuditedDataSource(target, o, closeTarget, clock);
    }

    private AuditOptions options(Path dir) {
      return new AuditOptions(dir, durability, failureMode, rowThreshold, maxRowsPerStatement, maxRowsPerTransaction,
          maskQueryText, callSiteExcludes, contextMdcKeys, checkpointEveryRecords, checkpointInterval, signingKey, maxFileBytes);
    }

    private void set(AuditOptions o) {
      directory = o.directory();
      durability = o.durability();
      failureMode = o.failureMode();
      rowThreshold = o.rowThreshold();
      maxRowsPerStatement = o.maxRowsPerStatement();
      maxRowsPerTransaction = o.maxRowsPerTransaction();
      maskQueryText = o.maskQueryText();
      callSiteExcludes = o.callSiteExcludes();
      contextMdcKeys = o.contextMdcKeys();
      checkpointEveryRecords = o.checkpointEveryRecords();
      checkpointInterval = o.checkpointInterval();
      signingKey = o.signingKey();
      maxFileBytes = o.maxFileBytes();
    }
  }
}
