package io.regen.webhook.jdbc;

import io.regen.webhook.spi.StoreUnavailableException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The tables of {@link JdbcAlertStore} and the one call that creates or upgrades them.
 *
 * <p>The versioned SQL scripts ship in this jar under {@value #MIGRATION_LOCATION}, one folder per
 * dialect ({@code h2}, {@code postgresql}, {@code mariadb}), named for Flyway ({@code
 * V1__create_regen_webhook_tables.sql}, ...). Every table and index name starts with the
 * placeholder {@code ${prefix}}. A host that runs Flyway itself points a separate Flyway
 * configuration at {@code classpath:db/migration/regen-webhook/<dialect>} with the placeholder
 * {@code prefix} and a history table of its own, because the version numbers of these scripts would
 * collide with the host's. Hosts with another migration tool copy the scripts and replace the
 * placeholder.
 *
 * <p>Thread-safe: Flyway serializes concurrent migrations of one database with a database lock.
 */
public final class JdbcSchema {

  /** Classpath folder that contains one folder of migration scripts per {@link SqlDialect}. */
  public static final String MIGRATION_LOCATION = "db/migration/regen-webhook";

  /** Table prefix used when none is given. */
  public static final String DEFAULT_PREFIX = "regen_";

  /** Suffix of the Flyway history table that {@link #migrate} keeps, after the table prefix. */
  public static final String HISTORY_TABLE_SUFFIX = "schema_history";

  /** Serializes the migrations of this JVM, which is the only lock H2 gets. */
  private static final Object LOCAL_MIGRATIONS = new Object();

  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,29}");

  private JdbcSchema() {}

  /**
   * Creates or upgrades the store's tables with the default prefix {@value #DEFAULT_PREFIX}.
   *
   * @return the number of scripts applied, 0 when the schema was up to date
   * @see #migrate(DataSource, String)
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, DEFAULT_PREFIX);
  }

  /**
   * Creates or upgrades the store's tables with this prefix, detecting the dialect from the
   * database. Flyway applies the scripts that are missing and records them in the table {@code
   * <prefix>schema_history}; a schema that already contains other tables is fine.
   *
   * <p>Receivers that start at once may all call this. Migrations run one at a time: within the
   * JVM, and across processes under a database lock on PostgreSQL ({@code pg_advisory_lock}) and
   * MariaDB ({@code GET_LOCK}), held on the first connection that Flyway uses. Flyway's own lock
   * does not cover the creation of its history table beside existing tables, where concurrent
   * receivers could otherwise apply a script twice.
   *
   * @return the number of scripts applied, 0 when the schema was up to date
   * @throws IllegalArgumentException if the prefix is invalid or the database is not supported
   * @throws StoreUnavailableException if the database cannot be reached to detect the dialect
   * @throws FlywayException if a script failed or the applied scripts differ from the shipped ones
   */
  public static int migrate(DataSource dataSource, String prefix) {
    Objects.requireNonNull(dataSource, "dataSource");
    return migrate(dataSource, prefix, SqlDialect.detect(dataSource));
  }

  /**
   * Creates or upgrades the store's tables with this prefix and dialect.
   *
   * @return the number of scripts applied, 0 when the schema was up to date
   * @throws IllegalArgumentException if the prefix is invalid
   * @throws FlywayException if a script failed or the applied scripts differ from the shipped ones
   */
  public static int migrate(DataSource dataSource, String prefix, SqlDialect dialect) {
    Objects.requireNonNull(dataSource, "dataSource");
    Objects.requireNonNull(dialect, "dialect");
    checkPrefix(prefix);
    synchronized (LOCAL_MIGRATIONS) {
      MigrationLock lock = MigrationLock.acquire(dataSource, dialect, prefix);
      try {
        return flyway(lock.sharingConnection(dataSource), prefix, dialect)
            .migrate()
            .migrationsExecuted;
      } finally {
        lock.close();
      }
    }
  }

  private static Flyway flyway(DataSource dataSource, String prefix, SqlDialect dialect) {
    return Flyway.configure(JdbcSchema.class.getClassLoader())
        .dataSource(dataSource)
        .locations("classpath:" + MIGRATION_LOCATION + "/" + dialect.folder())
        .table(prefix + HISTORY_TABLE_SUFFIX)
        .placeholders(Map.of("prefix", prefix))
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load();
  }

  /**
   * Returns the prefix when it is a valid table prefix: a lower-case ASCII letter followed by up to
   * 29 lower-case letters, digits or underscores, so that every name stays a plain identifier
   * within the length limits of all three databases.
   *
   * @throws IllegalArgumentException if it is not
   */
  static String checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "prefix");
    if (!PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "table prefix must be a lower-case letter followed by up to 29 lower-case letters,"
              + " digits or underscores: '"
              + prefix
              + "'");
    }
    return prefix;
  }
}
