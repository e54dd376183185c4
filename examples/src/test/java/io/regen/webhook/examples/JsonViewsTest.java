package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Severity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonViewsTest {

  private final ObjectMapper mapper = new ObjectMapper();
  private final JsonViews views = new JsonViews(mapper);

  @Test
  void alertUsesWireNamesAndUtc() throws Exception {
    Alert alert =
        new Alert(
            "a-1",
            "redis-memory-alert-001",
            "redis-memory-alert-001",
            "Redis memory usage above 90%",
            "Using 91.2%",
            Severity.CRITICAL,
            AlertStatus.RESOLVED,
            "my-monitoring-script",
            Map.of("service", "redis", "replicas", "3"),
            "{\"runbook\":\"https://wiki.example/r\",\"steps\":[1,2]}",
            Instant.parse("2024-01-15T10:30:00Z"),
            Instant.parse("2024-01-15T10:35:00.250Z"),
            Instant.parse("2024-01-15T10:40:00Z"),
            3,
            1,
            "i-1");

    JsonNode json = mapper.readTree(views.toBytes(views.alert(alert)));

    assertThat(json.get("id").asText()).isEqualTo("a-1");
    assertThat(json.get("dedup_key").asText()).isEqualTo("redis-memory-alert-001");
    assertThat(json.get("external_id").asText()).isEqualTo("redis-memory-alert-001");
    assertThat(json.get("title").asText()).isEqualTo("Redis memory usage above 90%");
    assertThat(json.get("description").asText()).isEqualTo("Using 91.2%");
    assertThat(json.get("severity").asText()).isEqualTo("critical");
    assertThat(json.get("status").asText()).isEqualTo("resolved");
    assertThat(json.get("source").asText()).isEqualTo("my-monitoring-script");
    assertThat(json.get("labels").get("service").asText()).isEqualTo("redis");
    assertThat(json.get("labels").get("replicas").isTextual()).isTrue();
    assertThat(json.get("annotations").isObject()).isTrue();
    assertThat(json.get("annotations").get("runbook").asText()).isEqualTo("https://wiki.example/r");
    assertThat(json.get("annotations").get("steps").get(1).asInt()).isEqualTo(2);
    assertThat(json.get("started_at").asText()).isEqualTo("2024-01-15T10:30:00Z");
    assertThat(json.get("last_event_at").asText()).isEqualTo("2024-01-15T10:35:00.250Z");
    assertThat(json.get("resolved_at").asText()).isEqualTo("2024-01-15T10:40:00Z");
    assertThat(json.get("event_count").asLong()).isEqualTo(3);
    assertThat(json.get("reopen_count").asInt()).isEqualTo(1);
    assertThat(json.get("incident_id").asText()).isEqualTo("i-1");
  }

  @Test
  void alertWritesAbsentFieldsAsNull() throws Exception {
    Alert alert =
        new Alert(
            "a-2",
            null,
            null,
            "Disk full",
            null,
            Severity.WARNING,
            AlertStatus.FIRING,
            null,
            Map.of(),
            "{}",
            Instant.parse("2024-01-15T10:30:00Z"),
            Instant.parse("2024-01-15T10:30:00Z"),
            null,
            1,
            0,
            "i-2");

    JsonNode json = mapper.readTree(views.toBytes(views.alert(alert)));

    for (String field : List.of("dedup_key", "external_id", "description", "source")) {
      assertThat(json.get(field).isNull()).as(field).isTrue();
    }
    assertThat(json.get("resolved_at").isNull()).isTrue();
    assertThat(json.get("labels").size()).isZero();
    assertThat(json.get("annotations").isObject()).isTrue();
    assertThat(json.get("status").asText()).isEqualTo("firing");
  }

  @Test
  void incidentListsStateAndAlertIds() throws Exception {
    Incident incident =
        new Incident(
            "i-1",
            "source=x",
            IncidentState.RESOLUTION_PENDING,
            Instant.parse("2024-01-15T10:30:00Z"),
            Instant.parse("2024-01-15T11:00:00Z"),
            null);

    JsonNode json = mapper.readTree(views.toBytes(views.incident(incident, List.of("a-1", "a-2"))));

    assertThat(json.get("id").asText()).isEqualTo("i-1");
    assertThat(json.get("group_key").asText()).isEqualTo("source=x");
    assertThat(json.get("state").asText()).isEqualTo("resolution_pending");
    assertThat(json.get("created_at").asText()).isEqualTo("2024-01-15T10:30:00Z");
    assertThat(json.get("flagged_at").asText()).isEqualTo("2024-01-15T11:00:00Z");
    assertThat(json.get("resolved_at").isNull()).isTrue();
    assertThat(json.get("alert_ids")).hasSize(2);
    assertThat(json.get("alert_ids").get(0).asText()).isEqualTo("a-1");
    assertThat(json.get("alert_ids").get(1).asText()).isEqualTo("a-2");
  }
}
