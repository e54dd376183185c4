package io.regen.webhook.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.Outcome;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentLinker;
import io.regen.webhook.spi.StoreTransaction;
import io.regen.webhook.spi.TransactionWork;
import io.regen.webhook.storekit.EventBuilder;
import io.regen.webhook.storekit.ForwardingAlertStore;
import io.regen.webhook.storekit.ForwardingStoreTransaction;
import io.regen.webhook.storekit.RecordingNotifier;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class LifecycleEngineTest {

  private static final Instant NOW = Instant.parse("2026-02-01T09:00:00Z");

  private final InMemoryAlertStore memory = new InMemoryAlertStore();
  private final RecordingNotifier notifier = new RecordingNotifier();

  @Test
  void negativeReopenWindowRejected() {
    assertThatThrownBy(
            () ->
                new LifecycleEngine(
                    memory, notifier, LabelIncidentLinker.defaults(), Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void emptyRequestOpensNoTransaction() {
    List<String> calls = new ArrayList<>();
    AlertStore store = recording(calls, UnaryOperator.identity());

    assertThat(engine(store).apply(List.of())).isEmpty();
    assertThat(calls).isEmpty();
  }

  @Test
  void firingWithoutTitleRejected() {
    AlertEvent event = EventBuilder.fire("k", null).build(0, NOW);

    assertThatThrownBy(() -> engine(memory).apply(List.of(event)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no title");
    assertThat(memory.listAlerts(AlertQuery.all())).isEmpty();
  }

  @Test
  void locksSortedKeysThenGroups() {
    List<String> calls = new ArrayList<>();
    AlertStore store = recording(calls, UnaryOperator.identity());
    Map<String, String> api = Map.of("service", "api");
    Map<String, String> db = Map.of("service", "db");
    LabelIncidentLinker linker = LabelIncidentLinker.defaults();
    String apiGroup =
        linker.groupKey(EventBuilder.fire("x", "X").labels(api).build(0, NOW)).orElseThrow();
    String dbGroup =
        linker.groupKey(EventBuilder.fire("x", "X").labels(db).build(0, NOW)).orElseThrow();

    engine(store)
        .apply(
            List.of(
                EventBuilder.fire("b", "B").labels(db).build(0, NOW),
                EventBuilder.resolve("c").build(1, NOW),
                EventBuilder.fire("a", "A").labels(api).build(2, NOW),
                EventBuilder.fireWithoutKey("N").labels(api).build(3, NOW),
                EventBuilder.fire("b", "B").labels(db).build(4, NOW)));

    List<String> groups = new ArrayList<>(List.of(apiGroup, dbGroup));
    groups.sort(null);
    assertThat(calls.subList(0, 3))
        .containsExactly("inTransaction", "lockKeys [a, b, c]", "lockGroups " + groups);
    assertThat(calls.stream().filter(c -> c.startsWith("lock")).count()).isEqualTo(2);
  }

  @Test
  void linkerCalledOnlyForFiringEvents() {
    List<AlertEvent> seen = new ArrayList<>();
    IncidentLinker linker =
        event -> {
          seen.add(event);
          return Optional.empty();
        };
    LifecycleEngine engine = new LifecycleEngine(memory, notifier, linker, Duration.ZERO);

    engine.apply(
        List.of(
            EventBuilder.fire("a", "A").build(0, NOW), EventBuilder.resolve("a").build(1, NOW)));

    assertThat(seen).extracting(AlertEvent::index).containsExactly(0);
  }

  @Test
  void longestReopenWindowReopens() {
    LifecycleEngine engine =
        new LifecycleEngine(
            memory, notifier, LabelIncidentLinker.defaults(), Duration.ofSeconds(Long.MAX_VALUE));
    engine.apply(List.of(EventBuilder.fire("a", "A").build(0, NOW)));
    engine.apply(List.of(EventBuilder.resolve("a").build(0, NOW.plusSeconds(1))));

    List<EventResult> results =
        engine.apply(List.of(EventBuilder.fire("a", "A").build(0, NOW.plus(Duration.ofDays(999)))));

    assertThat(results).extracting(EventResult::outcome).containsExactly(Outcome.REOPENED);
  }

  @Test
  void retriedWorkNotifiesOnce() {
    AlertStore retrying =
        new ForwardingAlertStore(memory, UnaryOperator.identity()) {
          @Override
          public <T> T inTransaction(TransactionWork<T> work) {
            try {
              memory.inTransaction(
                  transaction -> {
                    work.run(transaction);
                    throw new SimulatedDeadlock();
                  });
            } catch (SimulatedDeadlock e) {
              // The store runs the work again, as on a deadlock reported by a database.
            }
            return memory.inTransaction(work);
          }
        };

    EventResult result =
        engine(retrying).apply(List.of(EventBuilder.fire("a", "A").build(0, NOW))).get(0);

    assertThat(result.outcome()).isEqualTo(Outcome.CREATED);
    assertThat(memory.listAlerts(AlertQuery.all()))
        .singleElement()
        .satisfies(alert -> assertThat(alert.id()).isEqualTo(result.alertId()));
    assertThat(notifier.notices())
        .singleElement()
        .satisfies(notice -> assertThat(notice.id()).isEqualTo(result.alertId()));
  }

  @Test
  void failingNotifierLoggedWithIds() throws IOException {
    notifier.failFromNowOn();
    long logStart = Files.exists(TEST_LOG) ? Files.size(TEST_LOG) : 0;

    List<EventResult> results =
        engine(memory)
            .apply(
                List.of(
                    EventBuilder.fire("a", "A").build(0, NOW),
                    EventBuilder.fire("b", "B").build(1, NOW)));

    String log = readFrom(TEST_LOG, logStart);
    assertThat(log).contains("WARN");
    assertThat(log).contains("alertCreated for alert " + results.get(0).alertId());
    assertThat(log).contains("alertCreated for alert " + results.get(1).alertId());
    assertThat(notifier.notices())
        .extracting(RecordingNotifier.Notice::kind)
        .containsExactly(Kind.ALERT_CREATED, Kind.ALERT_CREATED);
  }

  @Test
  void incidentChangesFollowAlertChanges() {
    Map<String, String> api = Map.of("service", "api");
    Map<String, String> db = Map.of("service", "db");
    engine(memory)
        .apply(
            List.of(
                EventBuilder.fire("a", "A").labels(api).build(0, NOW),
                EventBuilder.fire("b", "B").labels(db).build(1, NOW)));
    notifier.drain();

    engine(memory)
        .apply(
            List.of(
                EventBuilder.resolve("a").build(0, NOW.plusSeconds(1)),
                EventBuilder.resolve("b").build(1, NOW.plusSeconds(1)),
                EventBuilder.fire("c", "C").labels(api).build(2, NOW.plusSeconds(1))));

    assertThat(notifier.notices())
        .extracting(RecordingNotifier.Notice::kind)
        .containsExactly(
            Kind.ALERT_RESOLVED,
            Kind.ALERT_RESOLVED,
            Kind.ALERT_CREATED,
            Kind.INCIDENT_FLAGGED,
            Kind.INCIDENT_FLAGGED,
            Kind.INCIDENT_ACTIVE_AGAIN);
  }

  private LifecycleEngine engine(AlertStore store) {
    return new LifecycleEngine(store, notifier, LabelIncidentLinker.defaults(), Duration.ZERO);
  }

  private AlertStore recording(List<String> calls, UnaryOperator<StoreTransaction> inner) {
    return new ForwardingAlertStore(
        memory,
        transaction ->
            new ForwardingStoreTransaction(inner.apply(transaction)) {
              @Override
              public void lockKeys(List<String> sortedKeys) {
                calls.add("lockKeys " + sortedKeys);
                super.lockKeys(sortedKeys);
              }

              @Override
              public void lockGroups(List<String> sortedGroups) {
                calls.add("lockGroups " + sortedGroups);
                super.lockGroups(sortedGroups);
              }
            }) {
      @Override
      public <T> T inTransaction(TransactionWork<T> work) {
        calls.add("inTransaction");
        return super.inTransaction(work);
      }
    };
  }

  private static final class SimulatedDeadlock extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  /** The file that slf4j-simple writes test logs to, as set in simplelogger.properties. */
  private static final Path TEST_LOG = Path.of("target", "test.log");

  private static String readFrom(Path file, long offset) throws IOException {
    byte[] all = Files.readAllBytes(file);
    return new String(all, (int) offset, all.length - (int) offset, StandardCharsets.UTF_8);
  }
}
