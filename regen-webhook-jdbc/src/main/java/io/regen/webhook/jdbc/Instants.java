package io.regen.webhook.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Precision of the instants that the store keeps. */
final class Instants {

  private Instants() {}

  /** Returns the instant as the store keeps it: truncated to whole microseconds. */
  static Instant stored(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }
}
