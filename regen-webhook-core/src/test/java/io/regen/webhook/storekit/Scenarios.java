package io.regen.webhook.storekit;

import io.regen.webhook.Severity;
import io.regen.webhook.storekit.Scenario.Fields;
import io.regen.webhook.storekit.Scenario.Kind;
import io.regen.webhook.storekit.Scenario.Operation;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of {@link Scenario}s over a small key space, so that keys collide often: three keys
 * and events without a key, two services, one environment, explicit {@code started_at} values
 * around the times of receipt, and a reopen window of three minutes or none.
 */
public final class Scenarios {

  /** The reopen window of scenarios that reopen. */
  public static final Duration REOPEN_WINDOW = Duration.ofMinutes(3);

  private Scenarios() {}

  /** Returns scenarios of 1 to 30 operations, with and without a reopen window. */
  public static Arbitrary<Scenario> scenarios() {
    return Combinators.combine(
            Arbitraries.of(Duration.ZERO, REOPEN_WINDOW), operations(true).list().ofMaxSize(30))
        .as(Scenario::new)
        .filter(scenario -> !scenario.operations().isEmpty());
  }

  /** Returns operations; host closes only when {@code withCloses} is set. */
  public static Arbitrary<Operation> operations(boolean withCloses) {
    Arbitrary<Kind> kinds =
        withCloses
            ? Arbitraries.frequency(
                Tuple.of(10, Kind.FIRE),
                Tuple.of(6, Kind.RESOLVE),
                Tuple.of(1, Kind.CLOSE_INCIDENT))
            : Arbitraries.frequency(Tuple.of(10, Kind.FIRE), Tuple.of(6, Kind.RESOLVE));
    Arbitrary<String> keys =
        Arbitraries.frequency(
                Tuple.of(4, "k1"), Tuple.of(4, "k2"), Tuple.of(3, "k3"), Tuple.of(1, ""))
            .map(key -> key.isEmpty() ? null : key);
    return Combinators.combine(
            kinds,
            keys,
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(-1, 3).injectNull(0.5),
            Arbitraries.of(true, false),
            fields())
        .as(Operation::new);
  }

  /**
   * Returns firing operations with a key and an explicit {@code started_at} at or before receipt.
   */
  public static Arbitrary<Operation> redeliverableOperations() {
    return Combinators.combine(
            Arbitraries.frequency(Tuple.of(3, Kind.FIRE), Tuple.of(1, Kind.RESOLVE)),
            Arbitraries.of("k1", "k2", "k3"),
            Arbitraries.integers().between(0, 3),
            fields())
        .as(
            (kind, key, startedBefore, fields) ->
                new Operation(kind, key, 0, startedBefore, false, fields));
  }

  private static Arbitrary<Fields> fields() {
    return Combinators.combine(
            Arbitraries.of("Queue backlog", "Queue backlog growing").injectNull(0.3),
            Arbitraries.of("first", "second").injectNull(0.5),
            Arbitraries.of(Severity.values()).injectNull(0.5),
            Arbitraries.of("worker").injectNull(0.3),
            Arbitraries.of("api", "db").injectNull(0.3),
            Arbitraries.of("prod").injectNull(0.5),
            Arbitraries.of(true, false),
            Arbitraries.of("{}", "{\"runbook\":\"r1\"}").injectNull(0.5))
        .as(Fields::new);
  }

  /** Returns lists of 1 to 6 redeliverable operations, which make one request. */
  public static Arbitrary<List<Operation>> redeliverableRequests() {
    return redeliverableOperations().list().ofMinSize(1).ofMaxSize(6);
  }
}
