package io.regen.webhook;

import java.util.Locale;
import java.util.Optional;

/** Status of an alert or of an event: an alert is open while it is {@link #FIRING}. */
public enum AlertStatus {
  FIRING,
  RESOLVED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** Returns the name used in JSON, such as {@code "firing"}. */
  public String wireName() {
    return wireName;
  }

  /** Finds the status with this exact wire name; matching is case-sensitive. */
  public static Optional<AlertStatus> fromWireName(String value) {
    for (AlertStatus status : values()) {
      if (status.wireName().equals(value)) {
        return Optional.of(status);
      }
    }
    return Optional.empty();
  }
}
