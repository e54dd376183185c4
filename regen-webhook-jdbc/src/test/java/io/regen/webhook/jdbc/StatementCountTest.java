package io.regen.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.Outcome;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.storekit.EventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Counts the statements that one request sends through the lifecycle engine and {@link
 * JdbcAlertStore}: a few per request, and per incident for resolves, never per alert. Each request
 * spreads its alerts over {@value #GROUPS} incident groups.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StatementCountTest {

  private static final int GROUPS = 10;
  private static final Instant T0 = Instant.parse("2026-04-01T09:00:00Z");

  /**
   * Statements of a request of new keys in new groups on H2 and MariaDB. Keys and then groups each
   * take a lock select, an insert batch, a second lock select and a read of their rows. Then one
   * insert batch of alerts and one of incidents follow.
   */
  private static final int NEW_KEYS = 10;

  /** The same on PostgreSQL, which takes the lock rows of all keys, or groups, in one statement. */
  private static final int NEW_KEYS_POSTGRESQL = 6;

  /**
   * Statements of a request of existing keys: the key and group lock selects, the read of the keys'
   * alerts and the update batch. Nothing reads or locks the groups' incidents.
   */
  private static final int EXISTING_KEYS = 4;

  /**
   * Statements of a request that resolves every alert: the key lock select and read, a lock and a
   * count per incident, and the update batches of alerts and incidents.
   */
  private static final int RESOLVES = 4 + 2 * GROUPS;

  private final StoreFixture fixture;
  private StatementCountingDataSource counting;
  private LifecycleEngine engine;
  private SqlDialect dialect;

  StatementCountTest(TestDatabase.Kind kind, String prefix) {
    this.fixture = StoreFixture.open(kind, prefix);
  }

  @BeforeEach
  void createEngine() {
    fixture.freshStore();
    counting = new StatementCountingDataSource(fixture.database().dataSource());
    JdbcAlertStore store =
        JdbcAlertStore.builder(counting).tablePrefix(fixture.prefix()).maxAttempts(1).build();
    dialect = store.dialect();
    engine =
        new LifecycleEngine(
            store, IncidentNotifier.NONE, LabelIncidentLinker.defaults(), Duration.ZERO);
  }

  @AfterAll
  void closeDatabase() {
    fixture.close();
  }

  @Test
  void newKeysCostFixedStatements() {
    int small = statements(firing("small", 10), Outcome.CREATED);
    int large = statements(firing("large", 100), Outcome.CREATED);

    assertThat(large)
        .isLessThanOrEqualTo(dialect == SqlDialect.POSTGRESQL ? NEW_KEYS_POSTGRESQL : NEW_KEYS);
    assertThat(large).isEqualTo(small);
  }

  @Test
  void existingKeysCostFixedStatements() {
    List<AlertEvent> small = firing("small", 10);
    List<AlertEvent> large = firing("large", 100);
    engine.apply(small);
    engine.apply(large);

    int smallAgain = statements(small, Outcome.UPDATED);
    int largeAgain = statements(large, Outcome.UPDATED);

    assertThat(largeAgain).isLessThanOrEqualTo(EXISTING_KEYS);
    assertThat(largeAgain).isEqualTo(smallAgain);
  }

  @Test
  void resolvesCostStatementsPerIncident() {
    List<AlertEvent> small = firing("small", 10);
    List<AlertEvent> large = firing("large", 100);
    engine.apply(small);
    engine.apply(large);

    int smallResolved = statements(resolves(small), Outcome.RESOLVED);
    int largeResolved = statements(resolves(large), Outcome.RESOLVED);

    assertThat(largeResolved).isLessThanOrEqualTo(RESOLVES);
    assertThat(largeResolved).isEqualTo(smallResolved);
  }

  private int statements(List<AlertEvent> request, Outcome expected) {
    counting.takeCount();
    List<EventResult> results = engine.apply(request);
    int count = counting.takeCount();
    assertThat(results).extracting(EventResult::outcome).containsOnly(expected);
    return count;
  }

  /** Returns firing events of new keys, spread over new groups of their own. */
  private static List<AlertEvent> firing(String name, int alerts) {
    List<AlertEvent> events = new ArrayList<>();
    for (int i = 0; i < alerts; i++) {
      Map<String, String> labels = Map.of("service", name + "-" + i % GROUPS);
      events.add(EventBuilder.fire(name + "-" + i, "Alert " + i).labels(labels).build(i, T0));
    }
    return events;
  }

  private static List<AlertEvent> resolves(List<AlertEvent> firing) {
    List<AlertEvent> events = new ArrayList<>();
    for (AlertEvent event : firing) {
      events.add(EventBuilder.resolve(event.dedupKey()).build(events.size(), T0.plusSeconds(60)));
    }
    return events;
  }
}
