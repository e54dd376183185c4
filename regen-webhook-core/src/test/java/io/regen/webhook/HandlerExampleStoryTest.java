package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.storekit.RecordingNotifier;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * The documented example, end to end through the public handler with the real engine and the
 * in-memory store: a signed alert is created, re-sent, then resolved by its {@code external_id}.
 */
class HandlerExampleStoryTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "your-webhook-secret";

  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final WebhookHandler handler =
      WebhookHandler.builder(
              WebhookConfig.builder()
                  .addSecret(SECRET)
                  .clock(Clock.fixed(Instant.parse("2024-01-15T10:31:00Z"), ZoneOffset.UTC))
                  .build())
          .store(store)
          .notifier(notifier)
          .build();

  @Test
  void exampleAlertCreatesUpdatesResolves() throws IOException {
    JsonNode created = post("example-alert.json", 202);

    assertThat(created.path("outcome").asText()).isEqualTo("created");
    assertThat(created.path("dedup_key").asText()).isEqualTo("redis-memory-alert-001");
    assertThat(created.path("external_id").asText()).isEqualTo("redis-memory-alert-001");
    String alertId = created.path("alert_id").asText();
    String incidentId = created.path("incident_id").asText();
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
    assertThat(store.listIncidents(IncidentQuery.all())).hasSize(1);

    JsonNode updated = post("example-alert.json", 202);

    assertThat(updated.path("outcome").asText()).isEqualTo("updated");
    assertThat(updated.path("alert_id").asText()).isEqualTo(alertId);
    assertThat(store.findAlert(alertId).orElseThrow().eventCount()).isEqualTo(2);

    JsonNode resolved = post("example-resolve.json", 202);

    assertThat(resolved.path("outcome").asText()).isEqualTo("resolved");
    assertThat(resolved.path("alert_id").asText()).isEqualTo(alertId);
    assertThat(resolved.path("incident_id").asText()).isEqualTo(incidentId);
    assertThat(store.findAlert(alertId).orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(store.findIncident(incidentId).orElseThrow().state())
        .isEqualTo(IncidentState.RESOLUTION_PENDING);
    assertThat(notifier.notices())
        .filteredOn(notice -> notice.kind() == Kind.INCIDENT_FLAGGED)
        .extracting(RecordingNotifier.Notice::id)
        .containsExactly(incidentId);
  }

  @Test
  void exampleResolveAloneIsUnmatched() throws IOException {
    JsonNode unmatched = post("example-resolve.json", 202);

    assertThat(unmatched.path("outcome").asText()).isEqualTo("unmatched");
    assertThat(unmatched.has("alert_id")).isFalse();
    assertThat(store.listAlerts(AlertQuery.all())).isEmpty();
    assertThat(store.listIncidents(IncidentQuery.all())).isEmpty();
  }

  @Test
  void unsignedExampleAlertIsRejected() throws IOException {
    WebhookResponse response = handler.handle(Requests.post(payload("example-alert.json")).build());

    assertThat(response.status()).isEqualTo(401);
    assertThat(store.listAlerts(AlertQuery.all())).isEmpty();
  }

  private JsonNode post(String payloadName, int expectedStatus) throws IOException {
    String body = payload(payloadName);
    WebhookResponse response = handler.handle(Requests.post(body).signedWith(SECRET).build());

    assertThat(response.status()).as(response.bodyText()).isEqualTo(expectedStatus);
    JsonNode results = JSON.readTree(response.body()).path("results");
    assertThat(results.size()).isEqualTo(1);
    return results.get(0);
  }

  private static String payload(String name) throws IOException {
    try (InputStream in = HandlerExampleStoryTest.class.getResourceAsStream("/payloads/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
