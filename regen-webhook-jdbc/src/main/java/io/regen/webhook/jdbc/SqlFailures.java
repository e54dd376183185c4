package io.regen.webhook.jdbc;

import java.sql.SQLException;

/** Classifies the {@link SQLException}s of the supported drivers. */
final class SqlFailures {

  /** MariaDB's error code for a deadlock. */
  private static final int MARIADB_DEADLOCK = 1213;

  /** MariaDB's error code for a lock wait timeout ({@code innodb_lock_wait_timeout}). */
  private static final int MARIADB_LOCK_WAIT_TIMEOUT = 1205;

  /** MariaDB's error codes for a duplicate key. */
  private static final int MARIADB_DUPLICATE_ENTRY = 1062;

  private static final int MARIADB_DUPLICATE_ENTRY_WITH_KEY_NAME = 1586;

  /** H2's error code for a lock timeout ({@code LOCK_TIMEOUT}). */
  private static final int H2_LOCK_TIMEOUT = 50200;

  private SqlFailures() {}

  /**
   * Returns whether the whole unit of work may succeed when run again: a deadlock, a serialization
   * failure or a lock timeout, reported by the exception, its causes or its next exception.
   */
  static boolean isRetryable(SQLException failure) {
    Throwable current = failure;
    for (int depth = 0; current != null && depth < 10; depth++) {
      if (current instanceof SQLException && isRetryableOne((SQLException) current)) {
        return true;
      }
      current = current.getCause();
    }
    SQLException next = failure.getNextException();
    return next != null && isRetryableOne(next);
  }

  private static boolean isRetryableOne(SQLException e) {
    String state = e.getSQLState();
    if ("40001".equals(state) || "40P01".equals(state) || "55P03".equals(state)) {
      return true;
    }
    int code = e.getErrorCode();
    return code == MARIADB_DEADLOCK || code == MARIADB_LOCK_WAIT_TIMEOUT || code == H2_LOCK_TIMEOUT;
  }

  /**
   * Returns whether the statement violated a primary key or unique constraint, as the exception,
   * its cause or its next exception report it (a failed batch wraps the statement's exception).
   */
  static boolean isUniqueViolation(SQLException e) {
    if (isUniqueViolationOne(e)) {
      return true;
    }
    SQLException next = e.getNextException();
    if (next != null && isUniqueViolationOne(next)) {
      return true;
    }
    return e.getCause() instanceof SQLException
        && isUniqueViolationOne((SQLException) e.getCause());
  }

  private static boolean isUniqueViolationOne(SQLException e) {
    String state = e.getSQLState();
    if ("23505".equals(state)) {
      return true;
    }
    int code = e.getErrorCode();
    return "23000".equals(state)
        && (code == MARIADB_DUPLICATE_ENTRY || code == MARIADB_DUPLICATE_ENTRY_WITH_KEY_NAME);
  }

  /** Returns a short description for messages: SQL state and vendor code. */
  static String describe(SQLException e) {
    return "SQL state " + e.getSQLState() + ", vendor code " + e.getErrorCode();
  }
}
