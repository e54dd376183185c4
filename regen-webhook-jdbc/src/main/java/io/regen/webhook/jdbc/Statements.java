package io.regen.webhook.jdbc;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The SQL that the store runs, written once per dialect for one table prefix. Parameters are
 * positional; each field's comment lists them where the order is not obvious.
 */
final class Statements {

  static final String ALERT_COLUMNS =
      "id, dedup_key, external_id, title, description, severity, status, source, labels,"
          + " annotations, started_at, last_event_at, resolved_at, event_count, reopen_count,"
          + " incident_id";

  static final String INCIDENT_COLUMNS =
      "id, group_key, group_hash, state, created_at, flagged_at, resolved_at";

  final SqlDialect dialect;

  final String insertAlert;
  final String updateAlert;
  final String selectAlert;
  final String selectOpenAlert;
  final String selectLastResolvedAlert;
  final String countOpenAlerts;
  final String listAlerts;

  final String insertIncident;
  final String updateIncident;
  final String selectIncident;
  final String lockIncident;
  final String lockOpenIncidentOfGroup;
  final String resolveIncident;
  final String listIncidents;

  /**
   * Inserts of an alert and an incident that fail on any unique-key conflict, for JDBC batches:
   * PostgreSQL's skipped conflicts are not reported once a driver rewrites a batch.
   */
  final String batchInsertAlert;

  final String batchInsertIncident;

  final String insertKeyLock;
  final String insertGroupLock;
  final String selectRememberedResolve;
  final String rememberResolve;

  /** Deletes one batch of remembered resolves: see {@link #batchDeleteRepeatsCondition}. */
  final String purgeRememberedResolves;

  /** Deletes one batch of key lock rows that keep no remembered resolve. */
  final String purgeIdleKeyLocks;

  /** Deletes one batch of resolved alerts: see {@link #batchDeleteRepeatsCondition}. */
  final String purgeResolvedAlerts;

  /**
   * Whether a batched delete takes (cutoff, limit, cutoff) rather than (cutoff, limit). The
   * PostgreSQL form locks a bounded set of rows and skips those that a unit of work holds, so a
   * purge never waits for a request's locks and cannot deadlock with it. It checks the condition
   * again on the rows it deletes.
   */
  final boolean batchDeleteRepeatsCondition;

  /**
   * Maximum number of values in one list statement below. PostgreSQL binds a list as one array;
   * elsewhere each value is a parameter, and longer lists are split into several statements.
   */
  final int maxListSize;

  private final String alert;
  private final String incident;
  private final String keyLock;
  private final String groupLock;
  private final String openGroupIndex;

  Statements(SqlDialect dialect, String prefix) {
    this.dialect = dialect;
    this.alert = prefix + "alert";
    this.incident = prefix + "incident";
    this.keyLock = prefix + "key_lock";
    this.groupLock = prefix + "group_lock";
    this.openGroupIndex = prefix + "incident_open_group_uq";
    boolean postgres = dialect == SqlDialect.POSTGRESQL;
    this.batchDeleteRepeatsCondition = postgres;
    this.maxListSize = postgres ? Integer.MAX_VALUE : 500;

    batchInsertAlert =
        "INSERT INTO "
            + alert
            + " ("
            + ALERT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?)";
    insertAlert = batchInsertAlert + (postgres ? " ON CONFLICT DO NOTHING" : "");
    updateAlert =
        "UPDATE "
            + alert
            + " SET dedup_key = ?, external_id = ?, title = ?, description = ?,"
            + " severity = ?, status = ?, source = ?, labels = ?, annotations = ?,"
            + " started_at = ?, last_event_at = ?, resolved_at = ?, event_count = ?,"
            + " reopen_count = ?, incident_id = ? WHERE id = ?";
    String selectAlerts = "SELECT " + ALERT_COLUMNS + " FROM " + alert;
    selectAlert = selectAlerts + " WHERE id = ?";
    selectOpenAlert =
        selectAlerts
            + (postgres ? " WHERE dedup_key = ? AND status = 'firing'" : " WHERE open_key = ?");
    // Ties on resolved_at go to the greatest id, as StoreTransaction specifies. NOTE: instants are
    // stored truncated to microseconds, so resolves less than a microsecond apart tie here.
    selectLastResolvedAlert =
        selectAlerts
            + " WHERE dedup_key = ? AND status = 'resolved'"
            + " ORDER BY resolved_at DESC, id DESC LIMIT 1";
    countOpenAlerts =
        "SELECT COUNT(*) FROM " + alert + " WHERE incident_id = ? AND status = 'firing'";
    listAlerts = selectAlerts + " WHERE 1 = 1";

