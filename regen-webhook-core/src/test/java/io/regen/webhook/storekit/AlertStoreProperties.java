package io.regen.webhook.storekit;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.Outcome;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import io.regen.webhook.storekit.RecordingNotifier.Notice;
import io.regen.webhook.storekit.Scenario.Operation;
import io.regen.webhook.storekit.Scenario.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * Property-based contract of an {@link AlertStore}: random histories over a small key space, cut
 * into random requests, run through the engine and compared with the {@link ReferenceModel}.
 *
 * <p>To check a store, extend this class and return a new, empty store from {@link #createStore()};
 * override {@link #releaseStore} to close it. Every try creates its own store. Each property runs
 * 200 tries by default; a slower store lowers that with jqwik's {@code PropertyDefaults} annotation
 * on its subclass:
 *
 * <pre>{@code
 * @PropertyDefaults(tries = 50)
 * class MyStorePropertiesTest extends AlertStoreProperties {
 *   @Override
 *   protected AlertStore createStore() {
 *     return new MyStore(freshEmptyDatabase());
 *   }
 * }
 * }</pre>
 *
 * <p>A failing try is shrunk to a shortest history that still fails, and the violations found are
 * in the assertion message.
 */
@PropertyDefaults(tries = 200, shrinking = ShrinkingMode.FULL)
public abstract class AlertStoreProperties {

  /** Returns a new store that contains no alerts, incidents or remembered resolves. */
  protected abstract AlertStore createStore();

  /** Releases a store made by {@link #createStore()}; does nothing by default. */
  protected void releaseStore(AlertStore store) {}

  /** Provides random histories. */
  @Provide
  public Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  /** Provides a request of redeliverable events. */
  @Provide
  public Arbitrary<List<Operation>> redeliverable() {
    return Scenarios.redeliverableRequests();
  }

  /**
   * Checks outcomes, reported alerts and incidents, notifications and final state against the
   * model, and that at most one alert per key is open after every request.
   */
  @Property
  public void storeMatchesModel(@ForAll("scenarios") Scenario scenario) {
    List<String> violations =
        withStore(store -> ScenarioRun.run(store, scenario, Split.AS_GENERATED).violations());

    assertThat(violations).isEmpty();
  }

  /**
   * Checks, one event per request, that late events change nothing and that an incident is flagged
   * exactly when its last open alert resolves, once.
   */
  @Property
  public void singleEventRequestsKeepInvariants(@ForAll("scenarios") Scenario scenario) {
    List<String> violations =
        withStore(store -> ScenarioRun.run(store, scenario, Split.ONE_PER_REQUEST).violations());

    assertThat(violations).isEmpty();
  }

  /** Checks that outcomes and final state do not depend on how events are cut into requests. */
  @Property
  public void finalStateIndependentOfSplit(@ForAll("scenarios") Scenario scenario) {
    List<Object> asGenerated = withStore(store -> result(store, scenario, Split.AS_GENERATED));
    List<Object> onePerRequest = withStore(store -> result(store, scenario, Split.ONE_PER_REQUEST));
    List<Object> fewest = withStore(store -> result(store, scenario, Split.FEWEST));

    assertThat(onePerRequest).isEqualTo(asGenerated);
    assertThat(fewest).isEqualTo(asGenerated);
  }

  private static List<Object> result(AlertStore store, Scenario scenario, Split split) {
    ScenarioRun run = ScenarioRun.run(store, scenario, split);
    return List.of(run.outcomes(), run.canonicalState());
  }

  /**
   * Checks that replaying a request whose firing events carry their {@code started_at} changes
   * nothing but event counts and times of last event: every replayed event is updated, stale or
   * unmatched, and no alert or incident is created, reopened, resolved or flagged.
   */
  @Property
  public void replayChangesOnlyCounters(
      @ForAll("scenarios") Scenario history, @ForAll("redeliverable") List<Operation> request) {
    withStore(
        store -> {
          ScenarioRun run = ScenarioRun.run(store, history, Split.AS_GENERATED);
          assertThat(run.violations()).isEmpty();
          Instant first = history.end().plus(Duration.ofMinutes(1));
          List<AlertEvent> events = events(request, first);
          run.applyToStoreOnly(events);
          List<String> before = withoutCounters(run.canonicalState());
          run.drainNotices();

          List<EventResult> replayed =
              run.applyToStoreOnly(redelivered(events, first.plus(Duration.ofMinutes(1))));

          assertThat(replayed)
              .extracting(EventResult::outcome)
              .allMatch(o -> o == Outcome.UPDATED || o == Outcome.STALE || o == Outcome.UNMATCHED);
          assertThat(run.drainNotices())
              .extracting(Notice::kind)
              .allMatch(kind -> kind == Kind.ALERT_UPDATED);
          assertThat(withoutCounters(run.canonicalState())).isEqualTo(before);
          return null;
        });
  }

  private static List<AlertEvent> events(List<Operation> request, Instant receivedAt) {
    List<AlertEvent> events = new ArrayList<>();
    for (Operation operation : request) {
      events.add(operation.toEvent(events.size(), receivedAt));
    }
    return events;
  }

  /** Returns the same events, with their {@code started_at}, received again at a later time. */
  private static List<AlertEvent> redelivered(List<AlertEvent> events, Instant receivedAt) {
    return events.stream()
        .map(
            e ->
                new AlertEvent(
                    e.index(),
                    e.dedupKey(),
                    e.externalId(),
                    e.title(),
                    e.description(),
                    e.severity(),
                    e.status(),
                    e.source(),
                    e.labels(),
                    e.annotationsJson(),
                    e.startedAt(),
                    receivedAt))
        .toList();
  }

  /** Drops event counts and times of last event from a canonical state. */
  private static List<String> withoutCounters(List<String> state) {
    return state.stream()
        .filter(line -> !line.startsWith("incident notices"))
        .map(line -> line.replaceAll("\\|[^|]*(\\|[^|]*)\\|events=\\d+", "$1|"))
        .toList();
  }

  private <T> T withStore(Function<AlertStore, T> action) {
    AlertStore store = createStore();
    try {
      return action.apply(store);
    } finally {
      releaseStore(store);
    }
  }
}
