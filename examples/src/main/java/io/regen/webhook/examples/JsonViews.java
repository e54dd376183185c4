package io.regen.webhook.examples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * JSON views of alerts and incidents with the snake_case names of the wire format.
 *
 * <p>Times are RFC 3339 date-times in UTC, such as {@code 2024-01-15T10:30:00Z}, with fractional
 * seconds only when the stored time has them. Absent values are written as JSON {@code null}, so
 * every view has the same fields. Thread-safe.
 */
final class JsonViews {

  private static final DateTimeFormatter RFC_3339_UTC =
      DateTimeFormatter.ISO_INSTANT.withZone(ZoneOffset.UTC);

  private final ObjectMapper mapper;

  JsonViews(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** Returns the view of one alert; its annotations appear as a JSON object, not as text. */
  ObjectNode alert(Alert alert) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", alert.id());
    node.put("dedup_key", alert.dedupKey());
    node.put("external_id", alert.externalId());
    node.put("title", alert.title());
    node.put("description", alert.description());
    node.put("severity", alert.severity().wireName());
    node.put("status", alert.status().wireName());
    node.put("source", alert.source());
    ObjectNode labels = node.putObject("labels");
    new TreeMap<>(alert.labels()).forEach(labels::put);
    node.set("annotations", parseAnnotations(alert));
    node.put("started_at", timestamp(alert.startedAt()));
    node.put("last_event_at", timestamp(alert.lastEventAt()));
    node.put("resolved_at", timestamp(alert.resolvedAt()));
    node.put("event_count", alert.eventCount());
    node.put("reopen_count", alert.reopenCount());
    node.put("incident_id", alert.incidentId());
    return node;
  }

  /** Returns the view of one incident with the identifiers of its alerts. */
  ObjectNode incident(Incident incident, List<String> alertIds) {
    ObjectNode node = mapper.createObjectNode();
    node.put("id", incident.id());
    node.put("group_key", incident.groupKey());
    node.put("state", incident.state().wireName());
    node.put("created_at", timestamp(incident.createdAt()));
    node.put("flagged_at", timestamp(incident.flaggedAt()));
    node.put("resolved_at", timestamp(incident.resolvedAt()));
    ArrayNode ids = node.putArray("alert_ids");
    alertIds.forEach(ids::add);
    return node;
  }

  /** Returns an object with one array field, such as {@code {"alerts": [...]}}. */
  ObjectNode list(String name, List<? extends JsonNode> items) {
    ObjectNode node = mapper.createObjectNode();
    node.putArray(name).addAll(items);
    return node;
  }

  /** Returns an object of string fields in the given order. */
  ObjectNode fields(Map<String, String> values) {
    ObjectNode node = mapper.createObjectNode();
    values.forEach(node::put);
    return node;
  }

  /** Serialises a view to UTF-8 JSON bytes. */
  byte[] toBytes(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("failed to serialise a JSON view", e);
    }
  }

  static String timestamp(Instant instant) {
    return instant == null ? null : RFC_3339_UTC.format(instant);
  }

  private JsonNode parseAnnotations(Alert alert) {
    try {
      return mapper.readTree(alert.annotationsJson());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "stored annotations of alert " + alert.id() + " are not valid JSON", e);
    }
  }
}
