package io.regen.webhook.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Severity;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts alerts and incidents to statement parameters and back. Labels are stored as a JSON
 * object with sorted keys; annotations as the JSON text the alert carries, verbatim.
 */
final class Rows {

  /**
   * Maximum length in code points of the identifier, key, {@code external_id} and {@code source}
   * columns; longer values are rejected before they reach the database.
   */
  static final int MAX_KEY_LENGTH = 255;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private final SqlDialect dialect;

  Rows(SqlDialect dialect) {
    this.dialect = dialect;
  }

  /**
   * Binds every alert column but {@code id}, in the order of {@link Statements#ALERT_COLUMNS}, from
   * parameter {@code first} on; returns the next free parameter index.
   */
  int bindAlertFields(PreparedStatement statement, int first, Alert alert) throws SQLException {
    int i = first;
    statement.setString(i++, checkKey("dedup_key", alert.dedupKey()));
    statement.setString(i++, checkKey("external_id", alert.externalId()));
    statement.setString(i++, alert.title());
    statement.setString(i++, alert.description());
    statement.setString(i++, alert.severity().wireName());
    statement.setString(i++, alert.status().wireName());
    statement.setString(i++, checkKey("source", alert.source()));
    statement.setString(i++, labelsJson(alert.labels()));
    statement.setString(i++, alert.annotationsJson());
    dialect.bindInstant(statement, i++, alert.startedAt());
    dialect.bindInstant(statement, i++, alert.lastEventAt());
    dialect.bindInstant(statement, i++, alert.resolvedAt());
    statement.setLong(i++, alert.eventCount());
    statement.setInt(i++, alert.reopenCount());
    statement.setString(i++, checkKey("incident_id", alert.incidentId()));
    return i;
  }

  Alert alert(ResultSet row) throws SQLException {
    return new Alert(
        row.getString("id"),
        row.getString("dedup_key"),
        row.getString("external_id"),
        row.getString("title"),
        row.getString("description"),
        Severity.valueOf(row.getString("severity").toUpperCase(Locale.ROOT)),
        AlertStatus.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
        row.getString("source"),
        labels(row.getString("labels")),
        row.getString("annotations"),
        dialect.readInstant(row, "started_at"),
        dialect.readInstant(row, "last_event_at"),
        dialect.readInstant(row, "resolved_at"),
        row.getLong("event_count"),
        row.getInt("reopen_count"),
        row.getString("incident_id"));
  }

  /**
   * Binds every incident column but {@code id}, in the order of {@link
   * Statements#INCIDENT_COLUMNS}, from parameter {@code first} on; returns the next free index.
   */
  int bindIncidentFields(PreparedStatement statement, int first, Incident incident)
      throws SQLException {
    int i = first;
    if (incident.groupKey() == null) {
      statement.setNull(i++, Types.VARCHAR);
      statement.setNull(i++, Types.CHAR);
    } else {
      statement.setString(i++, incident.groupKey());
      statement.setString(i++, groupHash(incident.groupKey()));
    }
    statement.setString(i++, incident.state().wireName());
    dialect.bindInstant(statement, i++, incident.createdAt());
    dialect.bindInstant(statement, i++, incident.flaggedAt());
    dialect.bindInstant(statement, i++, incident.resolvedAt());
    return i;
  }

  Incident incident(ResultSet row) throws SQLException {
    return new Incident(
        row.getString("id"),
        row.getString("group_key"),
        IncidentState.valueOf(row.getString("state").toUpperCase(Locale.ROOT)),
        dialect.readInstant(row, "created_at"),
        dialect.readInstant(row, "flagged_at"),
        dialect.readInstant(row, "resolved_at"));
  }

  /**
   * Returns the alert as the database will return it once written: instants truncated to whole
   * microseconds.
   *
   * @throws IllegalArgumentException if a key column is too long or an instant is out of range, as
   *     {@link #bindAlertFields} would
   */
  static Alert stored(Alert alert) {
    checkKey("id", alert.id());
    checkKey("dedup_key", alert.dedupKey());
    checkKey("external_id", alert.externalId());
    checkKey("source", alert.source());
    checkKey("incident_id", alert.incidentId());
    return new Alert(
        alert.id(),
        alert.dedupKey(),
        alert.externalId(),
        alert.title(),
        alert.description(),
        alert.severity(),
        alert.status(),
        alert.source(),
        alert.labels(),
        alert.annotationsJson(),
        Instants.stored(alert.startedAt()),
        Instants.stored(alert.lastEventAt()),
        storedOrNull(alert.resolvedAt()),
        alert.eventCount(),
        alert.reopenCount(),
        alert.incidentId());
  }

  /**
   * Returns the incident as the database will return it once written: instants truncated to whole
   * microseconds.
   *
   * @throws IllegalArgumentException if the id is too long or an instant is out of range
   */
  static Incident stored(Incident incident) {
    checkKey("id", incident.id());
    return new Incident(
        incident.id(),
        incident.groupKey(),
        incident.state(),
        Instants.stored(incident.createdAt()),
        storedOrNull(incident.flaggedAt()),
        storedOrNull(incident.resolvedAt()));
  }

  private static Instant storedOrNull(Instant instant) {
    return instant == null ? null : Instants.stored(instant);
  }

  /**
   * Returns the value when it fits a key column.
   *
   * @throws IllegalArgumentException if it has more than {@link #MAX_KEY_LENGTH} code points
   */
  static String checkKey(String column, String value) {
    if (value != null && value.codePointCount(0, value.length()) > MAX_KEY_LENGTH) {
      throw new IllegalArgumentException(
          column
              + " has "
              + value.codePointCount(0, value.length())
              + " code points; the JDBC store keeps at most "
              + MAX_KEY_LENGTH);
    }
    return value;
  }

  /** Returns the SHA-256 of the group key's UTF-8 bytes in lower-case hex. */
  static String groupHash(String groupKey) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(groupKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  static String labelsJson(Map<String, String> labels) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(labels));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("labels cannot be written as JSON", e);
    }
  }

  static Map<String, String> labels(String json) {
    try {
      return JSON.readValue(json, LABELS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored labels are not a JSON object of strings", e);
    }
  }
}
