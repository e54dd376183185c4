package io.regen.webhook.jdbc;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreUnavailableException;
import io.regen.webhook.spi.TransactionWork;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AlertStore} on a {@link DataSource} for H2 2.x, PostgreSQL 12+ and MariaDB 10.6+.
 *
 * <p>The tables come from the migration scripts under {@value JdbcSchema#MIGRATION_LOCATION}, one
 * folder per {@link SqlDialect}; {@link JdbcSchema#migrate(DataSource, String)} applies them. The
 * store brings no connection pool, so the host passes a pooled data source. The store takes a fresh
 * connection for every unit of work, read or purge batch, and therefore works again as soon as the
 * database is back.
 *
 * <p><b>Transactions.</b> Each call to {@link #inTransaction} is one database transaction at READ
 * COMMITTED isolation with auto-commit off. PostgreSQL gets the isolation for that transaction only
 * ({@code SET TRANSACTION}); on H2 and MariaDB (which defaults to REPEATABLE READ) it is set on the
 * connection. Changed settings are restored before the connection is closed. Key and group locks
 * are rows of lock tables, inserted when absent and locked as {@code FOR UPDATE} locks them, so
 * they hold across processes. On MariaDB with binary logging, READ COMMITTED needs {@code
 * binlog_format} {@code MIXED} or {@code ROW}. At most one open alert per dedup key, and one
 * incident per group that is not closed, are enforced by unique indexes.
 *
 * <p><b>Statements.</b> A unit of work of the lifecycle engine sends a fixed number of statements
 * for its keys and groups, whatever its number of events, plus two per incident whose alerts it
 * resolves: the writes of locked rows are sent as JDBC batches just before the commit. The module's
 * README lists the counts. No connection option is needed; PostgreSQL's {@code
 * reWriteBatchedInserts=true} makes the insert batches faster.
 *
 * <p><b>Retries.</b> When the database reports a deadlock or serialization failure (SQL state
 * {@code 40001} or {@code 40P01}, MariaDB error 1213) or a lock timeout ({@code 55P03}, MariaDB
 * error 1205, H2 error 50200), the transaction is rolled back and the whole work runs again on a
 * new connection after a short random pause, up to {@link Builder#maxAttempts} attempts in all. Any
 * other {@link SQLException}, such as a lost connection or a query timeout, rolls the transaction
 * back (as far as the connection still allows) and raises {@link StoreUnavailableException};
 * nothing of the work was applied. The one exception is a connection lost during the commit itself,
 * whose outcome the driver cannot know.
 *
 * <p><b>Precision and limits.</b> Instants are stored in UTC, truncated to whole microseconds on
 * every dialect; the store truncates before it writes or compares, so reads return the truncated
 * value. Instants outside the years 0001 to 9999 in UTC raise {@link IllegalArgumentException} on
 * every dialect, because MariaDB would shift or reject them. Dedup keys, {@code external_id},
 * {@code source} and identifiers hold up to {@value Rows#MAX_KEY_LENGTH} code points, emoji
 * included, and longer values raise {@link IllegalArgumentException}; titles, descriptions, labels
 * and annotations have no limit of their own below several MiB. Labels are stored as a JSON object
 * with sorted keys; annotations as the alert's JSON text, verbatim.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class JdbcAlertStore implements AlertStore {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcAlertStore.class);

  private final Statements statements;
  private final Rows rows;
  private final TransactionRunner runner;
  private final int queryTimeoutSeconds;
  private final int purgeBatchSize;

  private JdbcAlertStore(Builder builder, SqlDialect dialect) {
    this.statements = new Statements(dialect, builder.tablePrefix);
    this.rows = new Rows(dialect);
    this.runner = new TransactionRunner(builder.dataSource, builder.maxAttempts, dialect);
    this.queryTimeoutSeconds = (int) builder.queryTimeout.toSeconds();
    this.purgeBatchSize = builder.purgeBatchSize;
  }

  /** Returns a builder for a store on this data source. */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /** Returns the dialect that this store writes. */
  public SqlDialect dialect() {
    return statements.dialect;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The work runs in one READ COMMITTED transaction, and again from the start after a deadlock,
   * serialization failure or lock timeout, as the class documentation describes. Writes of rows
   * that the work has locked may wait until it returns; they are sent before the commit, and one
   * that a stored row rejects then (an identifier that exists, say) raises {@link
   * IllegalStateException} from this method, and nothing is applied.
   */
  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    return runner.run(
        connection -> {
          JdbcTransaction transaction =
              new JdbcTransaction(connection, statements, queryTimeoutSeconds);
          try {
            T result = work.run(transaction);
            transaction.flush();
            return result;
          } finally {
            transaction.close();
          }
        });
  }

  @Override
  public Optional<Alert> findAlert(String alertId) {
    Objects.requireNonNull(alertId, "alertId");
    return inOwnTransaction(
        sql -> sql.queryOne(statements.selectAlert, s -> s.setString(1, alertId), rows::alert));
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    Objects.requireNonNull(dedupKey, "dedupKey");
    return inOwnTransaction(
        sql ->
            sql.queryOne(statements.selectOpenAlert, s -> s.setString(1, dedupKey), rows::alert));
  }

  @Override
  public List<Alert> listAlerts(AlertQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder sql = new StringBuilder(statements.listAlerts);
    List<String> values = new ArrayList<>();
    query.externalId().ifPresent(value -> addFilter(sql, values, "external_id", value));
    query.status().ifPresent(value -> addFilter(sql, values, "status", value.wireName()));
    query.incidentId().ifPresent(value -> addFilter(sql, values, "incident_id", value));
    sql.append(" ORDER BY last_event_at DESC, id ASC LIMIT ?");
    return inOwnTransaction(
        runner -> runner.queryList(sql.toString(), bindAll(values, query.limit()), rows::alert));
  }

  @Override
  public Optional<Incident> findIncident(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    return inOwnTransaction(
        sql ->
            sql.queryOne(
                statements.selectIncident, s -> s.setString(1, incidentId), rows::incident));
  }

  @Override
  public List<Incident> listIncidents(IncidentQuery query) {
    Objects.requireNonNull(query, "query");
    StringBuilder sql = new StringBuilder(statements.listIncidents);
    List<String> values = new ArrayList<>();
    query.state().ifPresent(value -> addFilter(sql, values, "state", value.wireName()));
    sql.append(" ORDER BY created_at DESC, id ASC LIMIT ?");
    return inOwnTransaction(
        runner -> runner.queryList(sql.toString(), bindAll(values, query.limit()), rows::incident));
  }

  @Override
  public boolean resolveIncident(String incidentId, Instant resolvedAt) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    int updated =
        inOwnTransaction(
            sql ->
                sql.update(
                    statements.resolveIncident,
                    s -> {
                      statements.dialect.bindInstant(s, 1, resolvedAt);
                      s.setString(2, incidentId);
                    }));
    return updated == 1;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each batch of up to {@link Builder#purgeBatchSize} rows commits on its own. The same call
   * also deletes key lock rows that keep no remembered resolve, without counting them. A later unit
   * of work inserts such a row again when it needs the lock. On PostgreSQL the purge skips rows
   * that a unit of work holds locked, and leaves them to a later call.
   */
  @Override
  public int purgeRememberedResolves(Instant olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    int purged = purge(statements.purgeRememberedResolves, olderThan);
    int idle = purge(statements.purgeIdleKeyLocks, null);
    LOG.debug("Purged {} remembered resolves and {} idle key locks", purged, idle);
    return purged;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each batch of up to {@link Builder#purgeBatchSize} alerts commits on its own; on PostgreSQL
   * it skips alerts that a unit of work holds locked, and leaves them to a later call. Incidents
   * are kept, and so is the history that late-event detection reads: a firing event delayed behind
   * a purged resolve is no longer recognised as late.
   */
  @Override
  public int purgeResolvedAlerts(Instant olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    int purged = purge(statements.purgeResolvedAlerts, olderThan);
    LOG.debug("Purged {} resolved alerts", purged);
    return purged;
  }

  /**
   * Deletes in batches until one deletes fewer rows than the batch size; a null cutoff binds none.
   */
  private int purge(String deleteSql, Instant olderThan) {
    Instant cutoff = olderThan == null ? null : Instants.cutoff(olderThan);
    int total = 0;
    int deleted;
    do {
      deleted = inOwnTransaction(sql -> sql.update(deleteSql, s -> bindBatchDelete(s, cutoff)));
      total += deleted;
    } while (deleted == purgeBatchSize);
    return total;
  }

  private void bindBatchDelete(PreparedStatement statement, Instant cutoff) throws SQLException {
    if (cutoff == null) {
      statement.setInt(1, purgeBatchSize);
      return;
    }
    statements.dialect.bindInstant(statement, 1, cutoff);
    statement.setInt(2, purgeBatchSize);
    if (statements.batchDeleteRepeatsCondition) {
      statements.dialect.bindInstant(statement, 3, cutoff);
    }
  }

  private static void addFilter(
      StringBuilder sql, List<String> values, String column, String value) {
    sql.append(" AND ").append(column).append(" = ?");
    values.add(value);
  }

  private static SqlRunner.Binder bindAll(List<String> values, int limit) {
    return statement -> {
      int i = 1;
      for (String value : values) {
        statement.setString(i++, value);
      }
      statement.setInt(i, limit);
    };
  }

  /** Runs one statement or a few in a transaction of their own, with the store's retry policy. */
  private <T> T inOwnTransaction(SqlWork<T> work) {
    return runner.run(connection -> work.run(sqlRunner(connection)));
  }

  private SqlRunner sqlRunner(Connection connection) {
    return new SqlRunner(connection, queryTimeoutSeconds);
  }

  @FunctionalInterface
  private interface SqlWork<T> {
    T run(SqlRunner sql);
  }

  /**
   * Configuration of a {@link JdbcAlertStore}. Defaults: table prefix {@value
   * JdbcSchema#DEFAULT_PREFIX}, dialect detected from the connection's metadata, 5 attempts per
   * unit of work, a 30-second query timeout and purge batches of 1,000 rows.
   */
  public static final class Builder {
    private final DataSource dataSource;
    private String tablePrefix = JdbcSchema.DEFAULT_PREFIX;
    private SqlDialect dialect;
    private int maxAttempts = 5;
    private Duration queryTimeout = Duration.ofSeconds(30);
    private int purgeBatchSize = 1_000;

    private Builder(DataSource dataSource) {
      this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    /**
     * Sets the prefix of the store's table names, the one given to {@link JdbcSchema#migrate}: a
     * lower-case letter, then up to 29 lower-case letters, digits or underscores.
     */
    public Builder tablePrefix(String prefix) {
      this.tablePrefix = JdbcSchema.checkPrefix(prefix);
      return this;
    }

    /** Sets the dialect instead of detecting it from the database's product name. */
    public Builder dialect(SqlDialect value) {
      this.dialect = Objects.requireNonNull(value, "dialect");
      return this;
    }

    /**
     * Sets how many times a unit of work runs at most when the database keeps reporting deadlocks,
     * serialization failures or lock timeouts; 1 switches retries off.
     */
    public Builder maxAttempts(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + value);
      }
      this.maxAttempts = value;
      return this;
    }

    /**
     * Sets how long one statement, lock waits included, may run before the driver cancels it and
     * the store raises {@link StoreUnavailableException}; whole seconds, zero for no limit.
     */
    public Builder queryTimeout(Duration value) {
      Objects.requireNonNull(value, "queryTimeout");
      if (value.isNegative() || value.toSeconds() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("queryTimeout must be between 0 and 2^31-1 s: " + value);
      }
      this.queryTimeout = value;
      return this;
    }

    /** Sets the maximum number of rows that one purge batch deletes in its own transaction. */
    public Builder purgeBatchSize(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("purgeBatchSize must be at least 1: " + value);
      }
      this.purgeBatchSize = value;
      return this;
    }

    /**
     * Builds the store. Without a configured dialect this opens one connection to read the
     * database's product name.
     *
     * @throws StoreUnavailableException if the dialect must be detected and the database cannot be
     *     reached
     * @throws IllegalArgumentException if the database is not one of the supported ones
     */
    public JdbcAlertStore build() {
      SqlDialect chosen = dialect != null ? dialect : SqlDialect.detect(dataSource);
      LOG.info(
          "JDBC alert store on {} with table prefix '{}', {} attempts, query timeout {}",
          chosen,
          tablePrefix,
          maxAttempts,
          queryTimeout);
      return new JdbcAlertStore(this, chosen);
    }
  }
}
