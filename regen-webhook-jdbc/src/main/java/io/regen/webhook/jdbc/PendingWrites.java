package io.regen.webhook.jdbc;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The writes of one unit of work that wait to be sent: at most one per row, with the row's latest
 * version, so that an alert inserted and then updated is sent as one insert of its last version.
 *
 * <p>{@link #send} sends them as up to five JDBC batches: remembered resolves, alert updates, alert
 * inserts, incident updates, incident inserts. This order differs from the order of the calls,
 * which is safe for the following reasons. The tables have no foreign keys, so only each table's
 * unique indexes can see an intermediate state: primary keys, at most one open alert per dedup key
 * and at most one incident that is not closed per group. A write only waits here if the caller
 * checked it against the rows that the unit of work has locked, so the state after all writes
 * satisfies those indexes. Updates run first, and inserts last. Among the updates, those that close
 * a row (an open alert resolved, an incident closed) run first, then those that leave a row open or
 * closed, then those that open a row. After the closing updates, the open rows are a subset of the
 * rows open before. Each later write only adds rows that are open at the end. So every intermediate
 * set of open rows is a subset of a valid state. Primary keys cannot collide in between, because
 * each row has one pending write. Rows that no other transaction may write are the only ones
 * written here, so the order cannot change which locks a write waits for.
 */
final class PendingWrites {

  private final SqlRunner sql;
  private final Statements statements;
  private final Rows rows;
  private final Map<String, Tracked<Alert>> alerts = new LinkedHashMap<>();
  private final Map<String, Tracked<Incident>> incidents = new LinkedHashMap<>();
  private final Map<String, Instant> rememberedResolves = new LinkedHashMap<>();

  PendingWrites(SqlRunner sql, Statements statements, Rows rows) {
    this.sql = sql;
    this.statements = statements;
    this.rows = rows;
  }

  /** Queues a write of the alert's current version. */
  void alert(Tracked<Alert> alert) {
    alerts.put(alert.current.id(), alert);
  }

  /** Queues a write of the incident's current version. */
  void incident(Tracked<Incident> incident) {
    incidents.put(incident.current.id(), incident);
  }

  /** Queues setting the remembered resolve of a locked key, later than the stored one. */
  void rememberResolve(String dedupKey, Instant resolvedAt) {
    rememberedResolves.put(dedupKey, resolvedAt);
  }

  boolean isEmpty() {
    return alerts.isEmpty() && incidents.isEmpty() && rememberedResolves.isEmpty();
  }

  /**
   * Returns how many more open alerts the incident has once the queued writes are sent: the open
   * alerts among their versions minus those among the stored versions.
   */
  long openAlertDelta(String incidentId) {
    long delta = 0;
    for (Tracked<Alert> alert : alerts.values()) {
      if (isOpenIn(alert.current, incidentId)) {
        delta++;
      }
      if (alert.stored != null && isOpenIn(alert.stored, incidentId)) {
        delta--;
      }
    }
    return delta;
  }

  private static boolean isOpenIn(Alert alert, String incidentId) {
    return alert.status() == AlertStatus.FIRING && alert.incidentId().equals(incidentId);
  }

  /**
   * Sends the queued writes in the order the class documentation explains.
   *
   * @throws IllegalStateException if a write conflicts with a stored row (an identifier exists, or
   *     another writer opened a row without holding its lock), or an update finds no row
   * @throws SqlFailure if the database fails otherwise
   */
  void send() {
    if (!rememberedResolves.isEmpty()) {
      sql.batch(
          statements.rememberResolve,
          new ArrayList<>(rememberedResolves.entrySet()),
          (statement, entry) -> {
            statements.dialect.bindInstant(statement, 1, entry.getValue());
            statement.setString(2, entry.getKey());
            statements.dialect.bindInstant(statement, 3, entry.getValue());
          });
    }
    sendAlerts();
    sendIncidents();
    alerts.values().forEach(Tracked::sent);
    incidents.values().forEach(Tracked::sent);
    alerts.clear();
    incidents.clear();
    rememberedResolves.clear();
  }

  private void sendAlerts() {
    send(
        "alert",
        alerts.values(),
        PendingWrites::isOpenAlert,
        Alert::id,
        statements.updateAlert,
        statements.batchInsertAlert,
        rows::bindAlertFields);
  }

  private void sendIncidents() {
    send(
        "incident",
        incidents.values(),
        PendingWrites::isOpenIncident,
        Incident::id,
        statements.updateIncident,
        statements.batchInsertIncident,
        rows::bindIncidentFields);
  }

  /** Binds every column but {@code id} from parameter {@code first} on; returns the next index. */
  @FunctionalInterface
  private interface FieldBinder<T> {
    int bind(PreparedStatement statement, int first, T row) throws SQLException;
  }

  /** Sends one table's pending rows: one batch of updates in safe order, one batch of inserts. */
  private <T> void send(
      String kind,
      Collection<Tracked<T>> pending,
      Predicate<T> isOpen,
      Function<T, String> id,
      String updateSql,
      String insertSql,
      FieldBinder<T> fields) {
    List<T> updates = updatesInSafeOrder(pending, isOpen);
    if (!updates.isEmpty()) {
      int[] counts =
          write(
              kind,
              updateSql,
              updates,
              (statement, row) -> {
                int next = fields.bind(statement, 1, row);
                statement.setString(next, id.apply(row));
              });
      checkUpdated(kind, counts, updates, id);
    }
    List<T> inserts = inserts(pending);
    if (!inserts.isEmpty()) {
      write(
          kind,
          insertSql,
          inserts,
          (statement, row) -> {
            statement.setString(1, id.apply(row));
            fields.bind(statement, 2, row);
          });
    }
  }

  /** Returns whether the alert counts for the unique index of open alerts per dedup key. */
  private static boolean isOpenAlert(Alert alert) {
    return alert.status() == AlertStatus.FIRING && alert.dedupKey() != null;
  }

  /** Returns whether the incident counts for the unique index of not closed incidents per group. */
  private static boolean isOpenIncident(Incident incident) {
    return incident.state() != IncidentState.RESOLVED && incident.groupKey() != null;
  }

  /** Returns the updates that close a row, then those that keep its state, then those opening. */
  private static <T> List<T> updatesInSafeOrder(Iterable<Tracked<T>> pending, Predicate<T> isOpen) {
    List<T> closing = new ArrayList<>();
    List<T> keeping = new ArrayList<>();
    List<T> opening = new ArrayList<>();
    for (Tracked<T> row : pending) {
      if (row.stored == null) {
        continue;
      }
      boolean wasOpen = isOpen.test(row.stored);
      boolean isOpenNow = isOpen.test(row.current);
      if (wasOpen && !isOpenNow) {
        closing.add(row.current);
      } else if (!wasOpen && isOpenNow) {
        opening.add(row.current);
      } else {
        keeping.add(row.current);
      }
    }
    closing.addAll(keeping);
    closing.addAll(opening);
    return closing;
  }

  private static <T> List<T> inserts(Iterable<Tracked<T>> pending) {
    List<T> inserts = new ArrayList<>();
    for (Tracked<T> row : pending) {
      if (row.stored == null) {
        inserts.add(row.current);
      }
    }
    return inserts;
  }

  private <T> int[] write(
      String kind, String statementSql, List<T> items, SqlRunner.ItemBinder<T> binder) {
    try {
      return sql.batch(statementSql, items, binder);
    } catch (SqlFailure failure) {
      if (SqlFailures.isUniqueViolation(failure.getCause())) {
        throw new IllegalStateException(
            "one of "
                + items.size()
                + " "
                + kind
                + " writes conflicts with a stored row: its id exists, or another writer opened"
                + " a row for the same key or group without holding its lock",
            failure.getCause());
      }
      throw failure;
    }
  }

  /**
   * Rejects an update that found no row. A driver may report {@link
   * java.sql.Statement#SUCCESS_NO_INFO} instead of counts (MariaDB Connector/J with {@code
   * useBulkStmts}), and then the update is trusted.
   */
  private static <T> void checkUpdated(
      String kind, int[] counts, List<T> updates, Function<T, String> id) {
    for (int i = 0; i < counts.length && i < updates.size(); i++) {
      if (counts[i] == 0) {
        throw new IllegalStateException(
            "no " + kind + " " + id.apply(updates.get(i)) + " to update");
      }
    }
  }
}
