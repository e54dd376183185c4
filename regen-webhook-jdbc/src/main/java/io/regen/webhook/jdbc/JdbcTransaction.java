package io.regen.webhook.jdbc;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.spi.StoreTransaction;
import java.sql.Connection;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work on one connection, valid while {@link JdbcAlertStore#inTransaction} runs the
 * work. Locks are rows of the key and group lock tables selected {@code FOR UPDATE}; they are
 * released when the transaction ends.
 */
final class JdbcTransaction implements StoreTransaction {

  /** Bound on re-inserting a lock row that a concurrent purge deleted before it was locked. */
  private static final int MAX_LOCK_ROW_ATTEMPTS = 10;

  private final SqlRunner sql;
  private final Statements statements;
  private final Rows rows;
  private final Thread owner = Thread.currentThread();
  private boolean open = true;

  JdbcTransaction(Connection connection, Statements statements, int queryTimeoutSeconds) {
    this.sql = new SqlRunner(connection, queryTimeoutSeconds);
    this.statements = statements;
    this.rows = new Rows(statements.dialect);
  }

  /** Makes every later call fail: the unit of work has ended. */
  void close() {
    open = false;
  }

  @Override
  public void lockKeys(List<String> sortedKeys) {
    checkUsable();
    for (String key : sortedKeys) {
      lockRow(statements.insertKeyLock, statements.lockKey, Rows.checkKey("dedup_key", key));
    }
  }

  @Override
  public void lockGroups(List<String> sortedGroups) {
    checkUsable();
    for (String group : sortedGroups) {
      lockRow(statements.insertGroupLock, statements.lockGroup, Rows.groupHash(group));
    }
  }

  /**
   * Selects the lock row {@code FOR UPDATE}, inserting it first when absent. Selecting first takes
   * only the exclusive lock when the row exists: on MariaDB, a duplicate insert would take a shared
   * lock first, and two transactions upgrading shared locks on one row deadlock. A purge may delete
   * an idle lock row between insert and select, so the pair repeats until it holds.
   */
  private void lockRow(String insertSql, String lockSql, String key) {
    SqlRunner.Binder bindKey = statement -> statement.setString(1, key);
    if (sql.exists(lockSql, bindKey)) {
      return;
    }
    for (int attempt = 1; attempt <= MAX_LOCK_ROW_ATTEMPTS; attempt++) {
      insertLockRow(insertSql, key);
      if (sql.exists(lockSql, bindKey)) {
        return;
      }
    }
    throw new IllegalStateException(
        "lock row for '" + key + "' kept disappearing after " + MAX_LOCK_ROW_ATTEMPTS + " tries");
  }

  private void insertLockRow(String insertSql, String key) {
    try {
      sql.update(insertSql, statement -> statement.setString(1, key));
    } catch (SqlFailure failure) {
      // H2's MERGE can lose a race with a concurrent insert of the same key; the row exists then.
      if (statements.dialect != SqlDialect.H2
          || !SqlFailures.isUniqueViolation(failure.getCause())) {
        throw failure;
      }
    }
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    checkUsable();
    return sql.queryOne(
        statements.selectOpenAlert, statement -> statement.setString(1, dedupKey), rows::alert);
  }

  @Override
  public Optional<Alert> findLastResolvedAlert(String dedupKey) {
    checkUsable();
    return sql.queryOne(
        statements.selectLastResolvedAlert,
        statement -> statement.setString(1, dedupKey),
        rows::alert);
  }

  @Override
  public Optional<Instant> findRememberedResolve(String dedupKey) {
    checkUsable();
    return sql.queryOne(
            statements.selectRememberedResolve,
            statement -> statement.setString(1, dedupKey),
            row -> Optional.ofNullable(statements.dialect.readInstant(row, "resolved_at")))
        .flatMap(time -> time);
  }

  @Override
  public void rememberResolve(String dedupKey, Instant resolvedAt) {
    checkUsable();
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    String key = Rows.checkKey("dedup_key", dedupKey);
    insertLockRow(statements.insertKeyLock, key);
    sql.update(
        statements.rememberResolve,
        statement -> {
          statements.dialect.bindInstant(statement, 1, resolvedAt);
          statement.setString(2, key);
          statements.dialect.bindInstant(statement, 3, resolvedAt);
        });
  }

  @Override
  public void insertAlert(Alert alert) {
    checkUsable();
    int inserted =
        writeUnique(
            "alert " + alert.id(),
            statements.insertAlert,
            statement -> {
              statement.setString(1, Rows.checkKey("id", alert.id()));
              rows.bindAlertFields(statement, 2, alert);
            });
    if (inserted == 0) {
      throw conflict("alert " + alert.id());
    }
  }

  @Override
  public void updateAlert(Alert alert) {
    checkUsable();
    String description = "alert " + alert.id();
    SqlRunner.Binder binder =
        statement -> {
          int next = rows.bindAlertFields(statement, 1, alert);
          statement.setString(next, alert.id());
        };
    int updated;
    if (alert.status() == AlertStatus.FIRING && statements.dialect == SqlDialect.POSTGRESQL) {
      updated = updateInSavepoint(description, binder);
    } else {
      updated = writeUnique(description, statements.updateAlert, binder);
    }
    if (updated == 0) {
      throw new IllegalStateException("no " + description + " to update");
    }
  }

  /**
   * Runs an update that may reopen an alert inside a savepoint, because a unique violation aborts
   * the whole transaction on PostgreSQL; the caller can go on after the exception.
   */
  private int updateInSavepoint(String description, SqlRunner.Binder binder) {
    Savepoint savepoint = sql.savepoint();
    try {
      int updated = writeUnique(description, statements.updateAlert, binder);
      sql.release(savepoint);
      return updated;
    } catch (IllegalStateException conflict) {
      sql.rollbackTo(savepoint);
      throw conflict;
    }
  }

  @Override
  public Optional<Incident> findOpenIncidentOfGroup(String groupKey) {
    checkUsable();
    String hash = Rows.groupHash(groupKey);
    return sql.queryOne(
        statements.lockOpenIncidentOfGroup,
        statement -> statement.setString(1, hash),
        rows::incident);
  }

  @Override
  public void insertIncident(Incident incident) {
    checkUsable();
    int inserted =
        writeUnique(
            "incident " + incident.id(),
            statements.insertIncident,
            statement -> {
              statement.setString(1, Rows.checkKey("id", incident.id()));
              rows.bindIncidentFields(statement, 2, incident);
            });
    if (inserted == 0) {
      throw conflict("incident " + incident.id());
    }
  }

  @Override
  public Incident lockIncident(String incidentId) {
    checkUsable();
    return sql.queryOne(
            statements.lockIncident,
            statement -> statement.setString(1, incidentId),
            rows::incident)
        .orElseThrow(() -> new IllegalStateException("no incident " + incidentId));
  }

  @Override
  public void updateIncident(Incident incident) {
    checkUsable();
    int updated =
        writeUnique(
            "incident " + incident.id(),
            statements.updateIncident,
            statement -> {
              int next = rows.bindIncidentFields(statement, 1, incident);
              statement.setString(next, incident.id());
            });
    if (updated == 0) {
      throw new IllegalStateException("no incident " + incident.id() + " to update");
    }
  }

  @Override
  public long countOpenAlerts(String incidentId) {
    checkUsable();
    return sql.queryOne(
            statements.countOpenAlerts,
            statement -> statement.setString(1, incidentId),
            row -> row.getLong(1))
        .orElse(0L);
  }

  /**
   * Runs an insert or update and turns a unique-key conflict into {@link IllegalStateException}.
   */
  private int writeUnique(String description, String statementSql, SqlRunner.Binder binder) {
    try {
      return sql.update(statementSql, binder);
    } catch (SqlFailure failure) {
      if (SqlFailures.isUniqueViolation(failure.getCause())) {
        throw conflict(description);
      }
      throw failure;
    }
  }

  private static IllegalStateException conflict(String description) {
    return new IllegalStateException(
        description
            + " conflicts with a stored row: its id exists, or its key or group already has an"
            + " open one");
  }

  private void checkUsable() {
    if (!open) {
      throw new IllegalStateException("the unit of work has ended");
    }
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException("a unit of work is usable only on the thread that runs it");
    }
  }
}
