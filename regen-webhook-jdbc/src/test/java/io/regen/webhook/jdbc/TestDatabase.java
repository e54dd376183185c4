package io.regen.webhook.jdbc;

import static org.junit.jupiter.api.Assertions.fail;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A database that the tests use: H2 in memory, H2 in a file under {@code target/}, PostgreSQL on
 * 127.0.0.1:5432 (user {@code postgres}, database {@code test}) or MariaDB on 127.0.0.1:3306 (user
 * {@code root}, database {@code test}).
 *
 * <p>When a server cannot be reached, {@link #open} skips the calling test with a message, unless
 * the environment variable {@code REGEN_DB_REQUIRED} or the system property {@code
 * regen.db.required} is {@code true}, in which case the test fails.
 */
final class TestDatabase implements AutoCloseable {

  /** The databases the tests run on. */
  enum Kind {
    H2_MEMORY,
    H2_FILE,
    POSTGRESQL,
    MARIADB
  }

  private static final Logger LOG = LoggerFactory.getLogger(TestDatabase.class);

  private static final List<String> TABLES =
      List.of("alert", "incident", "key_lock", "group_lock", JdbcSchema.HISTORY_TABLE_SUFFIX);

  private final Kind kind;
  private final String url;
  private final String user;
  private final HikariDataSource dataSource;

  private TestDatabase(Kind kind, String url, String user) {
    this.kind = kind;
    this.url = url;
    this.user = user;
    this.dataSource = newPool(kind.name().toLowerCase(Locale.ROOT) + "-shared", 8);
  }

  /**
   * Opens the database, or skips the test (fails it when databases are required) when its server
   * cannot be reached.
   */
  static TestDatabase open(Kind kind) {
    Optional<String> unreachable = unreachableReason(kind);
    if (unreachable.isPresent()) {
      if (required()) {
        fail(
            unreachable.get()
                + "; databases are required by REGEN_DB_REQUIRED or regen.db.required");
      }
      LOG.warn("Skipping tests: {}", unreachable.get());
      Assumptions.abort(unreachable.get() + "; set REGEN_DB_REQUIRED=true to fail instead");
    }
    return new TestDatabase(kind, url(kind), user(kind));
  }

  /** Returns why the database's server cannot be reached, or empty when it accepts connections. */
  static Optional<String> unreachableReason(Kind kind) {
    String url = url(kind);
    DriverManager.setLoginTimeout(5);
    try (Connection probe = DriverManager.getConnection(url, user(kind), "")) {
      return probe.isValid(5)
          ? Optional.empty()
          : Optional.of(kind + " at " + url + " did not answer a validation query");
    } catch (SQLException e) {
      return Optional.of(kind + " is not reachable at " + url + " (" + e.getMessage() + ")");
    }
  }

  private static String user(Kind kind) {
    switch (kind) {
      case POSTGRESQL:
        return "postgres";
      case MARIADB:
        return "root";
      default:
        return "sa";
    }
  }

  /** Returns whether unreachable databases fail the tests rather than skip them. */
  static boolean required() {
    return "true".equalsIgnoreCase(System.getenv("REGEN_DB_REQUIRED"))
        || Boolean.getBoolean("regen.db.required");
  }

  private static String url(Kind kind) {
    switch (kind) {
      case H2_MEMORY:
        return "jdbc:h2:mem:regen;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=2000";
      case H2_FILE:
        Path file = Path.of("target", "h2", "regen").toAbsolutePath();
        return "jdbc:h2:file:" + file + ";LOCK_TIMEOUT=2000";
      case POSTGRESQL:
        return "jdbc:postgresql://127.0.0.1:5432/test?connectTimeout=5";
      case MARIADB:
        return "jdbc:mariadb://127.0.0.1:3306/test?connectTimeout=5000";
      default:
        throw new AssertionError(kind);
    }
  }

  Kind kind() {
    return kind;
  }

  /** Returns the shared pool of this database. */
  HikariDataSource dataSource() {
    return dataSource;
  }

  /** Creates a new connection pool, as a separate process would have; the caller closes it. */
  HikariDataSource newPool(String name, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword("");
    config.setPoolName(name);
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }

  /** Opens a connection outside every pool, for administration. */
  Connection adminConnection() throws SQLException {
    return DriverManager.getConnection(url, user, "");
  }

  /** Drops the tables with this prefix and creates them anew with {@link JdbcSchema#migrate}. */
  void recreateTables(String prefix) throws SQLException {
    dropTables(prefix);
    JdbcSchema.migrate(dataSource, prefix);
  }

  /** Deletes every row of the store's tables with this prefix, keeping the tables. */
  void deleteRows(String prefix) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES.subList(0, 4)) {
        statement.executeUpdate("DELETE FROM " + prefix + table);
      }
    }
  }

  /** Drops the store's tables and Flyway history with this prefix, where they exist. */
  void dropTables(String prefix) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        String name = prefix + table;
        boolean quoted = kind != Kind.MARIADB && table.equals(JdbcSchema.HISTORY_TABLE_SUFFIX);
        statement.executeUpdate("DROP TABLE IF EXISTS " + (quoted ? '"' + name + '"' : name));
      }
    }
  }

  /** Returns a store on the shared pool with this table prefix and test-friendly retries. */
  JdbcAlertStore store(String prefix) {
    return JdbcAlertStore.builder(dataSource).tablePrefix(prefix).maxAttempts(10).build();
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
