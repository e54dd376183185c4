package io.regen.webhook.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.AlertEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The floor of a JDBC store: one transaction per request that upserts one row per alert with a
 * batched {@code INSERT ... ON CONFLICT (dedup_key) DO UPDATE} into a table shaped like the
 * store's alert table, with labels written as JSON. No locks, incidents or history: a resolve is
 * the same upsert with status {@code resolved}. Thread-safe.
 */
final class FloorUpsert {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;
  private final String upsert;

  /** Creates the table when it is missing. */
  FloorUpsert(DataSource dataSource, String table) throws SQLException {
    this.dataSource = dataSource;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS " + table + " ("
              + "dedup_key VARCHAR(255) NOT NULL PRIMARY KEY, id VARCHAR(255) NOT NULL,"
              + " external_id VARCHAR(255), title TEXT, description TEXT,"
              + " severity VARCHAR(16), status VARCHAR(16) NOT NULL, source VARCHAR(255),"
              + " labels TEXT, annotations TEXT, started_at TIMESTAMP(6) WITH TIME ZONE,"
              + " last_event_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,"
              + " resolved_at TIMESTAMP(6) WITH TIME ZONE, event_count BIGINT NOT NULL)");
    }
    upsert =
        "INSERT INTO " + table + " (dedup_key, id, external_id, title, description, severity,"
            + " status, source, labels, annotations, started_at, last_event_at, resolved_at,"
            + " event_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)"
            + " ON CONFLICT (dedup_key) DO UPDATE SET"
            + " external_id = COALESCE(EXCLUDED.external_id, " + table + ".external_id),"
            + " title = COALESCE(EXCLUDED.title, " + table + ".title),"
            + " description = COALESCE(EXCLUDED.description, " + table + ".description),"
            + " severity = COALESCE(EXCLUDED.severity, " + table + ".severity),"
            + " status = EXCLUDED.status,"
            + " source = COALESCE(EXCLUDED.source, " + table + ".source),"
            + " labels = COALESCE(EXCLUDED.labels, " + table + ".labels),"
            + " annotations = COALESCE(EXCLUDED.annotations, " + table + ".annotations),"
            + " last_event_at = EXCLUDED.last_event_at, resolved_at = EXCLUDED.resolved_at,"
            + " event_count = " + table + ".event_count + 1";
  }

  /** Upserts one row per event in one transaction; returns the number of rows written. */
  int upsert(Iterable<AlertEvent> events) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement statement = connection.prepareStatement(upsert)) {
        for (AlertEvent event : events) {
          bind(statement, event);
          statement.addBatch();
        }
        int rows = statement.executeBatch().length;
        connection.commit();
        return rows;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static void bind(PreparedStatement statement, AlertEvent event) throws SQLException {
    int i = 1;
    statement.setString(i++, event.dedupKey());
    statement.setString(i++, UUID.randomUUID().toString());
    statement.setString(i++, event.externalId());
    statement.setString(i++, event.title());
    statement.setString(i++, event.description());
    statement.setString(i++, event.severity() == null ? null : event.severity().wireName());
    statement.setString(i++, event.status().wireName());
    statement.setString(i++, event.source());
    statement.setString(i++, event.labels() == null ? null : labelsJson(event.labels()));
    statement.setString(i++, event.annotationsJson());
    setInstant(statement, i++, event.startedAt());
    setInstant(statement, i++, event.receivedAt());
    setInstant(statement, i, event.isResolve() ? event.receivedAt() : null);
  }

  private static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setTimestamp(index, Timestamp.from(value));
    }
  }

  private static String labelsJson(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(labels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
