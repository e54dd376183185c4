package io.regen.webhook.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A data source that remembers the server-side id (PostgreSQL backend pid, MariaDB connection id)
 * of the last connection it handed out, so that a test can kill exactly that connection.
 */
final class BackendRecordingDataSource implements DataSource {

  private final DataSource delegate;
  private final String backendIdQuery;
  private final AtomicLong lastBackendId = new AtomicLong(-1);

  BackendRecordingDataSource(DataSource delegate, String backendIdQuery) {
    this.delegate = delegate;
    this.backendIdQuery = backendIdQuery;
  }

  long lastBackendId() {
    return lastBackendId.get();
  }

  @Override
  public Connection getConnection() throws SQLException {
    return record(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return record(delegate.getConnection(username, password));
  }

  private Connection record(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(backendIdQuery)) {
      row.next();
      lastBackendId.set(row.getLong(1));
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
