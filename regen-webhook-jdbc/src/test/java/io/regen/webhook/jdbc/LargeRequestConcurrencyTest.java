package io.regen.webhook.jdbc;

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
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreUnavailableException;
import io.regen.webhook.storekit.EventBuilder;
import io.regen.webhook.storekit.RecordingNotifier;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Threads send requests of many events over overlapping keys, each request with its keys in a
 * random order. Meanwhile a purge keeps deleting idle key lock rows, so the requests lock, insert
 * and insert again the lock rows of many keys at once. Afterwards no key has two open alerts, the
 * event counts add up, and every incident was flagged once more than it became active again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LargeRequestConcurrencyTest {

  private static final int THREADS = 4;
  private static final int REQUESTS_PER_THREAD = 15;
  private static final int KEYS = 40;
  private static final int GROUPS = 5;
  private static final Set<Outcome> APPLIED =
      EnumSet.of(Outcome.CREATED, Outcome.UPDATED, Outcome.RESOLVED, Outcome.REOPENED);

  private final StoreFixture fixture;

  LargeRequestConcurrencyTest(TestDatabase.Kind kind, String prefix) {
    this.fixture = StoreFixture.open(kind, prefix);
  }

  @AfterAll
  void closeDatabase() {
    fixture.close();
  }

  @Test
  void overlappingLargeRequestsKeepInvariants() throws Exception {
    JdbcAlertStore store = fixture.freshStore();
    RecordingNotifier notifier = new RecordingNotifier();
    LifecycleEngine engine =
        new LifecycleEngine(
            store, notifier, LabelIncidentLinker.defaults(), Duration.ofMillis(200));
    List<EventResult> results = new ArrayList<>();
    AtomicInteger failedRequests = new AtomicInteger();
    AtomicBoolean sending = new AtomicBoolean(true);
    ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
    CountDownLatch start = new CountDownLatch(1);
    try {
      Future<Integer> purges =
          threads.submit(
              () -> {
                int completed = 0;
                while (sending.get()) {
                  try {
                    store.purgeRememberedResolves(Instant.now().plusSeconds(3_600));
                    completed++;
                  } catch (StoreUnavailableException e) {
                    // Outside PostgreSQL the purge deletes rows in no particular order, so it can
                    // lose deadlocks against the requests until it runs out of attempts.
                  }
                  Thread.sleep(20);
                }
                return completed;
              });
      List<Future<List<EventResult>>> senders = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        Random random = new Random(7_000L + t);
        senders.add(
            threads.submit(
                () -> {
                  start.await(10, TimeUnit.SECONDS);
                  List<EventResult> applied = new ArrayList<>();
                  for (int r = 0; r < REQUESTS_PER_THREAD; r++) {
                    try {
                      applied.addAll(engine.apply(randomRequest(random)));
                    } catch (StoreUnavailableException e) {
                      failedRequests.incrementAndGet();
                    }
                  }
                  return applied;
                }));
      }
      start.countDown();
      for (Future<List<EventResult>> sender : senders) {
        results.addAll(sender.get(3, TimeUnit.MINUTES));
      }
      sending.set(false);
      assertThat(purges.get(30, TimeUnit.SECONDS)).isPositive();
    } finally {
      sending.set(false);
      threads.shutdownNow();
    }
    Set<String> openKeys = new HashSet<>();
    for (Alert open : store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING))) {
      assertThat(openKeys.add(open.dedupKey()))
          .as("one open alert for %s", open.dedupKey())
          .isTrue();
    }
    List<AlertEvent> resolveAll = new ArrayList<>();
    for (int k = 0; k < KEYS; k++) {
      resolveAll.add(EventBuilder.resolve("key-" + k).build(k, Instant.now()));
    }
    results.addAll(engine.apply(resolveAll));

    assertThat(failedRequests.get()).isLessThanOrEqualTo(THREADS * REQUESTS_PER_THREAD / 10);
    List<Alert> alerts = store.listAlerts(AlertQuery.all().withLimit(AlertQuery.MAX_LIMIT));
    assertThat(alerts).hasSizeLessThan(AlertQuery.MAX_LIMIT);
    assertThat(alerts).allMatch(alert -> alert.status() == AlertStatus.RESOLVED);
    assertThat(storedEventCounts(alerts)).isEqualTo(appliedEventCounts(results));
    checkIncidents(store, notifier);
  }

  /** Returns 10 to 30 events over random keys, in random order, some with the same key. */
  private static List<AlertEvent> randomRequest(Random random) {
    Instant receivedAt = Instant.now();
    int size = 10 + random.nextInt(21);
    List<AlertEvent> events = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      int key = random.nextInt(KEYS);
      EventBuilder event =
          random.nextInt(10) < 7
              ? EventBuilder.fire("key-" + key, "Alert " + key)
                  .labels(Map.of("service", "service-" + key % GROUPS))
              : EventBuilder.resolve("key-" + key);
      events.add(event.build(i, receivedAt));
    }
    return events;
  }

  private static Map<String, Long> storedEventCounts(List<Alert> alerts) {
    Map<String, Long> stored = new HashMap<>();
    for (Alert alert : alerts) {
      stored.put(alert.id(), alert.eventCount());
    }
    return stored;
  }

  private static Map<String, Long> appliedEventCounts(List<EventResult> results) {
    Map<String, Long> applied = new HashMap<>();
    for (EventResult result : results) {
      if (APPLIED.contains(result.outcome())) {
        applied.merge(result.alertId(), 1L, Long::sum);
      }
    }
    return applied;
  }

  private static void checkIncidents(JdbcAlertStore store, RecordingNotifier notifier) {
    Set<String> openGroups = new HashSet<>();
    List<Incident> incidents = store.listIncidents(IncidentQuery.all());
    assertThat(incidents).isNotEmpty();
    for (Incident incident : incidents) {
      String id = incident.id();
      assertThat(incident.state())
          .as("state of %s", id)
          .isEqualTo(IncidentState.RESOLUTION_PENDING);
      assertThat(notifier.count(Kind.INCIDENT_FLAGGED, id))
          .as("flags of %s", id)
          .isEqualTo(notifier.count(Kind.INCIDENT_ACTIVE_AGAIN, id) + 1);
      assertThat(openGroups.add(incident.groupKey())).as("one open incident per group").isTrue();
    }
  }
}
