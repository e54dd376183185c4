package io.regen.webhook.examples;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.regen.webhook.jdbc.JdbcAlertStore;
import io.regen.webhook.jdbc.JdbcSchema;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.AlertStore;
import java.util.Optional;

/**
 * The alert store of the receiver and the connection pool it owns, if any. Closing it closes the
 * pool, and with the last connection an H2 database.
 */
final class Storage implements AutoCloseable {

  private final AlertStore store;
  private final Optional<HikariDataSource> pool;
  private final String description;

  private Storage(AlertStore store, Optional<HikariDataSource> pool, String description) {
    this.store = store;
    this.pool = pool;
    this.description = description;
  }

  /** Opens the store that the settings choose: in memory, or a database migrated to date. */
  static Storage open(ReceiverSettings settings) {
    if (settings.memory()) {
      return new Storage(
          new InMemoryAlertStore(),
          Optional.empty(),
          "in memory (--memory); alerts are lost when the receiver stops");
    }
    return openDatabase(settings);
  }

  private static Storage openDatabase(ReceiverSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("regen-webhook");
    config.setJdbcUrl(JdbcUrls.withoutH2ShutdownHook(settings.jdbcUrl()));
    if (settings.jdbcUser() != null) {
      config.setUsername(settings.jdbcUser());
    }
    if (settings.jdbcPassword() != null) {
      config.setPassword(settings.jdbcPassword());
    }
    // A request waits at most this long for a free connection before it gets 503.
    config.setConnectionTimeout(5_000);
    HikariDataSource pool = new HikariDataSource(config);
    try {
      int applied = JdbcSchema.migrate(pool);
      JdbcAlertStore store = JdbcAlertStore.builder(pool).build();
      return new Storage(store, Optional.of(pool), describe(settings, store, applied));
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  private static String describe(ReceiverSettings settings, JdbcAlertStore store, int applied) {
    String user = settings.jdbcUser() == null ? "" : " as user " + settings.jdbcUser();
    String schema =
        switch (applied) {
          case 0 -> "schema up to date";
          case 1 -> "1 schema migration applied";
          default -> applied + " schema migrations applied";
        };
    return "database " + JdbcUrls.redact(settings.jdbcUrl()) + user
        + " (" + store.dialect() + ", " + schema + ")";
  }

  /** Returns the store. */
  AlertStore store() {
    return store;
  }

  /** Describes the store for the start-up log, without passwords. */
  String description() {
    return description;
  }

  /** Closes the connection pool; does nothing for the in-memory store. */
  @Override
  public void close() {
    pool.ifPresent(HikariDataSource::close);
  }
}
