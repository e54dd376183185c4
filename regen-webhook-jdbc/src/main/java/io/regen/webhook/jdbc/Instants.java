package io.regen.webhook.jdbc;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Precision of the instants that the store keeps. */
final class Instants {

  private Instants() {}

  /** First instant that every supported database stores unchanged. */
  static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");

  /** Last instant that every supported database stores unchanged, at microsecond precision. */
  static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

  /**
   * Returns the instant as the store keeps it: truncated to whole microseconds.
   *
   * @throws IllegalArgumentException if it is outside the years 0001 to 9999 in UTC, which
   *     MariaDB's DATETIME would shift silently or reject
   */
  static Instant stored(Instant instant) {
    Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
    if (truncated.isBefore(FIRST) || truncated.isAfter(LAST)) {
      throw new IllegalArgumentException(
          "instant " + instant + " is outside the stored range " + FIRST + " to " + LAST);
    }
    return truncated;
  }

  /**
   * Returns a purge cutoff moved into the stored range. Nothing stored is older than {@link
   * #FIRST}, so an earlier cutoff deletes nothing either way. A later cutoff than {@link #LAST}
   * becomes {@code LAST} and so spares a row stored at exactly {@code LAST}.
   */
  static Instant cutoff(Instant olderThan) {
    if (olderThan.isBefore(FIRST)) {
      return FIRST;
    }
    return olderThan.isAfter(LAST) ? LAST : olderThan;
  }
}
