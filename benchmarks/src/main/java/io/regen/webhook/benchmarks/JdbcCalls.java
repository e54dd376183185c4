package io.regen.webhook.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.jdbc.JdbcAlertStore;
import io.regen.webhook.jdbc.JdbcSchema;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.IncidentNotifier;
import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Counts the JDBC calls that one request of 100 alerts makes through the lifecycle engine and
 * {@link JdbcAlertStore}, for new keys, existing keys and resolves, and compares them with the one
 * batch of {@link FloorUpsert}. On PostgreSQL each prepared statement, savepoint, release and
 * commit is one round trip to the server, which is what the store's throughput is made of.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.regen.webhook.benchmarks.JdbcCalls}, with the
 * database of {@link JdbcBenchmark}.
 */
public final class JdbcCalls {

  private JdbcCalls() {}

  /** Runs one request of each kind and prints the calls per connection method. */
  public static void main(String[] args) throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(System.getProperty("bench.jdbc.url", JdbcBenchmark.DEFAULT_URL));
    config.setUsername(System.getProperty("bench.jdbc.user", "postgres"));
    config.setPassword(System.getProperty("bench.jdbc.password"));
    try (HikariDataSource pool = new HikariDataSource(config)) {
      JdbcSchema.migrate(pool, JdbcBenchmark.PREFIX);
      Map<String, Integer> calls = new TreeMap<>();
      DataSource counting = counting(pool, calls);
      JdbcAlertStore store = JdbcAlertStore.builder(counting).tablePrefix(JdbcBenchmark.PREFIX)
          .build();
      LifecycleEngine engine =
          new LifecycleEngine(
              store, IncidentNotifier.NONE, LabelIncidentLinker.defaults(), Duration.ZERO);
      FloorUpsert floor = new FloorUpsert(counting, JdbcBenchmark.PREFIX + "floor_alert");
      JdbcBenchmark.truncate(pool);
      JdbcBenchmark.ThreadKeys keys = new JdbcBenchmark.ThreadKeys() {};
      JdbcBenchmark kind = new JdbcBenchmark();
      kind.alerts = 100;
      kind.kind = "new";

      List<AlertEvent> fresh = keys.firing(kind);
      count("library, new keys", calls, () -> engine.apply(fresh));
      count("library, existing keys", calls, () -> engine.apply(fresh));
      List<AlertEvent> resolves = JdbcBenchmark.ThreadKeys.resolves(fresh);
      count("library, resolves", calls, () -> engine.apply(resolves));
      List<AlertEvent> floorRows = keys.firing(kind);
      count("floor, new keys", calls, () -> floor.upsert(floorRows));
      count("floor, existing keys", calls, () -> floor.upsert(floorRows));
    }
  }

  /** Work that may throw, such as a JDBC call. */
  private interface Work {
    void run() throws Exception;
  }

  private static void count(String label, Map<String, Integer> calls, Work work)
      throws Exception {
    calls.clear();
    work.run();
    int total = calls.values().stream().mapToInt(Integer::intValue).sum();
    System.out.println(label + ": " + total + " connection calls");
    calls.forEach((name, count) -> System.out.println("  " + count + " " + name));
  }

  /** Wraps the data source so that every call on its connections is counted by method name. */
  private static DataSource counting(DataSource target, Map<String, Integer> calls) {
    return new DataSource() {
      @Override
      public Connection getConnection() throws java.sql.SQLException {
        return wrap(target.getConnection(), calls);
      }

      @Override
      public Connection getConnection(String user, String password)
          throws java.sql.SQLException {
        return wrap(target.getConnection(user, password), calls);
      }

      @Override
      public PrintWriter getLogWriter() throws java.sql.SQLException {
        return target.getLogWriter();
      }

      @Override
      public void setLogWriter(PrintWriter out) throws java.sql.SQLException {
        target.setLogWriter(out);
      }

      @Override
      public void setLoginTimeout(int seconds) throws java.sql.SQLException {
        target.setLoginTimeout(seconds);
      }

      @Override
      public int getLoginTimeout() throws java.sql.SQLException {
        return target.getLoginTimeout();
      }

      @Override
      public Logger getParentLogger() {
        return Logger.getGlobal();
      }

      @Override
      public <T> T unwrap(Class<T> type) throws java.sql.SQLException {
        return target.unwrap(type);
      }

      @Override
      public boolean isWrapperFor(Class<?> type) throws java.sql.SQLException {
        return target.isWrapperFor(type);
      }
    };
  }

  /** Names a statement by its first words and table, such as {@code SELECT bench_alert}. */
  private static String statementKind(String sql) {
    String[] words = sql.split("\\s+");
    String table = "";
    for (int i = 0; i + 1 < words.length; i++) {
      if (words[i].equals("FROM") || words[i].equals("INTO") || words[i].equals("UPDATE")) {
        table = words[i + 1];
        break;
      }
    }
    return words[0] + " " + table + (sql.contains("FOR UPDATE") ? " FOR UPDATE" : "");
  }

  private static Connection wrap(Connection connection, Map<String, Integer> calls) {
    InvocationHandler handler =
        (Object proxy, Method method, Object[] arguments) -> {
          String name = method.getName();
          if (name.equals("prepareStatement")) {
            name = statementKind((String) arguments[0]);
          }
          calls.merge(name, 1, Integer::sum);
          try {
            return method.invoke(connection, arguments);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Connection)
        Proxy.newProxyInstance(
            JdbcCalls.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }
}
