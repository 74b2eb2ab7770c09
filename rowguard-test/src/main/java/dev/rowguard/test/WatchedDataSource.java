package dev.rowguard.test;

import dev.rowguard.audit.AuditedDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A DataSource a {@link DeleteWatch} can watch ({@link DeleteWatch#watchable}): the audit logger
 * with {@code rowThreshold=1} records every delete and, with {@code capture=rows}, the rows each
 * delete removes. {@link #close()} closes the audit log, not the target.
 */
public final class WatchedDataSource implements DataSource, AutoCloseable {

  private final AuditedDataSource audited;

  WatchedDataSource(AuditedDataSource audited) {
    this.audited = audited;
  }

  AuditedDataSource audited() {
    return audited;
  }

  /** The DataSource that was wrapped. */
  public DataSource target() {
    return audited.target();
  }

  @Override
  public void close() throws Exception {
    audited.close();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return audited.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return audited.getConnection(username, password);
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return audited.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    audited.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    audited.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return audited.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return audited.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return iface.isInstance(this) ? iface.cast(this) : audited.unwrap(iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) throws SQLException {
    return iface.isInstance(this) || audited.isWrapperFor(iface);
  }
}
