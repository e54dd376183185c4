package io.regen.webhook.jdbc;

import static io.regen.webhook.storekit.EventBuilder.fire;
import static io.regen.webhook.storekit.EventBuilder.resolve;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.Severity;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.StoreTransaction;
import io.regen.webhook.spi.StoreUnavailableException;
import io.regen.webhook.storekit.RecordingNotifier;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Behaviour of {@link JdbcAlertStore} that the store contract does not reach: column sizes,
 * precision, time zones, constraints, database locks, retries and purges. Each subclass names one
 * database and a table prefix of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JdbcAlertStoreTest {

  private static final Instant T0 = Instant.parse("2026-03-01T08:00:00.123456Z");

  private final TestDatabase database;
  private final String prefix;
  private JdbcAlertStore store;

  JdbcAlertStoreTest(TestDatabase.Kind kind, String prefix) {
    this.database = TestDatabase.open(kind);
    this.prefix = prefix;
    try {
      database.recreateTables(prefix);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create the tables with prefix " + prefix, e);
    }
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    database.deleteRows(prefix);
    store = database.store(prefix);
  }

  @AfterAll
  void closeDatabase() {
    database.close();
  }

  @Test
  void roundTripKeepsLongestValuesWithEmoji() {
    Map<String, String> labels = new LinkedHashMap<>();
    for (int i = 0; i < 64; i++) {
      labels.put(String.format("%03d", i) + repeat("🔑", 125), repeat("\"é😀\\", 256));
    }
    String annotations = "{\"note\":\"" + repeat("😀", 4000) + "\",\"n\":[1,2.5,true,null]}";
    String key = repeat("🚨", 255);
    Alert alert =
        new Alert(
            "a-1",
            key,
            key,
            repeat("🔥", 500),
            repeat("📟", 5000),
            Severity.CRITICAL,
            AlertStatus.FIRING,
            repeat("𝔰", 255),
            labels,
            annotations,
            T0,
            T0,
            null,
            1,
            0,
            "i-1");

    write(tx -> tx.insertAlert(alert));

    assertThat(store.findAlert("a-1")).contains(alert);
    assertThat(store.findOpenAlert(key)).contains(alert);
    assertThat(store.listAlerts(AlertQuery.all().withExternalId(key))).containsExactly(alert);
  }

  @Test
  void concurrentMigrationsApplyOnce() throws Exception {
    for (int round = 0; round < 3; round++) {
      String racePrefix = prefix + "m" + round + "_";
      database.dropTables(racePrefix);
      try {
        assertThat(migrateAtOnce(racePrefix, 4))
            .as("scripts applied in round %d", round)
            .isEqualTo(1);
        assertThat(database.store(racePrefix).listAlerts(AlertQuery.all())).isEmpty();
      } finally {
        database.dropTables(racePrefix);
      }
    }
  }

  @Test
  void migrationLockExcludesOtherSessions() throws Exception {
    Assumptions.assumeTrue(
        store.dialect() != SqlDialect.H2, "H2 takes no database lock for migrations");
    ExecutorService threads = Executors.newSingleThreadExecutor();
    AtomicBoolean firstReleased = new AtomicBoolean();
    try (HikariDataSource otherProcess = database.newPool("other-process", 1)) {
      MigrationLock first = MigrationLock.acquire(database.dataSource(), store.dialect(), prefix);
      Future<Boolean> second =
          threads.submit(
              () -> {
                MigrationLock lock = MigrationLock.acquire(otherProcess, store.dialect(), prefix);
                boolean released = firstReleased.get();
                lock.close();
                return released;
              });
      // Gives the second session time to reach the lock and wait for it.
      sleep(300);
      firstReleased.set(true);
      first.close();

      assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      threads.shutdownNow();
    }
  }

  /** Runs the migration from this many pools at once and returns the scripts applied in all. */
  private int migrateAtOnce(String racePrefix, int receivers) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(receivers);
    List<HikariDataSource> pools = new ArrayList<>();
    try {
      List<Future<Integer>> applied = new ArrayList<>();
      CountDownLatch start = new CountDownLatch(1);
      for (int i = 0; i < receivers; i++) {
        HikariDataSource pool = database.newPool("migrate-" + i, 2);
        pools.add(pool);
        applied.add(
            threads.submit(
                () -> {
                  await(start);
                  return JdbcSchema.migrate(pool, racePrefix);
                }));
      }
      start.countDown();
      int total = 0;
      for (Future<Integer> result : applied) {
        total += result.get(60, TimeUnit.SECONDS);
      }
      return total;
    } finally {
      threads.shutdownNow();
      pools.forEach(HikariDataSource::close);
    }
  }

  @Test
  void roundTripKeepsDerivedKey() {
    String key = "derived:sha256:" + repeat("0123456789abcdef", 4);
    Alert alert = alert("a-1", key, T0);

    write(tx -> tx.insertAlert(alert));

    assertThat(store.findOpenAlert(key)).contains(alert);
  }

  @Test
  void keyLongerThanColumnIsRejected() {
    Alert alert = alert("a-1", repeat("k", 256), T0);

    assertThatThrownBy(() -> write(tx -> tx.insertAlert(alert)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dedup_key has 256 code points");
  }

  @Test
  void instantsTruncatedToMicroseconds() {
    Instant withNanos = Instant.parse("2026-03-01T08:00:00.123456789Z");
    Alert alert = alert("a-1", "k", withNanos);

    write(tx -> tx.insertAlert(alert));

    Alert stored = store.findAlert("a-1").orElseThrow();
    assertThat(stored.startedAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123456Z"));
    assertThat(stored.lastEventAt()).isEqualTo(Instant.parse("2026-03-01T08:00:00.123456Z"));
  }

  @Test
  void extremeInstantsRoundTrip() {
    Instant first = Instant.parse("0001-01-01T00:00:00Z");
    Instant last = Instant.parse("9999-12-31T23:59:59.999999Z");
    Alert alert = resolved(alert("a-1", "k", first), last);

    write(tx -> tx.insertAlert(alert));

    assertThat(store.findAlert("a-1")).contains(alert);
  }

  @Test
  void instantsBeyondYears1To9999AreRejected() {
    for (String time : List.of("0000-12-31T23:59:59.999999Z", "+10000-01-01T00:00:00Z")) {
      Alert alert = alert("a-1", "k", Instant.parse(time));

      assertThatThrownBy(() -> write(tx -> tx.insertAlert(alert)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("outside the stored range");
      assertThat(store.findAlert("a-1")).isEmpty();
    }
  }

  @Test
  void instantsIndependentOfDefaultTimeZone() throws SQLException {
    TimeZone original = TimeZone.getDefault();
    Instant summer = Instant.parse("2026-07-01T23:30:00.000001Z");
    Instant winter = Instant.parse("2026-12-31T23:59:59.999999Z");
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Chatham"));
      try (HikariDataSource pool = database.newPool("chatham", 2)) {
        JdbcAlertStore chatham = JdbcAlertStore.builder(pool).tablePrefix(prefix).build();
        chatham.inTransaction(
            tx -> {
              tx.insertAlert(resolved(alert("a-1", "k", summer), winter));
              tx.rememberResolve("r", summer);
              return null;
            });
        assertThat(chatham.findAlert("a-1").orElseThrow().startedAt()).isEqualTo(summer);
      }
      TimeZone.setDefault(TimeZone.getTimeZone("America/St_Johns"));
      try (HikariDataSource pool = database.newPool("st-johns", 2)) {
        JdbcAlertStore stJohns = JdbcAlertStore.builder(pool).tablePrefix(prefix).build();
        Alert stored = stJohns.findAlert("a-1").orElseThrow();
        assertThat(stored.startedAt()).isEqualTo(summer);
        assertThat(stored.resolvedAt()).isEqualTo(winter);
        assertThat(stJohns.<Optional<Instant>>inTransaction(tx -> tx.findRememberedResolve("r")))
            .contains(summer);
        assertThat(stJohns.purgeResolvedAlerts(winter)).isZero();
        assertThat(stJohns.purgeResolvedAlerts(winter.plusNanos(1_000))).isEqualTo(1);
      }
    } finally {
      TimeZone.setDefault(original);
    }
  }

  @Test
  void secondOpenAlertForKeyIsRejected() {
    Alert first = alert("a-1", "k", T0);
    Alert second = alert("a-2", "k", T0);

    Optional<Alert> open =
        store.inTransaction(
            tx -> {
              tx.insertAlert(first);
              assertThatThrownBy(() -> tx.insertAlert(second))
                  .isInstanceOf(IllegalStateException.class);
              return tx.findOpenAlert("k");
            });

    assertThat(open).contains(first);
    assertThat(store.findAlert("a-2")).isEmpty();
    assertThatThrownBy(() -> write(tx -> tx.insertAlert(second)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void duplicateAlertIdIsRejected() {
    write(tx -> tx.insertAlert(alert("a-1", "k", T0)));

    assertThatThrownBy(() -> write(tx -> tx.insertAlert(alert("a-1", "other", T0))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void resolvedAlertsShareKeyWithOpenOne() {
    write(
        tx -> {
          tx.insertAlert(resolved(alert("a-1", "k", T0), T0.plusSeconds(1)));
          tx.insertAlert(resolved(alert("a-2", "k", T0), T0.plusSeconds(2)));
          tx.insertAlert(alert("a-3", "k", T0.plusSeconds(3)));
          tx.insertAlert(alert("n-1", null, T0));
          tx.insertAlert(alert("n-2", null, T0));
        });

    assertThat(store.findOpenAlert("k").map(Alert::id)).contains("a-3");
    assertThat(lastResolved("k").map(Alert::id)).contains("a-2");
  }

  @Test
  void reopeningOverOpenAlertIsRejected() {
    Alert old = resolved(alert("a-1", "k", T0), T0.plusSeconds(1));
    write(
        tx -> {
          tx.insertAlert(old);
          tx.insertAlert(alert("a-2", "k", T0.plusSeconds(2)));
        });
    Alert reopened = alert("a-1", "k", T0);

    Optional<Alert> open =
        store.inTransaction(
            tx -> {
              assertThatThrownBy(() -> tx.updateAlert(reopened))
                  .isInstanceOf(IllegalStateException.class);
              return tx.findOpenAlert("k");
            });

    assertThat(open.map(Alert::id)).contains("a-2");
    assertThat(store.findAlert("a-1")).contains(old);
  }

  @Test
  void updateOfMissingAlertIsRejected() {
    assertThatThrownBy(() -> write(tx -> tx.updateAlert(alert("a-1", "k", T0))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void secondOpenIncidentForGroupIsRejected() {
    String group = "source=" + repeat("🧭", 3000);
    Incident active = new Incident("i-1", group, IncidentState.ACTIVE, T0, null, null);
    Incident closed = new Incident("i-0", group, IncidentState.RESOLVED, T0, T0, T0);
    write(
        tx -> {
          tx.insertIncident(closed);
          tx.insertIncident(active);
        });
    Incident second = new Incident("i-2", group, IncidentState.RESOLUTION_PENDING, T0, T0, null);

    assertThatThrownBy(() -> write(tx -> tx.insertIncident(second)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(openIncident(group)).contains(active);
    assertThat(store.findIncident("i-0")).contains(closed);
  }

  @Test
  void resolveIncidentClosesOnce() {
    Incident flagged = new Incident("i-1", "g", IncidentState.RESOLUTION_PENDING, T0, T0, null);
    write(tx -> tx.insertIncident(flagged));

    assertThat(store.resolveIncident("i-1", T0.plusSeconds(5))).isTrue();
    assertThat(store.resolveIncident("i-1", T0.plusSeconds(6))).isFalse();
    assertThat(store.resolveIncident("missing", T0)).isFalse();
    assertThat(store.findIncident("i-1"))
        .contains(new Incident("i-1", "g", IncidentState.RESOLVED, T0, T0, T0.plusSeconds(5)));
    assertThat(openIncident("g")).isEmpty();
  }

  @Test
  void rememberedResolveKeepsLatestTime() {
    write(
        tx -> {
          tx.rememberResolve("k", T0.plusSeconds(5));
          tx.rememberResolve("k", T0.plusSeconds(3));
        });
    assertThat(remembered("k")).contains(T0.plusSeconds(5));

    write(tx -> tx.rememberResolve("k", T0.plusSeconds(9)));

    assertThat(remembered("k")).contains(T0.plusSeconds(9));
    assertThat(remembered("other")).isEmpty();
  }

  @Test
  void purgeAcceptsCutoffsBeyondStoredYears() {
    write(
        tx -> {
          tx.rememberResolve("k", T0);
          tx.insertAlert(resolved(alert("a-1", "k", T0), T0));
        });
    Instant ancient = Instant.parse("-5000-01-01T00:00:00Z");
    Instant distant = Instant.parse("+20000-01-01T00:00:00Z");

    assertThat(store.purgeRememberedResolves(ancient)).isZero();
    assertThat(store.purgeResolvedAlerts(ancient)).isZero();
    assertThat(store.purgeRememberedResolves(distant)).isEqualTo(1);
    assertThat(store.purgeResolvedAlerts(distant)).isEqualTo(1);
  }

  @Test
  void purgeRemovesRememberedResolvesInBatches() {
    JdbcAlertStore batched =
        JdbcAlertStore.builder(database.dataSource()).tablePrefix(prefix).purgeBatchSize(3).build();
    write(
        tx -> {
          tx.lockKeys(List.of("idle-1", "idle-2"));
          for (int i = 0; i < 7; i++) {
            tx.rememberResolve("old-" + i, T0.plusSeconds(i));
          }
          tx.rememberResolve("new", T0.plusSeconds(100));
        });

    assertThat(batched.purgeRememberedResolves(T0.plusSeconds(50))).isEqualTo(7);

    assertThat(remembered("old-6")).isEmpty();
    assertThat(remembered("new")).contains(T0.plusSeconds(100));
    write(tx -> tx.lockKeys(List.of("idle-1", "old-1")));
  }

  @Test
  void purgeRemovesOldResolvedAlertsInBatches() {
    JdbcAlertStore batched =
        JdbcAlertStore.builder(database.dataSource()).tablePrefix(prefix).purgeBatchSize(3).build();
    write(
        tx -> {
          for (int i = 0; i < 7; i++) {
            tx.insertAlert(resolved(alert("old-" + i, "k", T0), T0.plusSeconds(i)));
          }
          tx.insertAlert(resolved(alert("new", "k", T0), T0.plusSeconds(100)));
          tx.insertAlert(alert("open", "k", T0));
        });

    assertThat(batched.purgeResolvedAlerts(T0.plusSeconds(50))).isEqualTo(7);

    assertThat(store.listAlerts(AlertQuery.all()))
        .extracting(Alert::id)
        .containsExactlyInAnyOrder("new", "open");
  }

  @Test
  void failingWorkLeavesNothing() {
    RuntimeException failure = new IllegalArgumentException("rejected by the work");

    assertThatThrownBy(
            () ->
                store.inTransaction(
                    tx -> {
                      tx.insertAlert(alert("a-1", "k", T0));
                      tx.rememberResolve("r", T0);
                      throw failure;
                    }))
        .isSameAs(failure);

    assertThat(store.findAlert("a-1")).isEmpty();
    assertThat(remembered("r")).isEmpty();
  }

  @Test
  void connectionSettingsRestoredAfterWork() throws SQLException {
    try (Connection raw = database.adminConnection()) {
      raw.setAutoCommit(true);
      raw.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      SingleConnectionDataSource single = new SingleConnectionDataSource(raw);
      JdbcAlertStore onOneConnection = JdbcAlertStore.builder(single).tablePrefix(prefix).build();

      List<Object> inside =
          onOneConnection.inTransaction(
              tx -> {
                tx.insertAlert(alert("a-1", "k", T0));
                return settings(raw);
              });

      assertThat(inside).containsExactly(false, Connection.TRANSACTION_READ_COMMITTED);
      assertThat(settings(raw)).containsExactly(true, Connection.TRANSACTION_SERIALIZABLE);
      assertThatThrownBy(
              () ->
                  onOneConnection.inTransaction(
                      tx -> {
                        throw new IllegalStateException("failed work");
                      }))
          .hasMessage("failed work");
      assertThat(settings(raw)).containsExactly(true, Connection.TRANSACTION_SERIALIZABLE);
    }
    assertThat(store.findAlert("a-1")).isPresent();
  }

  private static List<Object> settings(Connection connection) {
    try {
      return List.of(connection.getAutoCommit(), connection.getTransactionIsolation());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void transactionUnusableAfterWork() {
    StoreTransaction escaped = store.inTransaction(tx -> tx);

    assertThatThrownBy(() -> escaped.findOpenAlert("k")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keyLockBlocksSecondTransaction() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch firstHoldsLock = new CountDownLatch(1);
    CountDownLatch secondStarted = new CountDownLatch(1);
    AtomicBoolean firstDone = new AtomicBoolean();
    try {
      Future<?> first =
          threads.submit(
              () ->
                  write(
                      tx -> {
                        tx.lockKeys(List.of("a", "k"));
                        firstHoldsLock.countDown();
                        await(secondStarted);
                        // Gives the second transaction time to reach the lock and block on it.
                        sleep(300);
                        firstDone.set(true);
                      }));
      await(firstHoldsLock);
      Future<Boolean> second =
          threads.submit(
              () ->
                  store.inTransaction(
                      tx -> {
                        secondStarted.countDown();
                        tx.lockKeys(List.of("k"));
                        return firstDone.get();
                      }));

      first.get(30, TimeUnit.SECONDS);
      assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void lockWaitPastQueryTimeoutFails() throws Exception {
    JdbcAlertStore impatient =
        JdbcAlertStore.builder(database.dataSource())
            .tablePrefix(prefix)
            .queryTimeout(Duration.ofSeconds(1))
            .maxAttempts(1)
            .build();
    ExecutorService threads = Executors.newSingleThreadExecutor();
    CountDownLatch holdsLock = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      Future<?> holder =
          threads.submit(
              () ->
                  write(
                      tx -> {
                        tx.lockKeys(List.of("k"));
                        holdsLock.countDown();
                        await(release);
                      }));
      await(holdsLock);

      assertThat(impatient.findOpenAlert("k")).isEmpty();
      assertThatThrownBy(
              () ->
                  impatient.inTransaction(
                      tx -> {
                        tx.lockKeys(List.of("k"));
                        return null;
                      }))
          .isInstanceOf(StoreUnavailableException.class);

      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void deadlockRunsWorkAgain() throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(2);
    CountDownLatch bothHoldFirstLock = new CountDownLatch(2);
    AtomicInteger runs = new AtomicInteger();
    try {
      List<Future<String>> results = new ArrayList<>();
      for (List<String> order : List.of(List.of("x", "y"), List.of("y", "x"))) {
        results.add(
            threads.submit(
                () ->
                    store.inTransaction(
                        tx -> {
                          // Locks in opposite orders on purpose, against the protocol, so that
                          // the database must break a deadlock in the first attempts.
                          boolean firstAttempt = runs.incrementAndGet() <= 2;
                          tx.lockKeys(List.of(order.get(0)));
                          if (firstAttempt) {
                            bothHoldFirstLock.countDown();
                            await(bothHoldFirstLock);
                          }
                          tx.lockKeys(List.of(order.get(1)));
                          tx.rememberResolve(order.get(0), T0);
                          return order.get(0);
                        })));
      }

      assertThat(results.get(0).get(60, TimeUnit.SECONDS)).isEqualTo("x");
      assertThat(results.get(1).get(60, TimeUnit.SECONDS)).isEqualTo("y");
      assertThat(runs.get()).isGreaterThan(2);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void resolveThenFireOneKey() {
    LifecycleEngine engine = engine(Duration.ZERO, new RecordingNotifier());
    EventResult first = engine.apply(List.of(fire("k", "First").build(0, T0))).get(0);

    List<EventResult> results =
        engine.apply(
            List.of(resolve("k").build(0, T0.plusSeconds(1)), fire("k", "Second").build(1, T0)));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.RESOLVED, Outcome.CREATED);
    assertThat(results.get(0).alertId()).isEqualTo(first.alertId());
    assertThat(results.get(1).alertId()).isNotEqualTo(first.alertId());
    assertThat(store.findAlert(first.alertId()).orElseThrow().status())
        .isEqualTo(AlertStatus.RESOLVED);
    assertThat(store.findOpenAlert("k").map(Alert::id)).contains(results.get(1).alertId());
  }

  @Test
  void createThenUpdateNewAlert() {
    LifecycleEngine engine = engine(Duration.ZERO, new RecordingNotifier());
    Map<String, String> labels = Map.of("service", "api");

    List<EventResult> results =
        engine.apply(
            List.of(
                fire("k", "First").labels(labels).build(0, T0),
                fire("other", "Other").labels(labels).build(1, T0),
                fire("k", "Second").severity(Severity.CRITICAL).build(2, T0.plusSeconds(1)),
                resolve("other").build(3, T0.plusSeconds(2))));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.CREATED, Outcome.CREATED, Outcome.UPDATED, Outcome.RESOLVED);
    Alert updated = store.findAlert(results.get(0).alertId()).orElseThrow();
    assertThat(updated.title()).isEqualTo("Second");
    assertThat(updated.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(updated.eventCount()).isEqualTo(2);
    assertThat(updated.lastEventAt()).isEqualTo(T0.plusSeconds(1));
    Alert resolved = store.findAlert(results.get(1).alertId()).orElseThrow();
    assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(resolved.eventCount()).isEqualTo(2);
    assertThat(store.findIncident(results.get(0).incidentId()).orElseThrow().state())
        .isEqualTo(IncidentState.ACTIVE);
  }

  @Test
  void flaggedThenActiveAgain() {
    RecordingNotifier notifier = new RecordingNotifier();
    LifecycleEngine engine = engine(Duration.ZERO, notifier);
    Map<String, String> labels = Map.of("service", "api");
    List<EventResult> created =
        engine.apply(
            List.of(
                fire("a", "A").labels(labels).build(0, T0),
                fire("b", "B").labels(labels).build(1, T0)));
    String incidentId = created.get(0).incidentId();
    notifier.drain();

    List<EventResult> results =
        engine.apply(
            List.of(
                resolve("a").build(0, T0.plusSeconds(1)),
                resolve("b").build(1, T0.plusSeconds(1)),
                fire("c", "C").labels(labels).build(2, T0.plusSeconds(1)),
                resolve("c").build(3, T0.plusSeconds(1)),
                fire("d", "D").labels(labels).build(4, T0.plusSeconds(1))));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(
            Outcome.RESOLVED, Outcome.RESOLVED, Outcome.CREATED, Outcome.RESOLVED, Outcome.CREATED);
    assertThat(results).extracting(EventResult::incidentId).containsOnly(incidentId);
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, incidentId)).isEqualTo(2);
    assertThat(notifier.count(Kind.INCIDENT_ACTIVE_AGAIN, incidentId)).isEqualTo(2);
    Incident incident = store.findIncident(incidentId).orElseThrow();
    assertThat(incident.state()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident.flaggedAt()).isNull();
    assertThat(store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING)))
        .extracting(Alert::dedupKey)
        .containsExactly("d");

    engine.apply(List.of(resolve("d").build(0, T0.plusSeconds(2))));

    assertThat(store.findIncident(incidentId).orElseThrow().state())
        .isEqualTo(IncidentState.RESOLUTION_PENDING);
    assertThat(notifier.count(Kind.INCIDENT_FLAGGED, incidentId)).isEqualTo(3);
  }

  @Test
  void reopenTwiceInOneRequest() {
    LifecycleEngine engine = engine(Duration.ofMinutes(10), new RecordingNotifier());
    String id = engine.apply(List.of(fire("k", "K").build(0, T0))).get(0).alertId();
    engine.apply(List.of(resolve("k").build(0, T0.plusSeconds(1))));

    List<EventResult> results =
        engine.apply(
            List.of(
                fire("k", "K").build(0, T0.plusSeconds(2)),
                resolve("k").build(1, T0.plusSeconds(3)),
                fire("k", "K").build(2, T0.plusSeconds(4))));

    assertThat(results)
        .extracting(EventResult::outcome)
        .containsExactly(Outcome.REOPENED, Outcome.RESOLVED, Outcome.REOPENED);
    assertThat(results).extracting(EventResult::alertId).containsOnly(id);
    Alert alert = store.findAlert(id).orElseThrow();
    assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(alert.reopenCount()).isEqualTo(2);
    assertThat(alert.eventCount()).isEqualTo(5);
    assertThat(remembered("k")).contains(T0.plusSeconds(3));
  }

  @Test
  void closingUpdatesSentBeforeOpeningOnes() {
    Alert open = alert("a-open", "k", T0);
    Alert old = resolved(alert("a-old", "k", T0), T0.plusSeconds(1));
    write(
        tx -> {
          tx.insertAlert(open);
          tx.insertAlert(old);
        });

    // The old alert's second update is queued before the open alert's resolve, so the call order
    // would send its reopen first. The store must close the open alert before it reopens the old.
    write(
        tx -> {
          tx.lockKeys(List.of("k"));
          tx.updateAlert(retitled(old, "first"));
          tx.updateAlert(retitled(old, "second"));
          tx.updateAlert(resolved(open, T0.plusSeconds(5)));
          tx.updateAlert(retitled(alert("a-old", "k", T0), "reopened"));
        });

    assertThat(store.findOpenAlert("k").map(Alert::title)).contains("reopened");
    assertThat(store.findAlert("a-open").orElseThrow().status()).isEqualTo(AlertStatus.RESOLVED);
  }

  @Test
  void closingIncidentSentBeforeOpeningOne() {
    Incident open = new Incident("i-open", "g", IncidentState.ACTIVE, T0, null, null);
    Incident closed = new Incident("i-closed", "g", IncidentState.RESOLVED, T0, null, T0);
    write(
        tx -> {
          tx.insertIncident(open);
          tx.insertIncident(closed);
        });
    Instant flagged = T0.plusSeconds(1);

    write(
        tx -> {
          tx.lockGroups(List.of("g"));
          assertThat(tx.findOpenIncidentOfGroup("g").map(Incident::id)).contains("i-open");
          tx.lockIncident("i-closed");
          tx.updateIncident(new Incident("i-closed", "g", IncidentState.RESOLVED, T0, flagged, T0));
          tx.updateIncident(new Incident("i-open", "g", IncidentState.RESOLVED, T0, null, flagged));
          tx.updateIncident(new Incident("i-closed", "g", IncidentState.ACTIVE, T0, null, null));
        });

    assertThat(openIncident("g").map(Incident::id)).contains("i-closed");
    assertThat(store.findIncident("i-open").orElseThrow().state())
        .isEqualTo(IncidentState.RESOLVED);
  }

  @Test
  void secondOpenAlertRejectedAtCall() {
    write(tx -> tx.insertAlert(alert("a-1", "k", T0)));

    Optional<Alert> open =
        store.inTransaction(
            tx -> {
              tx.lockKeys(List.of("k"));
              assertThatThrownBy(() -> tx.insertAlert(alert("a-2", "k", T0)))
                  .isInstanceOf(IllegalStateException.class);
              tx.updateAlert(alert("a-1", "k", T0.plusSeconds(1)));
              return tx.findOpenAlert("k");
            });

    assertThat(open.map(Alert::lastEventAt)).contains(T0.plusSeconds(1));
    assertThat(store.findOpenAlert("k").map(Alert::lastEventAt)).contains(T0.plusSeconds(1));
    assertThat(store.findAlert("a-2")).isEmpty();
  }

  @Test
  void queuedWriteConflictFailsUnitOfWork() {
    write(tx -> tx.insertAlert(alert("a-1", "k", T0)));

    assertThatThrownBy(
            () ->
                write(
                    tx -> {
                      tx.lockKeys(List.of("other"));
                      tx.rememberResolve("other", T0);
                      tx.insertAlert(alert("a-1", "other", T0));
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("conflicts with a stored row");

    assertThat(store.findOpenAlert("other")).isEmpty();
    assertThat(remembered("other")).isEmpty();
  }

  @Test
  void lockWaitSeesRowsCommittedMeanwhile() throws Exception {
    ExecutorService threads = Executors.newSingleThreadExecutor();
    CountDownLatch holdsLocks = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Incident incident = new Incident("i-1", "g", IncidentState.ACTIVE, T0, null, null);
    write(
        tx -> {
          tx.lockKeys(List.of("k"));
          tx.lockGroups(List.of("g"));
        });
    try {
      Future<?> holder =
          threads.submit(
              () ->
                  write(
                      tx -> {
                        tx.lockKeys(List.of("k"));
                        tx.lockGroups(List.of("g"));
                        holdsLocks.countDown();
                        await(release);
                        // Gives the other transaction time to reach the locks and wait for them.
                        sleep(300);
                        tx.rememberResolve("k", T0);
                        tx.insertAlert(resolved(alert("a-1", "k", T0), T0.plusSeconds(1)));
                        tx.insertAlert(alert("a-2", "k", T0.plusSeconds(2)));
                        tx.insertIncident(incident);
                      }));
      await(holdsLocks);

      List<Object> seen =
          store.inTransaction(
              tx -> {
                release.countDown();
                tx.lockKeys(List.of("k"));
                tx.lockGroups(List.of("g"));
                return List.of(
                    tx.findRememberedResolve("k"),
                    tx.findLastResolvedAlert("k").map(Alert::id),
                    tx.findOpenAlert("k").map(Alert::id),
                    tx.findOpenIncidentOfGroup("g"));
              });

      holder.get(30, TimeUnit.SECONDS);
      assertThat(seen)
          .containsExactly(
              Optional.of(T0), Optional.of("a-1"), Optional.of("a-2"), Optional.of(incident));
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  private LifecycleEngine engine(Duration reopenWindow, RecordingNotifier notifier) {
    return new LifecycleEngine(store, notifier, LabelIncidentLinker.defaults(), reopenWindow);
  }

  private static Alert retitled(Alert alert, String title) {
    return new Alert(
        alert.id(),
        alert.dedupKey(),
        alert.externalId(),
        title,
        alert.description(),
        alert.severity(),
        alert.status(),
        alert.source(),
        alert.labels(),
        alert.annotationsJson(),
        alert.startedAt(),
        alert.lastEventAt(),
        alert.resolvedAt(),
        alert.eventCount() + 1,
        alert.reopenCount(),
        alert.incidentId());
  }

  @Test
  void listsNewestFirstWithFilters() {
    write(
        tx -> {
          tx.insertAlert(alert("a-1", "k1", T0));
          tx.insertAlert(alert("a-3", "k3", T0.plusSeconds(1)));
          tx.insertAlert(alert("a-2", "k2", T0.plusSeconds(1)));
          tx.insertAlert(resolved(alert("a-4", "k4", T0.plusSeconds(2)), T0.plusSeconds(3)));
        });

    assertThat(store.listAlerts(AlertQuery.all()))
        .extracting(Alert::id)
        .containsExactly("a-4", "a-2", "a-3", "a-1");
    assertThat(store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING).withLimit(2)))
        .extracting(Alert::id)
        .containsExactly("a-2", "a-3");
    assertThat(store.listAlerts(AlertQuery.all().withExternalId("k1")))
        .extracting(Alert::id)
        .containsExactly("a-1");
    assertThat(store.listAlerts(AlertQuery.all().withIncidentId("none"))).isEmpty();
  }

  private Optional<Instant> remembered(String key) {
    return store.inTransaction(tx -> tx.findRememberedResolve(key));
  }

  private Optional<Incident> openIncident(String group) {
    return store.inTransaction(tx -> tx.findOpenIncidentOfGroup(group));
  }

  private Optional<Alert> lastResolved(String key) {
    return store.inTransaction(tx -> tx.findLastResolvedAlert(key));
  }

  private void write(TransactionBody body) {
    store.inTransaction(
        tx -> {
          body.run(tx);
          return null;
        });
  }

  @FunctionalInterface
  private interface TransactionBody {
    void run(StoreTransaction tx);
  }

  static Alert alert(String id, String key, Instant at) {
    return new Alert(
        id,
        key,
        key,
        "title " + id,
        null,
        Severity.WARNING,
        AlertStatus.FIRING,
        null,
        Map.of("service", "api"),
        "{}",
        at,
        at,
        null,
        1,
        0,
        "i-1");
  }

  static Alert resolved(Alert alert, Instant at) {
    return new Alert(
        alert.id(),
        alert.dedupKey(),
        alert.externalId(),
        alert.title(),
        alert.description(),
        alert.severity(),
        AlertStatus.RESOLVED,
        alert.source(),
        alert.labels(),
        alert.annotationsJson(),
        alert.startedAt(),
        at,
        at,
        alert.eventCount() + 1,
        alert.reopenCount(),
        alert.incidentId());
  }

  static String repeat(String text, int times) {
    return text.repeat(times);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("timed out waiting for the other transaction");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
