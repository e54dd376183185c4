package io.regen.webhook.storekit;

import static io.regen.webhook.storekit.EventBuilder.fire;
import static io.regen.webhook.storekit.EventBuilder.fireWithoutKey;
import static io.regen.webhook.storekit.EventBuilder.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.Severity;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreTransaction;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import io.regen.webhook.storekit.RecordingNotifier.Notice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Example-based contract of an {@link AlertStore}: one test per lifecycle rule, driven through the
 * {@link LifecycleEngine} with the default {@link LabelIncidentLinker} and fixed times of receipt.
 *
 * <p>To check a store, extend this class and return a new, empty store from {@link #createStore()};
 * override {@link #releaseStore} to close it. Each test creates its own store.
 *
 * <pre>{@code
 * class MyStoreContractTest extends AlertStoreContract {
 *   @Override
 *   protected AlertStore createStore() {
 *     return new MyStore(freshEmptyDatabase());
 *   }
 * }
 * }</pre>
 */
public abstract class AlertStoreContract {

  /** The time of receipt of the first request of every test. */
  protected static final Instant T0 = Instant.parse("2026-01-15T10:30:00Z");

  private static final Map<String, String> REDIS_PRODUCTION =
      Map.of("service", "redis", "environment", "production", "region", "us-east-1");

  private AlertStore store;
  private RecordingNotifier notifier;

  /** Returns a new store that contains no alerts, incidents or remembered resolves. */
  protected abstract AlertStore createStore();

  /** Releases a store made by {@link #createStore()}; does nothing by default. */
  protected void releaseStore(AlertStore store) {}

  /** Creates this test's store. */
  @BeforeEach
  public void createStoreForTest() {
    store = createStore();
    notifier = new RecordingNotifier();
  }

  /** Releases this test's store. */
  @AfterEach
  public void releaseStoreOfTest() {
    releaseStore(store);
  }

  @Test
  public void firingCreatesAlertWithDefaults() {
    EventResult result =
        send(at(0), fire("disk-1", "Disk full").source("node-exporter").labels(Map.of())).get(0);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(result.dedupKey()).isEqualTo("disk-1");
    Alert alert = alert(result.alertId());
    assertThat(alert.dedupKey()).isEqualTo("disk-1");
    assertThat(alert.externalId()).isEqualTo("disk-1");
    assertThat(alert.title()).isEqualTo("Disk full");
    assertThat(alert.description()).isNull();
    assertThat(alert.severity()).isEqualTo(Severity.WARNING);
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.source()).isEqualTo("node-exporter");
    assertThat(alert.labels()).isEmpty();
    assertThat(alert.annotationsJson()).isEqualTo("{}");
    assertThat(alert.startedAt()).isEqualTo(at(0));
    assertThat(alert.lastEventAt()).isEqualTo(at(0));
    assertThat(alert.resolvedAt()).isNull();
    assertThat(alert.eventCount()).isEqualTo(1);
    assertThat(alert.reopenCount()).isZero();
    assertThat(alert.incidentId()).isEqualTo(result.incidentId());
    assertThat(incident(result.incidentId()).state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident(result.incidentId()).createdAt()).isEqualTo(at(0));
    assertThat(kinds()).containsExactly(Kind.ALERT_CREATED);
  }

  @Test
  public void firingKeepsGivenFields() {
    EventResult result =
        send(
                at(5),
                fire("cpu", "CPU high")
                    .description("above 95%")
                    .severity(Severity.CRITICAL)
                    .annotations("{\"runbook\":\"https://runbooks.example/cpu\"}")
                    .startedAt(at(1)))
            .get(0);

    Alert alert = alert(result.alertId());
    assertThat(alert.description()).isEqualTo("above 95%");
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.annotationsJson()).isEqualTo("{\"runbook\":\"https://runbooks.example/cpu\"}");
    assertThat(alert.startedAt()).isEqualTo(at(1));
    assertThat(alert.lastEventAt()).isEqualTo(at(5));
  }

  @Test
  public void updateReplacesPresentFieldsOnly() {
    EventResult created =
        send(
                at(0),
                fire("cpu", "CPU high")
                    .description("above 90%")
                    .severity(Severity.CRITICAL)
                    .source("agent")
                    .labels(Map.of("service", "api", "zone", "a"))
                    .annotations("{\"runbook\":\"r1\"}"))
            .get(0);

    EventResult updated =
        send(at(2), fire("cpu", "CPU very high").labels(Map.of("service", "api")).startedAt(at(1)))
            .get(0);

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.alertId()).isEqualTo(created.alertId());
    assertThat(updated.incidentId()).isEqualTo(created.incidentId());
    Alert alert = alert(created.alertId());
    assertThat(alert.title()).isEqualTo("CPU very high");
    assertThat(alert.description()).isEqualTo("above 90%");
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(alert.source()).isEqualTo("agent");
    assertThat(alert.labels()).isEqualTo(Map.of("service", "api"));
    assertThat(alert.annotationsJson()).isEqualTo("{\"runbook\":\"r1\"}");
    assertThat(alert.startedAt()).isEqualTo(at(0));
    assertThat(alert.lastEventAt()).isEqualTo(at(2));
    assertThat(alert.eventCount()).isEqualTo(2);
    assertThat(kinds()).containsExactly(Kind.ALERT_CREATED, Kind.ALERT_UPDATED);
  }

  @Test
  public void resolveClosesOpenAlert() {
    EventResult created = send(at(0), fire("cpu", "CPU high").severity(Severity.INFO)).get(0);

    EventResult resolved = send(at(3), resolve("cpu").description("back to normal")).get(0);

    assertThat(resolved.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(resolved.alertId()).isEqualTo(created.alertId());
    Alert alert = alert(created.alertId());
    assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alert.resolvedAt()).isEqualTo(at(3));
    assertThat(alert.lastEventAt()).isEqualTo(at(3));
    assertThat(alert.eventCount()).isEqualTo(2);
    assertThat(alert.title()).isEqualTo("CPU high");
    assertThat(alert.description()).isEqualTo("back to normal");
    assertThat(alert.severity()).isEqualTo(Severity.INFO);
    assertThat(store.findOpenAlert("cpu")).isEmpty();
  }

  @Test
  public void unmatchedResolveCreatesNothing() {
    EventResult result = send(at(0), resolve("never-fired")).get(0);

    assertThat(result.outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(result.alertId()).isNull();
    assertThat(result.incidentId()).isNull();
    assertThat(store.listAlerts(AlertQuery.all())).isEmpty();
    assertThat(store.listIncidents(IncidentQuery.all())).isEmpty();
    assertThat(notifier.notices()).isEmpty();
  }

  @Test
  public void rememberedResolveMakesDelayedFiringStale() {
    send(at(10), resolve("net"));

    EventResult delayed = send(at(11), fire("net", "Packet loss").startedAt(at(10))).get(0);
    EventResult newer = send(at(12), fire("net", "Packet loss").startedAt(at(11))).get(0);

    assertThat(delayed.outcome()).isEqualTo(Outcome.STALE);
    assertThat(delayed.alertId()).isNull();
    assertThat(newer.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
  }

  @Test
  public void rememberedResolveKeepsLatestTime() {
    send(at(10), resolve("net"));
    send(at(5), resolve("net"));

    EventResult delayed = send(at(11), fire("net", "Packet loss").startedAt(at(9))).get(0);

    assertThat(delayed.outcome()).isEqualTo(Outcome.STALE);
  }

  @Test
  public void firingWithoutStartedAtIsNeverLate() {
    send(at(10), resolve("net"));

    EventResult result = send(at(10), fire("net", "Packet loss")).get(0);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
  }

  @Test
  public void lateFiringAfterResolvedAlertIsStale() {
    EventResult created = send(at(0), fire("mem", "Memory high").startedAt(at(0))).get(0);
    send(at(5), resolve("mem"));
    notifier.drain();

    EventResult redelivered = send(at(6), fire("mem", "Memory high").startedAt(at(5))).get(0);

    assertThat(redelivered.outcome()).isEqualTo(Outcome.STALE);
    assertThat(redelivered.alertId()).isEqualTo(created.alertId());
    assertThat(redelivered.incidentId()).isEqualTo(created.incidentId());
    Alert alert = alert(created.alertId());
    assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alert.eventCount()).isEqualTo(2);
    assertThat(alert.lastEventAt()).isEqualTo(at(5));
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
    assertThat(notifier.notices()).isEmpty();
  }

  @Test
  public void staleWhileNewerAlertOpen() {
    send(at(0), fire("mem", "Memory high").startedAt(at(0)));
    send(at(5), resolve("mem"));
    EventResult newer = send(at(8), fire("mem", "Memory high")).get(0);

    EventResult redelivered = send(at(9), fire("mem", "Memory high").startedAt(at(0))).get(0);

    assertThat(redelivered.outcome()).isEqualTo(Outcome.STALE);
    assertThat(redelivered.alertId()).isEqualTo(newer.alertId());
    assertThat(alert(newer.alertId()).eventCount()).isEqualTo(1);
    assertThat(alert(newer.alertId()).lastEventAt()).isEqualTo(at(8));
  }

  @Test
  public void firingAfterResolveCreatesNewAlert() {
    EventResult first = send(at(0), fire("mem", "Memory high")).get(0);
    send(at(5), resolve("mem"));

    EventResult second = send(at(6), fire("mem", "Memory high")).get(0);

    assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(second.alertId()).isNotEqualTo(first.alertId());
    assertThat(second.incidentId()).isNotEqualTo(first.incidentId());
    assertThat(alert(first.alertId()).status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alert(second.alertId()).startedAt()).isEqualTo(at(6));
    assertThat(incident(first.incidentId()).state()).isEqualTo(IncidentState.RESOLUTION_PENDING);
  }

  @Test
  public void reopenWindowReopensAlertAndIncident() {
    LifecycleEngine engine = engine(Duration.ofMinutes(10));
    EventResult created = send(engine, at(0), fire("mem", "Memory high")).get(0);
    send(engine, at(5), resolve("mem"));
    notifier.drain();

    EventResult reopened =
        send(engine, at(15), fire("mem", "Memory still high").startedAt(at(14))).get(0);

    assertThat(reopened.outcome()).isEqualTo(Outcome.REOPENED);
    assertThat(reopened.alertId()).isEqualTo(created.alertId());
    assertThat(reopened.incidentId()).isEqualTo(created.incidentId());
    Alert alert = alert(created.alertId());
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.resolvedAt()).isNull();
    assertThat(alert.reopenCount()).isEqualTo(1);
    assertThat(alert.eventCount()).isEqualTo(3);
    assertThat(alert.title()).isEqualTo("Memory still high");
    assertThat(alert.startedAt()).isEqualTo(at(0));
    assertThat(alert.lastEventAt()).isEqualTo(at(15));
    Incident incident = incident(created.incidentId());
    assertThat(incident.state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident.flaggedAt()).isNull();
    assertThat(kinds()).containsExactly(Kind.ALERT_REOPENED, Kind.INCIDENT_ACTIVE_AGAIN);
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
  }

  @Test
  public void reopenedAlertKeepsEarlierEventsLate() {
    LifecycleEngine engine = engine(Duration.ofMinutes(10));
    EventResult created = send(engine, at(0), fire("mem", "Memory high").startedAt(at(0))).get(0);
    send(engine, at(5), resolve("mem"));
    send(engine, at(6), fire("mem", "Memory high"));

    EventResult redelivered =
        send(engine, at(7), fire("mem", "Memory high").severity(Severity.INFO).startedAt(at(4)))
            .get(0);

    assertThat(redelivered.outcome()).isEqualTo(Outcome.STALE);
    assertThat(redelivered.alertId()).isEqualTo(created.alertId());
    Alert alert = alert(created.alertId());
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.severity()).isEqualTo(Severity.WARNING);
    assertThat(alert.eventCount()).isEqualTo(3);
  }

  @Test
  public void reopenWindowEndsAfterItsLength() {
    LifecycleEngine engine = engine(Duration.ofMinutes(10));
    EventResult created = send(engine, at(0), fire("mem", "Memory high")).get(0);
    send(engine, at(5), resolve("mem"));

    EventResult late = send(engine, at(16), fire("mem", "Memory high")).get(0);

    assertThat(late.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(late.alertId()).isNotEqualTo(created.alertId());
    assertThat(alert(created.alertId()).status()).isEqualTo(AlertStatus.RESOLVED);
  }

  @Test
  public void reopenWindowIsOffWhenZero() {
    EventResult created = send(at(0), fire("mem", "Memory high")).get(0);
    send(at(5), resolve("mem"));

    EventResult again = send(at(5), fire("mem", "Memory high")).get(0);

    assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(again.alertId()).isNotEqualTo(created.alertId());
  }

  @Test
  public void reopenWindowSkipsAlertOfClosedIncident() {
    LifecycleEngine engine = engine(Duration.ofMinutes(10));
    EventResult created = send(engine, at(0), fire("mem", "Memory high")).get(0);
    send(engine, at(5), resolve("mem"));
    assertThat(store.resolveIncident(created.incidentId(), at(6))).isTrue();

    EventResult again = send(engine, at(7), fire("mem", "Memory high")).get(0);

    assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(again.alertId()).isNotEqualTo(created.alertId());
    assertThat(again.incidentId()).isNotEqualTo(created.incidentId());
    assertThat(alert(created.alertId()).status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(incident(created.incidentId()).state()).isEqualTo(IncidentState.RESOLVED);
  }

  @Test
  public void lastResolvedTieGoesToGreaterId() {
    LifecycleEngine engine = engine(Duration.ofMinutes(10));
    EventResult first = send(engine, at(0), fire("mem", "Memory high")).get(0);
    send(engine, at(1), resolve("mem"));
    store.resolveIncident(first.incidentId(), at(1));
    EventResult second = send(engine, at(1), fire("mem", "Memory high")).get(0);
    send(engine, at(1), resolve("mem"));
    boolean secondIsLast = second.alertId().compareTo(first.alertId()) > 0;

    EventResult again = send(engine, at(2), fire("mem", "Memory high")).get(0);

    assertThat(second.outcome()).isEqualTo(Outcome.CREATED);
    if (secondIsLast) {
      assertThat(again.outcome()).isEqualTo(Outcome.REOPENED);
      assertThat(again.alertId()).isEqualTo(second.alertId());
    } else {
      assertThat(again.outcome()).isEqualTo(Outcome.CREATED);
      assertThat(again.alertId()).isNotIn(first.alertId(), second.alertId());
    }
  }

  @Test
  public void alertsOfOneGroupShareIncident() {
    List<EventResult> results =
        send(
            at(0),
            fire("a", "A").source("s").labels(Map.of("service", "api", "environment", "prod")),
            fire("b", "B").source("s").labels(Map.of("service", "api", "environment", "prod")),
            fire("c", "C").source("s").labels(Map.of("service", "api", "environment", "dev")),
            fire("d", "D").source("t").labels(Map.of("service", "api", "environment", "prod")),
            fire("e", "E").source("s").labels(Map.of("service", "api")));

    assertThat(results.get(1).incidentId()).isEqualTo(results.get(0).incidentId());
    assertThat(results.get(2).incidentId()).isNotEqualTo(results.get(0).incidentId());
    assertThat(results.get(3).incidentId()).isNotEqualTo(results.get(0).incidentId());
    assertThat(results.get(4).incidentId()).isNotEqualTo(results.get(0).incidentId());
    assertThat(store.listIncidents(IncidentQuery.all())).hasSize(4);
    assertThat(incident(results.get(0).incidentId()).groupKey()).isNotNull();
  }

  @Test
  public void alertWithoutGroupLabelsGetsOwnIncident() {
    List<EventResult> results =
        send(
            at(0),
            fire("a", "A").source("s").labels(Map.of("region", "eu")),
            fire("b", "B").source("s").labels(Map.of("region", "eu")));

    assertThat(results.get(1).incidentId()).isNotEqualTo(results.get(0).incidentId());
    assertThat(incident(results.get(0).incidentId()).groupKey()).isNull();
    assertThat(incident(results.get(1).incidentId()).groupKey()).isNull();
  }

  @Test
  public void incidentFlaggedOnceWhenLastAlertResolves() {
    Map<String, String> labels = Map.of("service", "api");
    List<EventResult> created =
        send(at(0), fire("a", "A").labels(labels), fire("b", "B").labels(labels));
    String incidentId = created.get(0).incidentId();

    send(at(1), resolve("a"));
    assertThat(incident(incidentId).state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, incidentId)).isZero();

    send(at(2), resolve("b"));
    send(at(3), resolve("b"), resolve("a"));

    Incident incident = incident(incidentId);
    assertThat(incident.state()).isEqualTo(IncidentState.RESOLUTION_PENDING);
    assertThat(incident.flaggedAt()).isEqualTo(at(2));
    assertThat(incident.resolvedAt()).isNull();
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, incidentId)).isEqualTo(1);
  }

  @Test
  public void newAlertMakesFlaggedIncidentActive() {
    Map<String, String> labels = Map.of("service", "api");
    String incidentId = send(at(0), fire("a", "A").labels(labels)).get(0).incidentId();
    send(at(1), resolve("a"));

    EventResult joined = send(at(2), fire("b", "B").labels(labels)).get(0);

    assertThat(joined.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(joined.incidentId()).isEqualTo(incidentId);
    Incident incident = incident(incidentId);
    assertThat(incident.state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident.flaggedAt()).isNull();
    assertThat(notifier.count(Kind.INCIDENT_ACTIVE_AGAIN, incidentId)).isEqualTo(1);

    send(at(3), resolve("b"));
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, incidentId)).isEqualTo(2);
  }

  @Test
  public void hostClosedIncidentTakesNoNewAlerts() {
    Map<String, String> labels = Map.of("service", "api");
    String first = send(at(0), fire("a", "A").labels(labels)).get(0).incidentId();
    send(at(1), resolve("a"));

    assertThat(store.resolveIncident(first, at(2))).isTrue();
    assertThat(store.resolveIncident(first, at(3))).isFalse();
    assertThat(store.resolveIncident("no-such-incident", at(3))).isFalse();
    Incident closed = incident(first);
    assertThat(closed.state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(closed.resolvedAt()).isEqualTo(at(2));

    EventResult next = send(at(4), fire("b", "B").labels(labels)).get(0);

    assertThat(next.incidentId()).isNotEqualTo(first);
    assertThat(incident(next.incidentId()).state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident(first).state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(notifier.count(Kind.INCIDENT_ACTIVE_AGAIN, first)).isZero();
  }

  @Test
  public void openAlertStaysInClosedIncident() {
    EventResult created = send(at(0), fire("a", "A").labels(Map.of("service", "api"))).get(0);
    store.resolveIncident(created.incidentId(), at(1));

    EventResult updated = send(at(2), fire("a", "A again")).get(0);
    EventResult resolved = send(at(3), resolve("a")).get(0);

    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(updated.incidentId()).isEqualTo(created.incidentId());
    assertThat(resolved.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(incident(created.incidentId()).state()).isEqualTo(IncidentState.RESOLVED);
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, created.incidentId())).isZero();
  }

  @Test
  public void sameKeyTwiceInOneRequest() {
    List<EventResult> results =
        send(at(0), fire("k", "First"), fire("k", "Second").severity(Severity.CRITICAL));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.UPDATED);
    assertThat(results.get(1).alertId()).isEqualTo(results.get(0).alertId());
    Alert alert = alert(results.get(0).alertId());
    assertThat(alert.eventCount()).isEqualTo(2);
    assertThat(alert.title()).isEqualTo("Second");
    assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
  }

  @Test
  public void fireResolveFireInOneRequest() {
    Map<String, String> labels = Map.of("service", "api");
    List<EventResult> results =
        send(
            at(0),
            fire("k", "First").labels(labels),
            resolve("k"),
            fire("k", "Second").labels(labels));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.RESOLVED, Outcome.CREATED);
    assertThat(results.get(2).alertId()).isNotEqualTo(results.get(0).alertId());
    assertThat(results.get(2).incidentId()).isEqualTo(results.get(0).incidentId());
    assertThat(incident(results.get(0).incidentId()).state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(kinds())
        .containsExactly(
            Kind.ALERT_CREATED,
            Kind.ALERT_RESOLVED,
            Kind.ALERT_CREATED,
            Kind.INCIDENT_FLAGGED,
            Kind.INCIDENT_ACTIVE_AGAIN);
  }

  @Test
  public void keylessFiringAlwaysCreates() {
    List<EventResult> results =
        send(at(0), fireWithoutKey("Backup failed"), fireWithoutKey("Backup failed"));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.CREATED);
    assertThat(results.get(0).dedupKey()).isNull();
    assertThat(results.get(1).alertId()).isNotEqualTo(results.get(0).alertId());
    assertThat(alert(results.get(0).alertId()).dedupKey()).isNull();
    assertThat(store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING))).hasSize(2);
  }

  @Test
  public void keylessResolveIsUnmatched() {
    send(at(0), fireWithoutKey("Backup failed"));

    EventResult result = send(at(1), resolve(null).title("Backup failed")).get(0);

    assertThat(result.outcome()).isEqualTo(Outcome.UNMATCHED);
    assertThat(result.alertId()).isNull();
    assertThat(store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING))).hasSize(1);
  }

  @Test
  public void derivedKeyDeduplicates() {
    EventResult first = send(at(0), fire(null, "Disk full").derivedKey("derived:1")).get(0);

    EventResult second = send(at(1), fire(null, "Disk full").derivedKey("derived:1")).get(0);

    assertThat(second.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(second.alertId()).isEqualTo(first.alertId());
    assertThat(alert(first.alertId()).externalId()).isNull();
    assertThat(store.findOpenAlert("derived:1")).map(Alert::id).contains(first.alertId());
  }

  @Test
  public void failingEngineWorkLeavesNothing() {
    EventResult existing = send(at(0), fire("a", "A").labels(Map.of("service", "api"))).get(0);
    notifier.drain();
    AtomicInteger inserts = new AtomicInteger();
    AlertStore failing =
        new ForwardingAlertStore(
            store,
            transaction ->
                new ForwardingStoreTransaction(transaction) {
                  @Override
                  public void insertAlert(Alert alert) {
                    super.insertAlert(alert);
                    if (inserts.incrementAndGet() == 2) {
                      throw new IllegalStateException("injected failure");
                    }
                  }
                });
    LifecycleEngine engine =
        new LifecycleEngine(failing, notifier, LabelIncidentLinker.defaults(), Duration.ZERO);
    List<AlertEvent> events =
        List.of(
            fire("a", "A changed").build(0, at(1)),
            resolve("gone").build(1, at(1)),
            fire("b", "B").labels(Map.of("service", "api")).build(2, at(1)),
            fire("c", "C").labels(Map.of("service", "db")).build(3, at(1)));

    assertThatThrownBy(() -> engine.apply(events)).hasMessageContaining("injected failure");

    Alert unchanged = alert(existing.alertId());
    assertThat(unchanged.title()).isEqualTo("A");
    assertThat(unchanged.eventCount()).isEqualTo(1);
    assertThat(store.findOpenAlert("b")).isEmpty();
    assertThat(store.findOpenAlert("c")).isEmpty();
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
    assertThat(store.listIncidents(IncidentQuery.all())).hasSize(1);
    assertThat(notifier.notices()).isEmpty();
    EventResult delayed = send(at(2), fire("gone", "Gone").startedAt(at(0))).get(0);
    assertThat(delayed.outcome()).isEqualTo(Outcome.CREATED);
  }

  @Test
  public void failingTransactionLeavesNothing() {
    EventResult existing = send(at(0), fire("a", "A").labels(Map.of("service", "api"))).get(0);
    Alert before = alert(existing.alertId());

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    transaction -> {
                      writeEverything(transaction, before);
                      throw new IllegalStateException("injected failure");
                    }))
        .hasMessage("injected failure");

    assertThat(alert(existing.alertId())).isEqualTo(before);
    assertThat(store.findAlert("new-alert")).isEmpty();
    assertThat(store.findIncident("new-incident")).isEmpty();
    assertThat(incident(existing.incidentId()).state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
    Optional<Instant> remembered =
        store.inTransaction(transaction -> transaction.findRememberedResolve("x"));
    assertThat(remembered).isEmpty();
  }

  private static void writeEverything(StoreTransaction transaction, Alert existing) {
    transaction.lockKeys(List.of("a", "n", "x"));
    transaction.lockGroups(List.of("g"));
    transaction.rememberResolve("x", at(1));
    transaction.insertIncident(
        new Incident("new-incident", "g", IncidentState.ACTIVE, at(1), null, null));
    transaction.insertAlert(
        new Alert(
            "new-alert",
            "n",
            "n",
            "N",
            null,
            Severity.INFO,
            AlertStatus.FIRING,
            null,
            Map.of(),
            "{}",
            at(1),
            at(1),
            null,
            1,
            0,
            "new-incident"));
    transaction.updateAlert(
        new Alert(
            existing.id(),
            existing.dedupKey(),
            existing.externalId(),
            "changed",
            null,
            Severity.INFO,
            AlertStatus.RESOLVED,
            null,
            Map.of(),
            "{}",
            existing.startedAt(),
            at(1),
            at(1),
            2,
            0,
            existing.incidentId()));
    transaction.updateIncident(
        new Incident(
            existing.incidentId(),
            transaction.lockIncident(existing.incidentId()).groupKey(),
            IncidentState.RESOLUTION_PENDING,
            at(0),
            at(1),
            null));
  }

  @Test
  public void openAlertIsUniquePerKey() {
    EventResult existing = send(at(0), fire("a", "A")).get(0);

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    transaction -> {
                      transaction.lockKeys(List.of("a"));
                      transaction.insertAlert(
                          new Alert(
                              "second",
                              "a",
                              "a",
                              "A",
                              null,
                              Severity.INFO,
                              AlertStatus.FIRING,
                              null,
                              Map.of(),
                              "{}",
                              at(1),
                              at(1),
                              null,
                              1,
                              0,
                              existing.incidentId()));
                      return null;
                    }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(store.findAlert("second")).isEmpty();
    assertThat(store.findOpenAlert("a")).map(Alert::id).contains(existing.alertId());
  }

  @Test
  public void notifierRunsAfterCommit() {
    List<String> problems = new ArrayList<>();
    IncidentNotifier checking =
        new IncidentNotifier() {
          @Override
          public void alertCreated(Alert alert) {
            if (!store.findAlert(alert.id()).equals(Optional.of(alert))) {
              problems.add("alert not committed: " + alert.id());
            }
          }

          @Override
          public void incidentFlagged(Incident incident) {
            if (!store.findIncident(incident.id()).equals(Optional.of(incident))) {
              problems.add("incident not committed: " + incident.id());
            }
          }
        };
    LifecycleEngine engine =
        new LifecycleEngine(store, checking, LabelIncidentLinker.defaults(), Duration.ZERO);

    engine.apply(List.of(fire("a", "A").build(0, at(0)), fire("b", "B").build(1, at(0))));
    engine.apply(List.of(resolve("a").build(0, at(1))));

    assertThat(problems).isEmpty();
  }

  @Test
  public void failingNotifierDoesNotFailRequest() {
    notifier.failFromNowOn();
    Map<String, String> labels = Map.of("service", "api");

    List<EventResult> created =
        send(at(0), fire("a", "A").labels(labels), fire("b", "B").labels(labels));
    List<EventResult> resolved = send(at(1), resolve("a"), resolve("b"));

    assertThat(created)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.CREATED);
    assertThat(resolved)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.RESOLVED, Outcome.RESOLVED);
    assertThat(kinds())
        .containsExactly(
            Kind.ALERT_CREATED,
            Kind.ALERT_CREATED,
            Kind.ALERT_RESOLVED,
            Kind.ALERT_RESOLVED,
            Kind.INCIDENT_FLAGGED);
    assertThat(incident(created.get(0).incidentId()).state())
        .isEqualTo(IncidentState.RESOLUTION_PENDING);
  }

  @Test
  public void purgeRememberedResolvesBeforeCutoff() {
    send(at(10), resolve("old"));
    send(at(20), resolve("recent"));

    assertThat(store.purgeRememberedResolves(at(20))).isEqualTo(1);

    assertThat(send(at(21), fire("old", "Old").startedAt(at(5))).get(0).outcome())
        .isEqualTo(Outcome.CREATED);
    assertThat(send(at(21), fire("recent", "Recent").startedAt(at(5))).get(0).outcome())
        .isEqualTo(Outcome.STALE);
    assertThat(store.purgeRememberedResolves(at(20))).isZero();
  }

  @Test
  public void purgeResolvedAlertsKeepsOpenOnes() {
    String old = send(at(0), fire("old", "Old")).get(0).alertId();
    send(at(10), resolve("old"));
    String recent = send(at(0), fire("recent", "Recent")).get(0).alertId();
    send(at(20), resolve("recent"));
    String open = send(at(0), fire("open", "Open")).get(0).alertId();

    assertThat(store.purgeResolvedAlerts(at(20))).isEqualTo(1);
    assertThat(store.findAlert(old)).isEmpty();
    assertThat(store.findAlert(recent)).isPresent();

    assertThat(store.purgeResolvedAlerts(at(1_000))).isEqualTo(1);
    assertThat(store.findAlert(recent)).isEmpty();
    assertThat(store.findAlert(open)).isPresent();
    assertThat(store.findOpenAlert("open")).map(Alert::id).contains(open);
  }

  @Test
  public void purgedResolvedAlertNoLongerMakesEventsLate() {
    send(at(0), fire("k", "K"));
    send(at(10), resolve("k"));
    store.purgeResolvedAlerts(at(11));

    EventResult result = send(at(12), fire("k", "K").startedAt(at(5))).get(0);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
  }

  @Test
  public void listAlertsFiltersAndOrders() {
    Map<String, String> labels = Map.of("service", "api");
    List<EventResult> first =
        send(at(0), fire("a", "A").labels(labels), fire("b", "B").labels(labels));
    EventResult other = send(at(1), fire("c", "C")).get(0);
    send(at(2), resolve("b"));

    assertThat(store.listAlerts(AlertQuery.all()))
        .extracting(Alert::id)
        .containsExactly(first.get(1).alertId(), other.alertId(), first.get(0).alertId());
    assertThat(store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING)))
        .extracting(Alert::id)
        .containsExactly(other.alertId(), first.get(0).alertId());
    assertThat(store.listAlerts(AlertQuery.all().withExternalId("b")))
        .extracting(Alert::id)
        .containsExactly(first.get(1).alertId());
    assertThat(store.listAlerts(AlertQuery.all().withIncidentId(first.get(0).incidentId())))
        .extracting(Alert::id)
        .containsExactly(first.get(1).alertId(), first.get(0).alertId());
    assertThat(store.listAlerts(AlertQuery.all().withLimit(1)))
        .extracting(Alert::id)
        .containsExactly(first.get(1).alertId());
    assertThat(store.listAlerts(AlertQuery.all().withExternalId("missing"))).isEmpty();
  }

  @Test
  public void listAlertsBreaksTiesById() {
    List<EventResult> results = send(at(0), fire("a", "A"), fire("b", "B"), fire("c", "C"));

    List<String> expected = results.stream().map(EventResult::alertId).sorted().toList();
    assertThat(store.listAlerts(AlertQuery.all()))
        .extracting(Alert::id)
        .containsExactlyElementsOf(expected);
  }

  @Test
  public void listIncidentsFiltersAndOrders() {
    String first = send(at(0), fire("a", "A")).get(0).incidentId();
    String second = send(at(1), fire("b", "B")).get(0).incidentId();
    String third = send(at(2), fire("c", "C")).get(0).incidentId();
    send(at(3), resolve("a"));
    store.resolveIncident(third, at(4));

    assertThat(store.listIncidents(IncidentQuery.all()))
        .extracting(Incident::id)
        .containsExactly(third, second, first);
    assertThat(store.listIncidents(IncidentQuery.all().withState(IncidentState.ACTIVE)))
        .extracting(Incident::id)
        .containsExactly(second);
    assertThat(store.listIncidents(IncidentQuery.all().withState(IncidentState.RESOLUTION_PENDING)))
        .extracting(Incident::id)
        .containsExactly(first);
    assertThat(store.listIncidents(IncidentQuery.all().withState(IncidentState.RESOLVED)))
        .extracting(Incident::id)
        .containsExactly(third);
    assertThat(store.listIncidents(new IncidentQuery(Optional.empty(), 2)))
        .extracting(Incident::id)
        .containsExactly(third, second);
  }

  @Test
  public void findMethodsReturnEmptyForUnknownIds() {
    assertThat(store.findAlert("unknown")).isEmpty();
    assertThat(store.findOpenAlert("unknown")).isEmpty();
    assertThat(store.findIncident("unknown")).isEmpty();
  }

  @Test
  public void documentedExampleLifecycle() {
    EventResult created = send(at(0), redisMemoryAlert()).get(0);
    EventResult updated = send(at(1), redisMemoryAlert()).get(0);
    EventResult resolved =
        send(at(2), resolve("redis-memory-alert-001").title("Redis memory usage above 90%")).get(0);

    assertThat(created.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(updated.outcome()).isEqualTo(Outcome.UPDATED);
    assertThat(resolved.outcome()).isEqualTo(Outcome.RESOLVED);
    assertThat(store.listAlerts(AlertQuery.all())).hasSize(1);
    assertThat(store.listIncidents(IncidentQuery.all())).hasSize(1);
    assertThat(alert(created.alertId()).eventCount()).isEqualTo(3);
    assertThat(incident(created.incidentId()).state()).isEqualTo(IncidentState.RESOLUTION_PENDING);
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, created.incidentId())).isEqualTo(1);
  }

  private static EventBuilder redisMemoryAlert() {
    return fire("redis-memory-alert-001", "Redis memory usage above 90%")
        .description("Redis instance redis-primary is using 91.2% of available memory.")
        .severity(Severity.CRITICAL)
        .source("my-monitoring-script")
        .labels(REDIS_PRODUCTION)
        .startedAt(T0.minus(Duration.ofMinutes(1)));
  }

  /** Returns the time {@code minutes} after {@link #T0}. */
  protected static Instant at(int minutes) {
    return T0.plus(Duration.ofMinutes(minutes));
  }

  private LifecycleEngine engine(Duration reopenWindow) {
    return new LifecycleEngine(store, notifier, LabelIncidentLinker.defaults(), reopenWindow);
  }

  private List<EventResult> send(Instant receivedAt, EventBuilder... events) {
    return send(engine(Duration.ZERO), receivedAt, events);
  }

  private static List<EventResult> send(
      LifecycleEngine engine, Instant receivedAt, EventBuilder... events) {
    List<AlertEvent> built = new ArrayList<>();
    for (int i = 0; i < events.length; i++) {
      built.add(events[i].build(i, receivedAt));
    }
    return engine.apply(built);
  }

  private Alert alert(String id) {
    return store.findAlert(id).orElseThrow(() -> new AssertionError("alert not found: " + id));
  }

  private Incident incident(String id) {
    return store
        .findIncident(id)
        .orElseThrow(() -> new AssertionError("incident not found: " + id));
  }

  private List<Kind> kinds() {
    return notifier.notices().stream().map(Notice::kind).toList();
  }
}
