package io.regen.webhook;

import java.util.Locale;

/** Effect of one event of a request, as reported in the {@code outcome} field of its result. */
public enum Outcome {
  /** A new alert was stored. */
  CREATED,
  /** The open alert with the same key was updated. */
  UPDATED,
  /** The open alert with the same key was resolved. */
  RESOLVED,
  /** A recently resolved alert was opened again, within the configured reopen window. */
  REOPENED,
  /** A resolve for which no open alert exists; the store remembers it for a retention window. */
  UNMATCHED,
  /** A late firing event, started at or before the last resolve of its key; nothing changed. */
  STALE,
  /** The event was invalid and was not stored. */
  REJECTED;

  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** Returns the name used in JSON, such as {@code "created"}. */
  public String wireName() {
    return wireName;
  }
}
