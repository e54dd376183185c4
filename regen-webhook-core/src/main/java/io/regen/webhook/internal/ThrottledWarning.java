package io.regen.webhook.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * Logs a repeated warning at most once per interval, with the number of repeats suppressed since
 * the last one. Suppressed repeats go to DEBUG. Thread-safe.
 *
 * <p>Internal to regen-webhook: public only so that its packages can share it, and not part of the
 * API.
 */
public final class ThrottledWarning {

  private final Logger log;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final AtomicLong nextWarningNanos;
  private final AtomicLong suppressed = new AtomicLong();

  /** Creates a throttle that measures the interval with {@link System#nanoTime()}. */
  public ThrottledWarning(Logger log, Duration interval) {
    this(log, interval, System::nanoTime);
  }

  /** Creates a throttle that measures the interval with the given nanosecond clock. */
  public ThrottledWarning(Logger log, Duration interval, LongSupplier nanoTime) {
    this.log = log;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.nextWarningNanos = new AtomicLong(nanoTime.getAsLong());
  }

  /**
   * Logs the message with its cause at WARN, or at DEBUG when a warning was logged less than one
   * interval ago.
   *
   * @return whether the message was logged at WARN
   */
  public boolean warn(String message, Throwable cause) {
    long now = nanoTime.getAsLong();
    long next = nextWarningNanos.get();
    if (now - next >= 0 && nextWarningNanos.compareAndSet(next, now + intervalNanos)) {
      log.warn("{} ({} similar warnings suppressed)", message, suppressed.getAndSet(0), cause);
      return true;
    }
    suppressed.incrementAndGet();
    log.debug(message, cause);
    return false;
  }
}
