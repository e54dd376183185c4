package io.regen.webhook.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.storekit.Scenario;
import io.regen.webhook.storekit.Scenario.Fields;
import io.regen.webhook.storekit.Scenario.Kind;
import io.regen.webhook.storekit.Scenario.Operation;
import io.regen.webhook.storekit.Scenario.Split;
import io.regen.webhook.storekit.ScenarioRun;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two alerts of one key resolved at the same instant tie on {@code resolvedAt}; the model breaks
 * the tie by store id, also for alerts created by the request it is comparing.
 */
class ReferenceModelTieTest {

  private static final Fields PLAIN = new Fields(null, null, null, null, null, null, false, null);

  @Test
  void sameInstantResolvesInOneRequest() {
    Scenario scenario =
        new Scenario(
            Duration.ZERO,
            List.of(
                operation(Kind.FIRE, false),
                operation(Kind.RESOLVE, false),
                operation(Kind.FIRE, false),
                operation(Kind.RESOLVE, false),
                operation(Kind.FIRE, true)));

    ScenarioRun run = ScenarioRun.run(new InMemoryAlertStore(), scenario, Split.FEWEST);

    assertThat(run.violations()).isEmpty();
    assertThat(run.outcomes()).hasSize(5);
  }

  private static Operation operation(Kind kind, boolean endsRequest) {
    return new Operation(kind, "k1", 0, null, endsRequest, PLAIN);
  }
}
