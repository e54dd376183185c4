package io.regen.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
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
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.spi.IncidentQuery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Several receivers, each with a store on its own connection pool as if on separate machines, apply
 * overlapping fire and resolve traffic to one database from many threads. Afterwards at most one
 * alert per key is open, the event counts add up to the events applied, and every incident was
 * flagged exactly once more than it became active again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MultiReceiverTest {

  private static final int RECEIVERS = 3;
  private static final int THREADS_PER_RECEIVER = 2;
  private static final int REQUESTS_PER_THREAD = 40;
  private static final int KEYS = 12;

  private final StoreFixture fixture;

  MultiReceiverTest(TestDatabase.Kind kind, String prefix) {
    this.fixture = StoreFixture.open(kind, prefix);
  }

  @AfterAll
  void closeDatabase() {
    fixture.close();
  }

  @Test
  void concurrentReceiversKeepInvariants() throws Exception {
    fixture.freshStore();
    CountingNotifier notifier = new CountingNotifier();
    List<HikariDataSource> pools = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(RECEIVERS * THREADS_PER_RECEIVER);
    AtomicLong appliedEvents = new AtomicLong();
    try {
      List<LifecycleEngine> engines = new ArrayList<>();
      for (int r = 0; r < RECEIVERS; r++) {
        HikariDataSource pool = fixture.database().newPool("receiver-" + r, THREADS_PER_RECEIVER);
        pools.add(pool);
        JdbcAlertStore store =
            JdbcAlertStore.builder(pool).tablePrefix(fixture.prefix()).maxAttempts(20).build();
        engines.add(
            new LifecycleEngine(store, notifier, LabelIncidentLinker.defaults(), Duration.ZERO));
      }

      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < RECEIVERS * THREADS_PER_RECEIVER; t++) {
        LifecycleEngine engine = engines.get(t % RECEIVERS);
        Random random = new Random(1_000L + t);
        work.add(threads.submit(() -> sendTraffic(engine, random, appliedEvents)));
      }
      for (Future<?> future : work) {
        future.get(3, TimeUnit.MINUTES);
      }
      List<AlertEvent> resolveAll = new ArrayList<>();
      for (int k = 0; k < KEYS; k++) {
        resolveAll.add(event(resolveAll.size(), k, AlertStatus.RESOLVED, Instant.now()));
      }
      count(engines.get(0).apply(resolveAll), appliedEvents);
    } finally {
      threads.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }

    JdbcAlertStore store = fixture.database().store(fixture.prefix());
    List<Alert> alerts = store.listAlerts(AlertQuery.all());
    assertThat(alerts).hasSizeLessThan(AlertQuery.MAX_LIMIT);
    assertThat(alerts).allMatch(alert -> alert.status() == AlertStatus.RESOLVED);
    assertThat(alerts.stream().mapToLong(Alert::eventCount).sum()).isEqualTo(appliedEvents.get());
    List<Incident> incidents = store.listIncidents(IncidentQuery.all());
    assertThat(incidents).isNotEmpty();
    for (Incident incident : incidents) {
      assertThat(incident.state()).isEqualTo(IncidentState.RESOLUTION_PENDING);
      int flagged = notifier.flagged.getOrDefault(incident.id(), new AtomicInteger()).get();
      int active = notifier.activeAgain.getOrDefault(incident.id(), new AtomicInteger()).get();
      assertThat(flagged).as("flags of incident %s", incident.id()).isEqualTo(active + 1);
    }
  }

  /** Sends random requests and checks after each one that no key has two open alerts. */
  private void sendTraffic(LifecycleEngine engine, Random random, AtomicLong appliedEvents) {
    JdbcAlertStore reader = fixture.database().store(fixture.prefix());
    for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
      List<AlertEvent> request = new ArrayList<>();
      int size = 1 + random.nextInt(4);
      Instant now = Instant.now();
      for (int e = 0; e < size; e++) {
        AlertStatus status = random.nextInt(3) == 0 ? AlertStatus.RESOLVED : AlertStatus.FIRING;
        request.add(event(e, random.nextInt(KEYS), status, now));
      }
      count(engine.apply(request), appliedEvents);
      assertAtMostOneOpenPerKey(reader);
    }
  }

  private static void assertAtMostOneOpenPerKey(JdbcAlertStore store) {
    Map<String, Integer> open = new HashMap<>();
    for (Alert alert : store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING))) {
      open.merge(alert.dedupKey(), 1, Integer::sum);
    }
    assertThat(open.values()).allMatch(count -> count == 1);
  }

  private static void count(List<EventResult> results, AtomicLong appliedEvents) {
    for (EventResult result : results) {
      Outcome outcome = result.outcome();
      if (outcome != Outcome.STALE && outcome != Outcome.UNMATCHED) {
        appliedEvents.incrementAndGet();
      }
    }
  }

  /** Returns an event for key {@code k}; keys share a service in pairs, so incidents overlap. */
  private static AlertEvent event(int index, int k, AlertStatus status, Instant receivedAt) {
    String key = "key-" + k;
    return new AlertEvent(
        index,
        key,
        key,
        status == AlertStatus.FIRING ? "Alert " + k : null,
        null,
        null,
        status,
        "load-test",
        Map.of("service", "svc-" + k / 3, "environment", "test"),
        null,
        null,
        receivedAt);
  }

  /** Counts incident notifications per incident, from any thread. */
  private static final class CountingNotifier implements IncidentNotifier {
    final Map<String, AtomicInteger> flagged = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> activeAgain = new ConcurrentHashMap<>();

    @Override
    public void incidentFlagged(Incident incident) {
      flagged.computeIfAbsent(incident.id(), id -> new AtomicInteger()).incrementAndGet();
    }

    @Override
    public void incidentActiveAgain(Incident incident) {
      activeAgain.computeIfAbsent(incident.id(), id -> new AtomicInteger()).incrementAndGet();
    }
  }
}
