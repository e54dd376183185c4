package io.regen.webhook;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Logs a repeated warning at most once per interval, with the number of repeats suppressed since
 * the last one; suppressed repeats go to DEBUG. Thread-safe.
 */
final class ThrottledWarning {

  private final Logger log;
  private final long intervalNanos;
  private final AtomicLong nextWarningNanos;
  private final AtomicLong suppressed = new AtomicLong();

  ThrottledWarning(Logger log, long interval, TimeUnit unit) {
    this.log = log;
    this.intervalNanos = unit.toNanos(interval);
    this.nextWarningNanos = new AtomicLong(System.nanoTime());
  }

  /** Logs the message with its cause at WARN, or at DEBUG when a warning was logged recently. */
  void warn(String message, Throwable cause) {
    long now = System.nanoTime();
    long next = nextWarningNanos.get();
    if (now - next >= 0 && nextWarningNanos.compareAndSet(next, now + intervalNanos)) {
      log.warn("{} ({} similar warnings suppressed)", message, suppressed.getAndSet(0), cause);
    } else {
      suppressed.incrementAndGet();
      log.debug(message, cause);
    }
  }
}
