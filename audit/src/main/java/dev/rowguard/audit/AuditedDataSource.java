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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.jspecify.annotations.Nullable;
import org.slf4j.LoggerFactory;

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
 * <p>Connections are proxied with datasource-proxy; statements are classified by the shared {@code
 * StatementClassifier}. {@link #close()} flushes and closes the log, not the target.
 */
public final class AuditedDataSource implements DataSource, AutoCloseable {

  private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(AuditedDataSource.class);

  /** What the start-up line shows after the directory. */
  private static final List<AuditOption<?>> ANNOUNCED =
      List.of(
          AuditOption.DURABILITY,
          AuditOption.FAILURE_MODE,
          AuditOption.ROW_THRESHOLD,
          AuditOption.MAX_ROWS_PER_STATEMENT,
          AuditOption.MAX_ROWS_PER_TRANSACTION,
          AuditOption.SIGNING_KEY);

  private final DataSource target;
  private final DataSource proxy;
  private final AuditLogWriter writer;
  private final AuditOptions options;
  private final boolean closeTarget;

  private AuditedDataSource(
      DataSource target, AuditOptions options, boolean closeTarget, Clock clock) {
    this.target = target;
    this.options = options;
    this.closeTarget = closeTarget;
    LOG.info("{}", startupLine(options));
    this.writer = AuditLogWriter.open(options.directory(), writerOptions(options).withClock(clock));
    DeleteAuditListener listener = new DeleteAuditListener(options, writer);
    this.proxy =
        ProxyDataSourceBuilder.create("rowguard-audit", target)
            .listener(listener)
            .methodListener(listener)
            .build();
  }

  /**
   * {@code rowguard audit: recording mass deletes in /var/log/app/audit (durability=sync,
   * failureMode=failOpen, rowThreshold=100, maxRowsPerStatement=off, maxRowsPerTransaction=off,
   * signingKey=none)}.
   */
  static String startupLine(AuditOptions options) {
    return ANNOUNCED.stream()
        .map(o -> o.name() + "=" + describe(o, options))
        .collect(
            Collectors.joining(
                ", ",
                "rowguard audit: recording mass deletes in "
                    + options.directory().toAbsolutePath()
                    + " (",
                ")"));
  }

  private static <T> String describe(AuditOption<T> option, AuditOptions options) {
    return option.describe(option.get(options));
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
        .withSigningKey(key)
        .withWriteTimeout(o.writeTimeout())
        .withHeartbeat(o.heartbeatInterval())
        .withWitness(o.witness());
  }

  /**
   * Sets options one by one; each setter sets the {@link AuditOption} of the same name (and {@link
   * #properties} reads them as {@code rowguard.audit.*} properties). What is not set keeps its
   * default.
   */
  public static final class Builder {
    private final DataSource target;
    private final Map<AuditOption<?>, Object> values = new HashMap<>();
    private boolean closeTarget;
    private Clock clock = Clock.systemUTC();

    private Builder(DataSource target) {
      if (target == null) {
        throw new IllegalArgumentException("the DataSource to audit is null");
      }
      this.target = target;
    }

    /**
     * Sets {@code option} to {@code value} (checked when the DataSource is built).
     *
     * @throws IllegalArgumentException for null where the option has a default
     */
    public <T> Builder set(AuditOption<T> option, @Nullable T value) {
      if (value == null) {
        option.check(null);
      }
      values.put(option, value);
      return this;
    }

    /** {@link AuditOption#DIRECTORY}. */
    public Builder logDirectory(Path directory) {
      return set(AuditOption.DIRECTORY, directory);
    }

    /**
     * {@link AuditOption#DURABILITY}: {@code SYNC} (default) or {@code ASYNC}; see {@link
     * Durability}.
     */
    public Builder durability(Durability durability) {
      return set(AuditOption.DURABILITY, durability);
    }

    /** The default: the application continues when the log cannot be written; SLF4J reports it. */
    public Builder failOpen() {
      return failureMode(FailureMode.FAIL_OPEN);
    }

    /** Deletes are refused while the log cannot be written. */
    public Builder failClosed() {
      return failureMode(FailureMode.FAIL_CLOSED);
    }

    /** {@link AuditOption#FAILURE_MODE}; see {@link FailureMode}. */
    public Builder failureMode(FailureMode failureMode) {
      return set(AuditOption.FAILURE_MODE, failureMode);
    }

    /** {@link AuditOption#ROW_THRESHOLD}. */
    public Builder rowThreshold(long rows) {
      return set(AuditOption.ROW_THRESHOLD, rows);
    }

    /** {@link AuditOption#MAX_ROWS_PER_STATEMENT}. */
    public Builder maxRowsPerStatement(long rows) {
      return set(AuditOption.MAX_ROWS_PER_STATEMENT, rows);
    }

    /** {@link AuditOption#MAX_ROWS_PER_TRANSACTION}. */
    public Builder maxRowsPerTransaction(long rows) {
      return set(AuditOption.MAX_ROWS_PER_TRANSACTION, rows);
    }

    /** {@link AuditOption#MASK_QUERY_TEXT}. */
    public Builder maskQueryText(boolean mask) {
      return set(AuditOption.MASK_QUERY_TEXT, mask);
    }

    /** {@link AuditOption#CALL_SITE_EXCLUDES}: your own DAO base classes, say. */
    public Builder callSiteExcludes(String... prefixes) {
      return set(AuditOption.CALL_SITE_EXCLUDES, List.of(prefixes));
    }

    /** {@link AuditOption#CONTEXT_MDC_KEYS}. */
    public Builder contextMdcKeys(String... keys) {
      return set(AuditOption.CONTEXT_MDC_KEYS, List.of(keys));
    }

    /**
     * {@link AuditOption#CHECKPOINT_EVERY_RECORDS} and {@link
     * AuditOption#CHECKPOINT_INTERVAL_SECONDS}.
     */
    public Builder checkpoints(int everyRecords, Duration interval) {
      return set(AuditOption.CHECKPOINT_EVERY_RECORDS, everyRecords)
          .set(AuditOption.CHECKPOINT_INTERVAL_SECONDS, interval);
    }

    /**
     * {@link AuditOption#SIGNING_KEY}: PEM file with the Ed25519 key pair ({@link CheckpointKeys}).
     */
    public Builder signingKey(Path pemFile) {
      return set(AuditOption.SIGNING_KEY, pemFile);
    }

    /** {@link AuditOption#MAX_FILE_BYTES}. */
    public Builder maxFileBytes(long bytes) {
      return set(AuditOption.MAX_FILE_BYTES, bytes);
    }

    /** {@link AuditOption#CAPTURE}. */
    public Builder capture(Capture capture) {
      return set(AuditOption.CAPTURE, capture);
    }

    /** {@link AuditOption#WRITE_TIMEOUT_SECONDS}. */
    public Builder writeTimeout(Duration timeout) {
      return set(AuditOption.WRITE_TIMEOUT_SECONDS, timeout);
    }

    /**
     * Whether {@link AuditedDataSource#close()} also closes the target (a pool, say); default
     * false. Not a property.
     */
    public Builder closeTarget(boolean close) {
      this.closeTarget = close;
      return this;
    }

    /**
     * What stamps every record (default the system clock, UTC). Not a property: it is for tests
     * that must not depend on the day they run.
     */
    public Builder clock(Clock clock) {
      if (clock == null) {
        throw new IllegalArgumentException("clock must not be null");
      }
      this.clock = clock;
      return this;
    }

    /**
     * Applies {@code rowguard.audit.*} properties on top of what is set so far.
     *
     * @throws IllegalArgumentException with a one-line message for an unknown name or a bad value
     */
    public Builder properties(Properties p) {
      AuditProperties.apply(p, values);
      return this;
    }

    /**
     * Opens the log and returns the DataSource.
     *
     * @throws IllegalArgumentException with a one-line message for a missing directory or a bad
     *     option
     */
    public AuditedDataSource build() {
      return new AuditedDataSource(target, AuditOptions.of(values), closeTarget, clock);
    }
  }
}
