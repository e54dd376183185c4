package io.regen.webhook.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * A data source that remembers the server-side id (PostgreSQL backend pid, MariaDB connection id)
 * of the last connection it handed out, so that a test can kill exactly that connection.
 */
final class BackendRecordingDataSource extends ForwardingDataSource {

  private final String backendIdQuery;
  private final AtomicLong lastBackendId = new AtomicLong(-1);

  BackendRecordingDataSource(DataSource delegate, String backendIdQuery) {
    super(delegate);
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
}
