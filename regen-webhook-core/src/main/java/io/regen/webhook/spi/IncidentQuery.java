package io.regen.webhook.spi;

import io.regen.webhook.IncidentState;
import java.util.Optional;

/**
 * Filters for {@link AlertStore#listIncidents}; an empty filter matches every incident.
 *
 * @param state only incidents in this state
 * @param limit maximum number of incidents returned, from 1 to 1,000
 */
public record IncidentQuery(Optional<IncidentState> state, int limit) {

  /** Default and maximum of {@link #limit}. */
  public static final int MAX_LIMIT = 1_000;

  public IncidentQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  /** Returns a query that matches every incident, up to {@link #MAX_LIMIT} of them. */
  public static IncidentQuery all() {
    return new IncidentQuery(Optional.empty(), MAX_LIMIT);
  }

  /** Returns a copy that matches only incidents in this state. */
  public IncidentQuery withState(IncidentState value) {
    return new IncidentQuery(Optional.of(value), limit);
  }
}
