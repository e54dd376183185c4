package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.storekit.EventBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetentionPurgerTest {

  private static final Instant RESOLVED_AT = Instant.parse("2024-01-15T10:00:00Z");

  private final InMemoryAlertStore store = new InMemoryAlertStore();
  private final LifecycleEngine engine =
      new LifecycleEngine(
          store, IncidentNotifier.NONE, LabelIncidentLinker.defaults(), Duration.ZERO);

  @Test
  void keepsResolvesWithinRetention() {
    engine.apply(List.of(EventBuilder.resolve("k").build(0, RESOLVED_AT)));

    int purged = purgerAt(RESOLVED_AT.plus(Duration.ofHours(23))).purgeExpiredResolves();

    assertThat(purged).isZero();
    assertThat(lateFireOutcome()).isEqualTo(Outcome.STALE);
  }

  @Test
  void purgesResolvesPastRetention() {
    engine.apply(List.of(EventBuilder.resolve("k").build(0, RESOLVED_AT)));

    int purged = purgerAt(RESOLVED_AT.plus(Duration.ofHours(25))).purgeExpiredResolves();

    assertThat(purged).isEqualTo(1);
    assertThat(lateFireOutcome()).isEqualTo(Outcome.CREATED);
  }

  private RetentionPurger purgerAt(Instant now) {
    WebhookConfig config =
        WebhookConfig.builder()
            .resolveRetention(Duration.ofHours(24))
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .build();
    return new RetentionPurger(store, config);
  }

  private Outcome lateFireOutcome() {
    AlertEvent late =
        EventBuilder.fire("k", "Disk full")
            .startedAt(RESOLVED_AT.minusSeconds(60))
            .build(0, RESOLVED_AT.plus(Duration.ofDays(2)));
    return engine.apply(List.of(late)).get(0).outcome();
  }
}
