package io.regen.webhook.jdbc;

import java.sql.SQLException;

/**
 * Carries an {@link SQLException} through {@link io.regen.webhook.spi.StoreTransaction} methods,
 * which cannot throw checked exceptions, to the edge of the unit of work that classifies it.
 */
final class SqlFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  SqlFailure(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  @Override
  public synchronized SQLException getCause() {
    return (SQLException) super.getCause();
  }
}
