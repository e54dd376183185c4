package io.regen.webhook.jdbc;

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

  /** Whether an insert reports a unique-key conflict as zero rows rather than an exception. */
  final boolean insertSkipsConflicts;

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

  final String insertKeyLock;
  final String lockKey;
  final String insertGroupLock;
  final String lockGroup;
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
   * PostgreSQL form selects a bounded set of keys and checks the condition again on the rows it
   * deletes, because a row may change while the delete waits for its lock.
   */
  final boolean batchDeleteRepeatsCondition;

  Statements(SqlDialect dialect, String prefix) {
    this.dialect = dialect;
    String alert = prefix + "alert";
    String incident = prefix + "incident";
    String keyLock = prefix + "key_lock";
    String groupLock = prefix + "group_lock";
    boolean postgres = dialect == SqlDialect.POSTGRESQL;
    this.insertSkipsConflicts = postgres;
    this.batchDeleteRepeatsCondition = postgres;

    insertAlert =
        "INSERT INTO "
            + alert
            + " ("
            + ALERT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?)"
            + (postgres ? " ON CONFLICT DO NOTHING" : "");
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

    insertIncident =
        "INSERT INTO "
            + incident
            + " ("
            + INCIDENT_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?)"
            + (postgres ? " ON CONFLICT DO NOTHING" : "");
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
    lockKey = "SELECT dedup_key FROM " + keyLock + " WHERE dedup_key = ? FOR UPDATE";
    insertGroupLock = insertIfAbsent(dialect, groupLock, "group_hash", "CHAR(64)");
    lockGroup = "SELECT group_hash FROM " + groupLock + " WHERE group_hash = ? FOR UPDATE";
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
            + " LIMIT ?) AND "
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
