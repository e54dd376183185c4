package io.regen.webhook.storekit;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreUnavailableException;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrency contract of an {@link AlertStore}: real threads send requests with overlapping keys
 * and shared incidents through one {@link LifecycleEngine}, firing and resolving in a race, then
 * all resolving every key at once, and the final state is checked against invariants: at most one
 * open alert per key, no lost update (each alert's event count equals the events applied to it),
 * each incident flagged once per episode, and incident states consistent with their alerts.
 *
 * <p>To check a store, extend this class and return a new, empty store from {@link #createStore()};
 * override {@link #releaseStore} to close it, and {@link #threads()} or {@link
 * #requestsPerThread()} to change the load. A store may fail a request with {@link
 * StoreUnavailableException} under contention, which the test counts as not applied, but at least
 * half of the requests must succeed.
 */
public abstract class AlertStoreConcurrencyContract {

  private static final Instant START = Instant.parse("2026-05-01T08:00:00Z");
  private static final Set<Outcome> COUNTED =
      EnumSet.of(Outcome.CREATED, Outcome.UPDATED, Outcome.RESOLVED, Outcome.REOPENED);

  private AlertStore store;
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final AtomicLong clock = new AtomicLong();

  /** Returns a new store that contains no alerts, incidents or remembered resolves. */
  protected abstract AlertStore createStore();

  /** Releases a store made by {@link #createStore()}; does nothing by default. */
  protected void releaseStore(AlertStore store) {}

  /** Returns the number of threads that send requests at once; 8 by default. */
  protected int threads() {
    return 8;
  }

  /** Returns the number of requests each thread sends; 40 by default. */
  protected int requestsPerThread() {
    return 40;
  }

  /** Creates this test's store. */
  @BeforeEach
  public void createStoreForTest() {
    store = createStore();
  }

  /** Releases this test's store. */
  @AfterEach
  public void releaseStoreOfTest() {
    releaseStore(store);
  }

  @Test
  public void racingRequestsKeepInvariants() throws Exception {
    checkRace(Duration.ZERO, 1);
  }

  @Test
  public void racingRequestsWithReopenWindowKeepInvariants() throws Exception {
    checkRace(Duration.ofSeconds(30), 2);
  }

  @Test
  public void lastTwoAlertsResolvingAtOnceFlagOnce() throws Exception {
    LifecycleEngine engine = engine(Duration.ZERO);
    Map<String, String> labels = Map.of("service", "checkout");
    String incidentId = null;
    int rounds = 30;
    for (int round = 0; round < rounds; round++) {
      Instant firedAt = tick();
      List<EventResult> created =
          engine.apply(
              List.of(
                  EventBuilder.fire("left", "Left").labels(labels).build(0, firedAt),
                  EventBuilder.fire("right", "Right").labels(labels).build(1, firedAt)));
      incidentId = created.get(0).incidentId();
      assertThat(created.get(1).incidentId()).isEqualTo(incidentId);

      CyclicBarrier barrier = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        List<Future<List<EventResult>>> resolves = new ArrayList<>();
        for (String key : List.of("left", "right")) {
          resolves.add(
              pool.submit(
                  () -> {
                    barrier.await(10, TimeUnit.SECONDS);
                    return engine.apply(List.of(EventBuilder.resolve(key).build(0, tick())));
                  }));
        }
        for (Future<List<EventResult>> resolve : resolves) {
          assertThat(resolve.get(30, TimeUnit.SECONDS).get(0).outcome())
              .isEqualTo(Outcome.RESOLVED);
        }
      } finally {
        pool.shutdownNow();
      }

      assertThat(store.findIncident(incidentId).orElseThrow().state())
          .isEqualTo(IncidentState.RESOLUTION_PENDING);
      assertThat(notifier.count(Kind.INCIDENT_FLAGGED, incidentId)).isEqualTo(round + 1);
    }
    assertThat(notifier.count(Kind.INCIDENT_ACTIVE_AGAIN, incidentId)).isEqualTo(rounds - 1);
    assertThat(store.listIncidents(IncidentQuery.all())).hasSize(1);
  }

  private void checkRace(Duration reopenWindow, long seed) throws Exception {
    LifecycleEngine engine = engine(reopenWindow);
    int threadCount = threads();
    CyclicBarrier barrier = new CyclicBarrier(threadCount);
    CyclicBarrier drain = new CyclicBarrier(threadCount);
    AtomicInteger failedRequests = new AtomicInteger();
    List<EventResult> results = Collections.synchronizedList(new ArrayList<>());
    ExecutorService pool = Executors.newFixedThreadPool(threadCount);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threadCount; t++) {
        Random random = new Random(seed * 1_000 + t);
        workers.add(
            pool.submit(
                () -> {
                  barrier.await(10, TimeUnit.SECONDS);
                  for (int r = 0; r < requestsPerThread(); r++) {
                    apply(engine, randomRequest(random), results, failedRequests);
                  }
                  drain.await(60, TimeUnit.SECONDS);
                  List<Integer> keys = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5));
                  Collections.shuffle(keys, random);
                  for (int key : keys) {
                    AlertEvent event = EventBuilder.resolve("key-" + key).build(0, tick());
                    apply(engine, List.of(event), results, failedRequests);
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(failedRequests.get()).isLessThanOrEqualTo(threadCount * requestsPerThread() / 2);
    for (int key = 0; key < 6; key++) {
      results.addAll(engine.apply(List.of(EventBuilder.resolve("key-" + key).build(0, tick()))));
    }
    List<Alert> alerts = store.listAlerts(AlertQuery.all());
    assertThat(alerts).noneMatch(Alert::isOpen);
    assertThat(alerts).hasSizeLessThan(AlertQuery.MAX_LIMIT);
    checkOneOpenAlertPerKey(alerts);
    checkEventCounts(alerts, results);
    checkIncidents(alerts);
    checkNotificationCounts(results);
  }

  private static void apply(
      LifecycleEngine engine,
      List<AlertEvent> request,
      List<EventResult> results,
      AtomicInteger failedRequests) {
    try {
      results.addAll(engine.apply(request));
    } catch (StoreUnavailableException e) {
      failedRequests.incrementAndGet();
    }
  }

  private List<AlertEvent> randomRequest(Random random) {
    Instant receivedAt = tick();
    int size = 1 + random.nextInt(3);
    List<AlertEvent> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int key = random.nextInt(6);
      EventBuilder event =
          random.nextInt(10) < 6
              ? EventBuilder.fire("key-" + key, "Latency high")
                  .labels(Map.of("service", "service-" + key % 3))
              : EventBuilder.resolve("key-" + key);
      if (random.nextInt(10) == 0) {
        event.startedAt(receivedAt.minusSeconds(random.nextInt(20)));
      }
      events.add(event.build(i, receivedAt));
    }
    return events;
  }

  private static void checkOneOpenAlertPerKey(List<Alert> alerts) {
    Set<String> keys = new HashSet<>();
    for (Alert alert : alerts) {
      if (alert.isOpen()) {
        assertThat(keys.add(alert.dedupKey()))
            .as("only one open alert with key %s", alert.dedupKey())
            .isTrue();
      }
    }
  }

  private static void checkEventCounts(List<Alert> alerts, List<EventResult> results) {
    Map<String, Long> applied = new HashMap<>();
    for (EventResult result : results) {
      if (COUNTED.contains(result.outcome())) {
        applied.merge(result.alertId(), 1L, Long::sum);
      }
    }
    Map<String, Long> stored = new HashMap<>();
    for (Alert alert : alerts) {
      stored.put(alert.id(), alert.eventCount());
    }
    assertThat(stored).isEqualTo(applied);
  }

  private void checkIncidents(List<Alert> alerts) {
    Set<String> withOpenAlerts = new HashSet<>();
    for (Alert alert : alerts) {
      assertThat(store.findIncident(alert.incidentId())).isPresent();
      if (alert.isOpen()) {
        withOpenAlerts.add(alert.incidentId());
      }
    }
    Set<String> openGroups = new HashSet<>();
    for (Incident incident : store.listIncidents(IncidentQuery.all())) {
      String id = incident.id();
      long flags = notifier.count(Kind.INCIDENT_FLAGGED, id);
      long activeAgain = notifier.count(Kind.INCIDENT_ACTIVE_AGAIN, id);
      if (withOpenAlerts.contains(id)) {
        assertThat(incident.state()).as("state of incident %s", id).isEqualTo(IncidentState.ACTIVE);
        assertThat(flags).as("flags of active incident %s", id).isEqualTo(activeAgain);
      } else {
        assertThat(incident.state())
            .as("state of incident %s", id)
            .isEqualTo(IncidentState.RESOLUTION_PENDING);
        assertThat(flags).as("flags of flagged incident %s", id).isEqualTo(activeAgain + 1);
      }
      if (incident.groupKey() != null) {
        assertThat(openGroups.add(incident.groupKey())).as("one open incident per group").isTrue();
      }
    }
  }

  private void checkNotificationCounts(List<EventResult> results) {
    Map<Kind, Outcome> outcomes =
        Map.of(
            Kind.ALERT_CREATED, Outcome.CREATED,
            Kind.ALERT_UPDATED, Outcome.UPDATED,
            Kind.ALERT_RESOLVED, Outcome.RESOLVED,
            Kind.ALERT_REOPENED, Outcome.REOPENED);
    for (Map.Entry<Kind, Outcome> entry : outcomes.entrySet()) {
      long notices = notifier.notices().stream().filter(n -> n.kind() == entry.getKey()).count();
      long events = results.stream().filter(r -> r.outcome() == entry.getValue()).count();
      assertThat(notices).as("%s notifications", entry.getKey()).isEqualTo(events);
    }
    assertThat(store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING)))
        .allSatisfy(alert -> assertThat(store.findOpenAlert(alert.dedupKey())).contains(alert));
  }

  private LifecycleEngine engine(Duration reopenWindow) {
    return new LifecycleEngine(store, notifier, LabelIncidentLinker.defaults(), reopenWindow);
  }

  /** Returns a time of receipt one second after the previous one, from any thread. */
  private Instant tick() {
    return START.plusSeconds(clock.incrementAndGet());
  }
}
