package io.regen.webhook.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.Scenario;
import io.regen.webhook.storekit.Scenario.Split;
import io.regen.webhook.storekit.ScenarioRun;
import io.regen.webhook.storekit.Scenarios;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Shows that the model comparison of the store contract kit catches stores with one bug each, and
 * passes the correct in-memory store on the same samples.
 */
class BrokenStoreDetectionTest {

  private static final int SAMPLES = 300;

  @Test
  void forgottenResolveIsCaught() {
    assertThat(firstViolation(BrokenStores::forgettingResolves)).isPresent();
  }

  @Test
  void lostFlagIsCaught() {
    assertThat(firstViolation(BrokenStores::losingFlags)).isPresent();
  }

  @Test
  void forgottenResolvedAlertIsCaught() {
    assertThat(firstViolation(BrokenStores::forgettingResolvedAlerts)).isPresent();
  }

  @Test
  void hiddenFlaggedIncidentIsCaught() {
    assertThat(firstViolation(BrokenStores::hidingFlaggedIncidents)).isPresent();
  }

  @Test
  void correctStorePassesSameSamples() {
    assertThat(firstViolation(InMemoryAlertStore::new)).isEmpty();
  }

  private static Optional<List<String>> firstViolation(Supplier<AlertStore> stores) {
    return Scenarios.scenarios()
        .sampleStream()
        .limit(SAMPLES)
        .map((Scenario scenario) -> violations(stores.get(), scenario))
        .filter(violations -> !violations.isEmpty())
        .findFirst();
  }

  private static List<String> violations(AlertStore store, Scenario scenario) {
    return ScenarioRun.run(store, scenario, Split.AS_GENERATED).violations();
  }
}
