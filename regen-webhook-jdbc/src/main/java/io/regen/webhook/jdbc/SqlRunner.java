package io.regen.webhook.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs prepared statements on one connection with the store's query timeout, wrapping each {@link
 * SQLException} in a {@link SqlFailure}.
 */
final class SqlRunner {

  /** Sets a statement's parameters. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private final Connection connection;
  private final int queryTimeoutSeconds;

  SqlRunner(Connection connection, int queryTimeoutSeconds) {
    this.connection = connection;
    this.queryTimeoutSeconds = queryTimeoutSeconds;
  }

  int update(String sql, Binder binder) {
    try (PreparedStatement statement = prepare(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  /** Sets the parameters of one statement of a batch from one item. */
  @FunctionalInterface
  interface ItemBinder<T> {
    void bind(PreparedStatement statement, T item) throws SQLException;
  }

  /**
   * Runs one prepared statement as a JDBC batch with one set of parameters per item, in order, and
   * returns the driver's update counts (some drivers report {@link
   * java.sql.Statement#SUCCESS_NO_INFO} for each).
   */
  <T> int[] batch(String sql, List<T> items, ItemBinder<T> binder) {
    try (PreparedStatement statement = prepare(sql)) {
      for (T item : items) {
        binder.bind(statement, item);
        statement.addBatch();
      }
      return statement.executeBatch();
    } catch (SQLException e) {
      throw new SqlFailure(e);
    } catch (AssertionError e) {
      // With assertions enabled, pgjdbc 42.7.8 raises this instead of an SQLException when the
      // connection dies during a batch; 42.7.13 no longer does.
      StackTraceElement[] origin = e.getStackTrace();
      if (origin.length == 0 || !origin[0].getClassName().startsWith("org.postgresql.")) {
        throw e;
      }
      throw new SqlFailure(new SQLException("connection failed during a batch", "08006", e));
    }
  }

  <T> Optional<T> queryOne(String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement statement = prepare(sql)) {
      binder.bind(statement);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(mapper.map(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  <T> List<T> queryList(String sql, Binder binder, RowMapper<T> mapper) {
    try (PreparedStatement statement = prepare(sql)) {
      binder.bind(statement);
      try (ResultSet row = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (row.next()) {
          result.add(mapper.map(row));
        }
        return result;
      }
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  boolean exists(String sql, Binder binder) {
    return queryOne(sql, binder, row -> Boolean.TRUE).isPresent();
  }

  Savepoint savepoint() {
    try {
      return connection.setSavepoint();
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  void release(Savepoint savepoint) {
    try {
      connection.releaseSavepoint(savepoint);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  void rollbackTo(Savepoint savepoint) {
    try {
      connection.rollback(savepoint);
    } catch (SQLException e) {
      throw new SqlFailure(e);
    }
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    if (queryTimeoutSeconds > 0) {
      statement.setQueryTimeout(queryTimeoutSeconds);
    }
    return statement;
  }
}
