package io.regen.webhook.jdbc;

import io.regen.webhook.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases that the JDBC store supports, each with the folder of its migration scripts.
 *
 * <p>Instants are stored in UTC with microsecond precision: as {@code TIMESTAMP(6) WITH TIME ZONE}
 * on H2 and PostgreSQL, and as {@code DATETIME(6)} holding UTC on MariaDB. They are bound as {@link
 * OffsetDateTime} or {@link LocalDateTime} in UTC, so the JVM's default time zone and the session
 * time zone never change a stored value.
 */
public enum SqlDialect {
  /** H2 2.x. */
  H2("h2"),
  /** PostgreSQL 12 or later. */
  POSTGRESQL("postgresql"),
  /** MariaDB 10.6 or later with InnoDB. */
  MARIADB("mariadb");

  private final String folder;

  SqlDialect(String folder) {
    this.folder = folder;
  }

  /** Returns the name of this dialect's folder under {@link JdbcSchema#MIGRATION_LOCATION}. */
  public String folder() {
    return folder;
  }

  /**
   * Detects the dialect from the database product name that the driver reports.
   *
   * @throws IllegalArgumentException if the database is not H2, PostgreSQL or MariaDB
   */
  public static SqlDialect detect(DatabaseMetaData metaData) throws SQLException {
    String product = metaData.getDatabaseProductName();
    String name = product == null ? "" : product.toLowerCase(Locale.ROOT);
    if (name.startsWith("h2")) {
      return H2;
    }
    if (name.startsWith("postgresql")) {
      return POSTGRESQL;
    }
    if (name.startsWith("mariadb")) {
      return MARIADB;
    }
    throw new IllegalArgumentException(
        "unsupported database '" + product + "'; supported are H2, PostgreSQL and MariaDB");
  }

  /**
   * Detects the dialect of the database behind the data source from one connection's metadata.
   *
   * @throws StoreUnavailableException if no connection can be opened
   * @throws IllegalArgumentException if the database is not H2, PostgreSQL or MariaDB
   */
  public static SqlDialect detect(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection()) {
      return detect(connection.getMetaData());
    } catch (SQLException e) {
      throw new StoreUnavailableException(
          "could not detect the database dialect (" + SqlFailures.describe(e) + ")", e);
    }
  }

  void bindInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, this == MARIADB ? Types.TIMESTAMP : Types.TIMESTAMP_WITH_TIMEZONE);
    } else if (this == MARIADB) {
      statement.setObject(index, LocalDateTime.ofInstant(Instants.stored(instant), ZoneOffset.UTC));
    } else {
      statement.setObject(
          index, OffsetDateTime.ofInstant(Instants.stored(instant), ZoneOffset.UTC));
    }
  }

  Instant readInstant(ResultSet row, String column) throws SQLException {
    if (this == MARIADB) {
      LocalDateTime value = row.getObject(column, LocalDateTime.class);
      return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
