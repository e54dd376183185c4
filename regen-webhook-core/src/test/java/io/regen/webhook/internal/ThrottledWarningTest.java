package io.regen.webhook.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledWarningTest {

  private final AtomicLong now = new AtomicLong(1_000);
  private final ThrottledWarning warning =
      new ThrottledWarning(
          LoggerFactory.getLogger(ThrottledWarningTest.class), Duration.ofNanos(100), now::get);

  @Test
  void warnsOncePerInterval() {
    RuntimeException cause = new RuntimeException("store down");

    assertThat(warning.warn("store unavailable", cause)).isTrue();
    assertThat(warning.warn("store unavailable", cause)).isFalse();
    now.addAndGet(99);
    assertThat(warning.warn("store unavailable", cause)).isFalse();
    now.addAndGet(1);
    assertThat(warning.warn("store unavailable", cause)).isTrue();
    assertThat(warning.warn("store unavailable", cause)).isFalse();
  }
}
