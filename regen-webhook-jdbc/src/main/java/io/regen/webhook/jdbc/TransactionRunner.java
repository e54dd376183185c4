package io.regen.webhook.jdbc;

import io.regen.webhook.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one READ COMMITTED transaction on a fresh connection from the data source, and runs
 * it again when the database reports a deadlock, a serialization failure or a lock timeout.
 */
final class TransactionRunner {

  /** Work on a connection whose transaction the runner commits or rolls back. */
  @FunctionalInterface
  interface ConnectionWork<T> {
    T run(Connection connection);
  }

  private static final Logger LOG = LoggerFactory.getLogger(TransactionRunner.class);

  /** Upper bound of the random pause before the second attempt; doubles with each attempt. */
  private static final long BASE_BACKOFF_MILLIS = 10;

  private final DataSource dataSource;
  private final int maxAttempts;

  /**
   * Whether the isolation is set for each transaction with a statement rather than for the session
   * through {@link Connection#setTransactionIsolation}. On PostgreSQL this costs one round trip,
   * where reading, setting and restoring the session's level cost three.
   */
  private final boolean perTransactionIsolation;

  TransactionRunner(DataSource dataSource, int maxAttempts, SqlDialect dialect) {
    this.dataSource = dataSource;
    this.maxAttempts = maxAttempts;
    this.perTransactionIsolation = dialect == SqlDialect.POSTGRESQL;
  }

  /**
   * Runs the work until an attempt commits, and returns that attempt's result.
   *
   * @throws StoreUnavailableException if the database failed, or still asked for a retry after the
   *     last attempt; nothing of the work was applied
   */
  <T> T run(ConnectionWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(work);
      } catch (SQLException e) {
        if (!SqlFailures.isRetryable(e)) {
          throw new StoreUnavailableException(
              "database failed, nothing was applied (" + SqlFailures.describe(e) + ")", e);
        }
        if (attempt >= maxAttempts) {
          throw new StoreUnavailableException(
              "database still reported a conflict after "
                  + attempt
                  + " attempts, nothing was applied ("
                  + SqlFailures.describe(e)
                  + ")",
              e);
        }
        LOG.debug("Retrying unit of work after attempt {}: {}", attempt, SqlFailures.describe(e));
        pause(attempt, e);
      }
    }
  }

  private <T> T runOnce(ConnectionWork<T> work) throws SQLException {
    Connection connection = dataSource.getConnection();
    try {
      boolean autoCommit = connection.getAutoCommit();
      int isolation = perTransactionIsolation ? -1 : connection.getTransactionIsolation();
      try {
        begin(connection);
        T result = run(connection, work);
        // NOTE: when the connection is lost while the commit is in flight, the database may have
        // committed. The store still reports it as unavailable, so a sender's retry can apply
        // the request's events a second time (as updates of the same alerts).
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        rollbackQuietly(connection, e);
        throw e;
      } finally {
        restoreQuietly(connection, autoCommit, isolation);
      }
    } finally {
      closeQuietly(connection);
    }
  }

  /** Starts a READ COMMITTED transaction with auto-commit off. */
  private void begin(Connection connection) throws SQLException {
    if (!perTransactionIsolation) {
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      connection.setAutoCommit(false);
      return;
    }
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      // PostgreSQL applies this to the current transaction only; it must be its first statement.
      statement.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
    }
  }

  private static <T> T run(Connection connection, ConnectionWork<T> work) throws SQLException {
    try {
      return work.run(connection);
    } catch (SqlFailure failure) {
      throw failure.getCause();
    }
  }

  private static void rollbackQuietly(Connection connection, Throwable failure) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * Restores the connection's settings before it goes back to the pool; a dead one is dropped. An
   * isolation of -1 was not changed.
   */
  private static void restoreQuietly(Connection connection, boolean autoCommit, int isolation) {
    try {
      connection.setAutoCommit(autoCommit);
      if (isolation != -1) {
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      LOG.debug("Could not restore connection settings: {}", SqlFailures.describe(e));
    }
  }

  /** Closes the connection; a failure here cannot undo a commit, so it is only logged. */
  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.debug("Could not close connection: {}", SqlFailures.describe(e));
    }
  }

  private static void pause(int attempt, SQLException cause) {
    long bound = BASE_BACKOFF_MILLIS << Math.min(attempt - 1, 6);
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      StoreUnavailableException failure =
          new StoreUnavailableException("interrupted before retrying, nothing was applied", e);
      failure.addSuppressed(cause);
      throw failure;
    }
  }
}