    batchInsertIncident =
        "INSERT INTO " + incident + " (" + INCIDENT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)";
    insertIncident = batchInsertIncident + (postgres ? " ON CONFLICT DO NOTHING" : "");
    updateIncident =
        "UPDATE "
            + incident
            + " SET group_key = ?, group_hash = ?, state = ?, created_at = ?,"
            + " flagged_at = ?, resolved_at = ? WHERE id = ?";
    String selectIncidents = "SELECT " + INCIDENT_COLUMNS + " FROM " + incident;
    selectIncident = selectIncidents + " WHERE id = ?";
    lockIncident = selectIncident + " FOR UPDATE";
    lockOpenIncidentOfGroup =
        selectIncidents
            + (postgres
                ? " WHERE group_hash = ? AND state <> 'resolved'"
                : " WHERE open_group_hash = ?")
            + " FOR UPDATE";
    resolveIncident =
        "UPDATE "
            + incident
            + " SET state = 'resolved', resolved_at = ?"
            + " WHERE id = ? AND state <> 'resolved'";
    listIncidents = selectIncidents + " WHERE 1 = 1";

    insertKeyLock = insertIfAbsent(dialect, keyLock, "dedup_key", "VARCHAR(510)");
    insertGroupLock = insertIfAbsent(dialect, groupLock, "group_hash", "CHAR(64)");
    selectRememberedResolve = "SELECT resolved_at FROM " + keyLock + " WHERE dedup_key = ?";
    rememberResolve =
        "UPDATE "
            + keyLock
            + " SET resolved_at = ?"
            + " WHERE dedup_key = ? AND (resolved_at IS NULL OR resolved_at < ?)";

    purgeRememberedResolves = batchDelete(dialect, keyLock, "dedup_key", "resolved_at < ?");
    purgeIdleKeyLocks = batchDelete(dialect, keyLock, "dedup_key", "resolved_at IS NULL");
    purgeResolvedAlerts =
        batchDelete(dialect, alert, "id", "status = 'resolved' AND resolved_at < ?");
  }

  /**
   * Returns PostgreSQL's statement that takes the key lock rows of many keys at once: one row per
   * key in key order, inserted when absent and otherwise locked by an update that changes nothing,
   * as {@code FOR UPDATE} would lock it. It returns each key and its remembered resolve as of the
   * lock. Parameter: the keys, see {@link #bindList}.
   */
  String upsertKeyLocks() {
    return upsertLocks(keyLock, "dedup_key", "dedup_key, resolved_at");
  }

  /** Returns PostgreSQL's statement that takes group lock rows as {@link #upsertKeyLocks} does. */
  String upsertGroupLocks() {
    return upsertLocks(groupLock, "group_hash", "group_hash");
  }

  private static String upsertLocks(String table, String column, String returned) {
    return "INSERT INTO "
        + table
        + " ("
        + column
        + ") SELECT wanted FROM unnest(?) AS wanted ORDER BY wanted"
        + " ON CONFLICT ("
        + column
        + ") DO UPDATE SET "
        + column
        + " = EXCLUDED."
        + column
        + " RETURNING "
        + returned;
  }

  /**
   * Returns a select that locks the key lock rows of {@code count} keys in key order and returns
   * each row's dedup key and remembered resolve. Parameters: the keys, see {@link #bindList}.
   */
  String lockKeyRows(int count) {
    return "SELECT dedup_key, resolved_at FROM "
        + keyLock
        + forcePrimaryKey()
        + " WHERE "
        + anyOf("dedup_key", count)
        + " ORDER BY dedup_key FOR UPDATE";
  }

  /**
   * Returns a select that locks the group lock rows of {@code count} group hashes in hash order.
   * Parameters: the hashes, see {@link #bindList}.
   */
  String lockGroupRows(int count) {
    return "SELECT group_hash FROM "
        + groupLock
        + forcePrimaryKey()
        + " WHERE "
        + anyOf("group_hash", count)
        + " ORDER BY group_hash FOR UPDATE";
  }

  /**
   * Returns a select of the open alert and the last resolved alert of each of {@code count} keys;
   * {@link #bindAlertsOfKeys} binds its parameters.
   *
   * <p>PostgreSQL looks up each key on its own, through the unique index of open alerts and the
   * {@code (dedup_key, resolved_at)} index, whatever the planner estimates for a list of keys. On
   * H2 and MariaDB the last resolved alerts are the rows at the greatest {@code resolved_at} of
   * their key, which that index finds without reading older rows. Rows tied at that instant are all
   * returned, and the caller keeps the greatest id. Only resolved alerts have a {@code
   * resolved_at}, as {@link io.regen.webhook.Alert} requires.
   */
  String selectAlertsOfKeys(int count) {
    String columns = qualified("a", ALERT_COLUMNS);
    if (dialect == SqlDialect.POSTGRESQL) {
      String select = "SELECT " + columns + " FROM " + alert + " a WHERE a.dedup_key = wanted.key";
      return "SELECT found.* FROM unnest(?) AS wanted(key) CROSS JOIN LATERAL (("
          + select
          + " AND a.status = 'firing') UNION ALL ("
          + select
          + " AND a.status = 'resolved' ORDER BY a.resolved_at DESC, a.id DESC LIMIT 1)) AS found";
    }
    return "SELECT "
        + ALERT_COLUMNS
        + " FROM "
        + alert
        + " WHERE "
        + anyOf("open_key", count)
        + " UNION ALL SELECT "
        + columns
        + " FROM "
        + alert
        + " a JOIN (SELECT dedup_key, MAX(resolved_at) AS last_resolved_at FROM "
        + alert
        + " WHERE "
        + anyOf("dedup_key", count)
        + " GROUP BY dedup_key) latest"
        + " ON a.dedup_key = latest.dedup_key AND a.resolved_at = latest.last_resolved_at"
        + " WHERE a.status = 'resolved'";
  }

  /** Binds the keys of {@link #selectAlertsOfKeys}: once on PostgreSQL, twice elsewhere. */
  void bindAlertsOfKeys(PreparedStatement statement, List<String> keys) throws SQLException {
    int next = bindList(statement, 1, keys);
    if (dialect != SqlDialect.POSTGRESQL) {
      bindList(statement, next, keys);
    }
  }

  /**
   * Returns a select that locks the incidents that are not closed of {@code count} group hashes, in
   * hash order. Parameters: the hashes, see {@link #bindList}.
   */
  String lockOpenIncidentsOfGroups(int count) {
    String select = "SELECT " + INCIDENT_COLUMNS + " FROM " + incident;
    if (dialect == SqlDialect.POSTGRESQL) {
      return select
          + " WHERE group_hash = ANY(?) AND state <> 'resolved' ORDER BY group_hash FOR UPDATE";
    }
    String index = dialect == SqlDialect.MARIADB ? " FORCE INDEX (" + openGroupIndex + ")" : "";
    return select
        + index
        + " WHERE "
        + anyOf("open_group_hash", count)
        + " ORDER BY open_group_hash FOR UPDATE";
  }

  /**
   * Binds the values of one list condition from parameter {@code index} on; returns the next free
   * index. PostgreSQL takes one {@code varchar} array; the other dialects one parameter per value.
   */
  int bindList(PreparedStatement statement, int index, List<String> values) throws SQLException {
    if (dialect == SqlDialect.POSTGRESQL) {
      Array array = statement.getConnection().createArrayOf("varchar", values.toArray());
      statement.setArray(index, array);
      return index + 1;
    }
    int next = index;
    for (String value : values) {
      statement.setString(next++, value);
    }
    return next;
  }

  /** Returns a condition that the column equals one of {@code count} values. */
  private String anyOf(String column, int count) {
    if (dialect == SqlDialect.POSTGRESQL) {
      return column + " = ANY(?)";
    }
    StringBuilder condition = new StringBuilder(column).append(" IN (");
    for (int i = 0; i < count; i++) {
      condition.append(i == 0 ? "?" : ", ?");
    }
    return condition.append(')').toString();
  }

  /**
   * Returns MariaDB's hint to read a table through its primary key. A locking select must not scan
   * the whole table, because InnoDB would then wait for every row that another transaction holds,
   * matching or not.
   */
  private String forcePrimaryKey() {
    return dialect == SqlDialect.MARIADB ? " FORCE INDEX (PRIMARY)" : "";
  }

  private static String qualified(String alias, String columns) {
    StringBuilder qualified = new StringBuilder();
    for (String column : columns.split(", ")) {
      qualified.append(qualified.length() == 0 ? "" : ", ").append(alias).append('.');
      qualified.append(column);
    }
    return qualified.toString();
  }

  /**
   * Returns an insert of one key that does nothing when the key exists, also when another
   * transaction inserts it at the same moment. H2's MERGE can still report a duplicate in that
   * race, which the caller ignores.
   */
  private static String insertIfAbsent(
      SqlDialect dialect, String table, String column, String h2Type) {
    switch (dialect) {
      case POSTGRESQL:
        return "INSERT INTO " + table + " (" + column + ") VALUES (?) ON CONFLICT DO NOTHING";
      case MARIADB:
        return "INSERT IGNORE INTO " + table + " (" + column + ") VALUES (?)";
      case H2:
        return "MERGE INTO "
            + table
            + " t USING (VALUES (CAST(? AS "
            + h2Type
            + "))) s (k)"
            + " ON t."
            + column
            + " = s.k WHEN NOT MATCHED THEN INSERT ("
            + column
            + ")"
            + " VALUES (s.k)";
      default:
        throw new AssertionError(dialect);
    }
  }

  private static String batchDelete(
      SqlDialect dialect, String table, String key, String condition) {
    switch (dialect) {
      case POSTGRESQL:
        return "DELETE FROM "
            + table
            + " WHERE "
            + key
            + " IN (SELECT "
            + key
            + " FROM "
            + table
            + " WHERE "
            + condition
            + " LIMIT ? FOR UPDATE SKIP LOCKED) AND "
            + condition;
      case MARIADB:
        return "DELETE FROM " + table + " WHERE " + condition + " LIMIT ?";
      case H2:
        return "DELETE FROM " + table + " WHERE " + condition + " FETCH FIRST ? ROWS ONLY";
      default:
        throw new AssertionError(dialect);
    }
  }
}
