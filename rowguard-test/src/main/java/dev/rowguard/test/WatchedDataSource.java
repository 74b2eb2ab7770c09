package dev.rowguard.test;

import dev.rowguard.audit.AuditedDataSource;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * A DataSource a {@link DeleteWatch} can watch ({@link DeleteWatch#watchable}): the audit logger
 * with {@code rowThreshold=1} records every delete, and {@link RowImages} reads the rows each
 * delete removes. {@link #close()} closes the audit log, not the target.
 */
public final class WatchedDataSource implements DataSource, AutoCloseable {

  private final AuditedDataSource audited;
  private final RowImages rowImages = new RowImages();
  private final DataSource proxy;

  WatchedDataSource(AuditedDataSource audited) {
    this.audited = audited;
    this.proxy =
        ProxyDataSourceBuilder.create("rowguard-test", audited).listener(rowImages).build();
  }

  AuditedDataSource audited() {
    return audited;
  }

  RowImages rowImages() {
    return rowImages;
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
    return proxy.getConnection();
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return proxy.getConnection(username, password);
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
