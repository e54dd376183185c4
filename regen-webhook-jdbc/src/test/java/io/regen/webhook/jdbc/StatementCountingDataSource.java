package io.regen.webhook.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A data source that counts the statements its connections prepare, savepoints included. On
 * PostgreSQL and MariaDB each of them is at least one round trip to the server, and a JDBC batch
 * counts once. Plain statements, which the store uses only to start a transaction, are not counted.
 */
final class StatementCountingDataSource extends ForwardingDataSource {

  private static final Set<String> COUNTED =
      Set.of("prepareStatement", "prepareCall", "setSavepoint", "releaseSavepoint");

  private final AtomicInteger statements = new AtomicInteger();

  StatementCountingDataSource(DataSource delegate) {
    super(delegate);
  }

  /** Returns the statements counted since the last call, and starts counting from zero. */
  int takeCount() {
    return statements.getAndSet(0);
  }

  @Override
  public Connection getConnection() throws SQLException {
    return counting(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return counting(delegate.getConnection(username, password));
  }

  private Connection counting(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (proxy, method, arguments) -> {
              if (COUNTED.contains(method.getName())) {
                statements.incrementAndGet();
              }
              try {
                return method.invoke(connection, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
