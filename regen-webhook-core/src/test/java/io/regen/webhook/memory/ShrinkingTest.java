package io.regen.webhook.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreProperties;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;

/**
 * Runs the model property of the store contract kit on a store that does not remember unmatched
 * resolves, and checks that jqwik shrinks the failure to the two operations that show the bug: a
 * resolve of a key without open alert, then a firing event of that key started at that resolve.
 */
class ShrinkingTest {

  /**
   * The properties on a store that does not remember unmatched resolves; run only by the launcher
   * below.
   */
  @AddLifecycleHook(LauncherOnly.SkipOutsideLauncher.class)
  static class ForgettingResolvesProperties extends AlertStoreProperties {
    @Override
    protected AlertStore createStore() {
      return BrokenStores.forgettingResolves();
    }
  }

  @Test
  void shrinkingReportsMinimalHistory() {
    List<String> reports = new ArrayList<>();
    List<TestExecutionResult> results = new ArrayList<>();
    TestExecutionListener listener =
        new TestExecutionListener() {
          @Override
          public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
            reports.add(entry.getKeyValuePairs().toString());
          }

          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
              results.add(result);
            }
          }
        };
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(
                DiscoverySelectors.selectMethod(
                    ForgettingResolvesProperties.class,
                    "storeMatchesModel",
                    "io.regen.webhook.storekit.Scenario"))
            .configurationParameter("jqwik.reporting.usejunitplatform", "true")
            .configurationParameter("jqwik.reporting.onlyfailures", "true")
            .configurationParameter("jqwik.failures.after.default", "RANDOM_SEED")
            .build();

    LauncherOnly.execute(request, listener);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).getStatus()).isEqualTo(TestExecutionResult.Status.FAILED);
    assertThat(results.get(0).getThrowable())
        .get()
        .asString()
        .contains("outcome CREATED, expected STALE");
    String report = String.join("\n", reports);
    assertThat(report).contains("Shrunk Sample");
    String shrunk =
        report.substring(report.indexOf("Shrunk Sample"), report.indexOf("Original Sample"));
    assertThat(shrunk.split("Operation\\[", -1)).hasSize(3);
    assertThat(shrunk).contains("kind=RESOLVE, key=k1").contains("kind=FIRE, key=k1");
  }
}
