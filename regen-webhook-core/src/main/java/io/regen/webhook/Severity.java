package io.regen.webhook;

import java.util.Locale;
import java.util.Optional;

/** Severity of an alert, as named on the wire in lower case. */
public enum Severity {
  CRITICAL,
  WARNING,
  INFO;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** Returns the name used in JSON, such as {@code "critical"}. */
  public String wireName() {
    return wireName;
  }

  /** Finds the severity with this exact wire name; matching is case-sensitive. */
  public static Optional<Severity> fromWireName(String value) {
    for (Severity severity : values()) {
      if (severity.wireName().equals(value)) {
        return Optional.of(severity);
      }
    }
    return Optional.empty();
  }
}
