package io.regen.webhook.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreConcurrencyContract;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/** Runs the concurrency contract on a store that never flags an incident and expects failures. */
class ConcurrencyContractDetectionTest {

  /** The concurrency contract on a store that loses flags; run only by the launcher below. */
  @EnabledIfSystemProperty(named = LauncherOnly.PROPERTY, matches = "true")
  static class LosingFlagsContract extends AlertStoreConcurrencyContract {
    @Override
    protected AlertStore createStore() {
      return BrokenStores.losingFlags();
    }
  }

  @Test
  void lostFlagsFailEveryRace() {
    Map<String, TestExecutionResult.Status> statuses = new HashMap<>();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
              statuses.put(test.getDisplayName(), result.getStatus());
            }
          }
        };
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(DiscoverySelectors.selectClass(LosingFlagsContract.class))
            .build();

    LauncherOnly.execute(request, listener);

    assertThat(statuses).hasSize(3);
    assertThat(statuses)
        .allSatisfy(
            (name, status) ->
                assertThat(status).as(name).isEqualTo(TestExecutionResult.Status.FAILED));
  }
}
