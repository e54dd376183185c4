package io.regen.webhook.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.Severity;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.storekit.EventBuilder;
import io.regen.webhook.storekit.RecordingNotifier;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The documented example: one Redis memory alert fires twice and is resolved by its key. */
class ExampleStoryTest {

  private static final Instant FIRST = Instant.parse("2024-01-15T10:30:05Z");

  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final LifecycleEngine engine =
      new LifecycleEngine(store, notifier, LabelIncidentLinker.defaults(), Duration.ZERO);

  @Test
  void redisAlertFiresUpdatesAndResolves() {
    EventResult created = apply(redisAlert(FIRST));

    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(created.dedupKey()).isEqualTo("redis-memory-alert-001");
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
    assertThat(store.listIncidents(IncidentQuery.all())).hasSize(1);
    Alert alert = store.findAlert(created.alertId()).orElseThrow();
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.labels())
        .containsEntry("service", "redis")
        .containsEntry("environment", "production")
        .containsEntry("region", "us-east-1");
    assertThat(alert.startedAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));

    EventResult updated = apply(redisAlert(FIRST.plusSeconds(60)));

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.alertId()).isEqualTo(created.alertId());
    assertThat(store.findAlert(created.alertId()).orElseThrow().eventCount()).isEqualTo(2);

    EventResult resolved =
        apply(
            EventBuilder.resolve("redis-memory-alert-001")
                .title("Redis memory usage above 90%")
                .build(0, FIRST.plusSeconds(120)));

    assertThat(resolved.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(resolved.incidentId()).isEqualTo(created.incidentId());
    assertThat(store.findIncident(created.incidentId()).orElseThrow().state())
        .isEqualTo(IncidentState.RESOLUTION_PENDING);
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, created.incidentId())).isEqualTo(1);
    assertThat(notifier.notices()).filteredOn(n -> n.kind() == Kind.INCIDENT_FLAGGED).hasSize(1);
  }

  private EventResult apply(AlertEvent event) {
    return engine.apply(List.of(event)).get(0);
  }

  private static AlertEvent redisAlert(Instant receivedAt) {
    return EventBuilder.fire("redis-memory-alert-001", "Redis memory usage above 90%")
        .description("Redis instance redis-primary is using 91.2% of available memory.")
        .severity(Severity.CRITICAL)
        .source("my-monitoring-script")
        .labels(Map.of("service", "redis", "environment", "production", "region", "us-east-1"))
        .annotations(
            "{\"runbook\":\"https://wiki.example.com/runbooks/redis-memory\","
                + "\"dashboard\":\"https://grafana.example.com/d/redis\"}")
        .startedAt(Instant.parse("2024-01-15T10:30:00Z"))
        .build(0, receivedAt);
  }
}
