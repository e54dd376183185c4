package io.regen.webhook;

import java.util.Locale;

/**
 * State of an incident.
 *
 * <p>An incident is {@link #ACTIVE} while at least one of its alerts is open, {@link
 * #RESOLUTION_PENDING} once all of them are resolved (flagged for the host), and {@link #RESOLVED}
 * after the host closed it for good. A closed incident never takes new alerts.
 */
public enum IncidentState {
  ACTIVE,
  RESOLUTION_PENDING,
  RESOLVED;

  /** Returns the name used in JSON, such as {@code "resolution_pending"}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
