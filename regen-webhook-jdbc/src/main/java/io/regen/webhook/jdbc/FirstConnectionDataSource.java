package io.regen.webhook.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/**
 * A data source that hands out a given open connection once, wrapped so that closing it leaves it
 * open, and connections of another data source after that. The owner of the given connection closes
 * it.
 */
final class FirstConnectionDataSource extends ForwardingDataSource {

  private final Connection first;
  private final AtomicBoolean firstHandedOut = new AtomicBoolean();

  FirstConnectionDataSource(DataSource delegate, Connection first) {
    super(delegate);
    this.first =
        (Connection)
            Proxy.newProxyInstance(
                FirstConnectionDataSource.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, arguments) -> {
                  if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    return null;
                  }
                  try {
                    return method.invoke(first, arguments);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
  }

  @Override
  public Connection getConnection() throws SQLException {
    return firstHandedOut.compareAndSet(false, true) ? first : delegate.getConnection();
  }
}
