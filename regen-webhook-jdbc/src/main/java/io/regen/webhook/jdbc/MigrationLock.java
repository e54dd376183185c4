package io.regen.webhook.jdbc;

import io.regen.webhook.spi.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A database-wide lock that serializes migrations of one table prefix across processes, held on a
 * connection of its own: a session advisory lock on PostgreSQL and a named lock on MariaDB. On H2
 * it takes no database lock, and the caller relies on a lock within the JVM.
 */
final class MigrationLock implements AutoCloseable {

  /** Seconds that acquiring the lock may wait for another process's migration. */
  private static final int WAIT_SECONDS = 300;

  private final Connection connection;
  private final String releaseSql;
  private final Object key;

  private MigrationLock(Connection connection, String releaseSql, Object key) {
    this.connection = connection;
    this.releaseSql = releaseSql;
    this.key = key;
  }

  /**
   * Takes the migration lock of this prefix, waiting up to {@value #WAIT_SECONDS} seconds.
   *
   * @throws StoreUnavailableException if the database failed or the wait timed out
   */
  static MigrationLock acquire(DataSource dataSource, SqlDialect dialect, String prefix) {
    String name = "regen_webhook_migrate_" + prefix;
    switch (dialect) {
      case POSTGRESQL:
        long key =
            UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).getMostSignificantBits();
        return acquire(
            dataSource, "SELECT pg_advisory_lock(?)", "SELECT pg_advisory_unlock(?)", key);
      case MARIADB:
        return acquire(
            dataSource, "SELECT GET_LOCK(?, " + WAIT_SECONDS + ")", "SELECT RELEASE_LOCK(?)", name);
      case H2:
        return new MigrationLock(null, null, name);
      default:
        throw new AssertionError(dialect);
    }
  }

  private static MigrationLock acquire(
      DataSource dataSource, String lockSql, String releaseSql, Object key) {
    Connection connection = null;
    try {
      connection = dataSource.getConnection();
      try (PreparedStatement statement = connection.prepareStatement(lockSql)) {
        statement.setObject(1, key);
        statement.setQueryTimeout(WAIT_SECONDS);
        try (ResultSet row = statement.executeQuery()) {
          // pg_advisory_lock returns void; GET_LOCK returns 1 when granted, 0 on timeout.
          if (key instanceof String && (!row.next() || row.getInt(1) != 1)) {
            throw new StoreUnavailableException(
                "timed out after " + WAIT_SECONDS + " s waiting for the migration lock " + key);
          }
        }
      }
      return new MigrationLock(connection, releaseSql, key);
    } catch (SQLException e) {
      closeQuietly(connection);
      throw new StoreUnavailableException(
          "could not take the migration lock " + key + " (" + SqlFailures.describe(e) + ")", e);
    } catch (RuntimeException e) {
      closeQuietly(connection);
      throw e;
    }
  }

  /**
   * Returns a data source for Flyway that hands out the lock's connection first, kept open when
   * Flyway closes it, and new connections from the given data source after that. Flyway then needs
   * no more connections from the pool than it would without the lock.
   */
  DataSource sharingConnection(DataSource dataSource) {
    if (connection == null) {
      return dataSource;
    }
    return new FirstConnectionDataSource(dataSource, connection);
  }

  /** Releases the lock and hands the connection back. */
  @Override
  public void close() {
    if (connection == null) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(releaseSql)) {
      statement.setObject(1, key);
      statement.execute();
    } catch (SQLException e) {
      // A failed release usually means the session is gone, which releases its locks. NOTE: should
      // the session survive in a pool, the lock stays held until that connection is closed.
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // Nothing is left to do: the connection is unusable either way.
    }
  }
}
