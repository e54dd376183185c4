package io.regen.webhook;

import java.time.Instant;
import java.util.Objects;

/**
 * A group of related alerts that the host handles as one problem.
 *
 * @param id store-assigned identifier
 * @param groupKey the key chosen by the {@link io.regen.webhook.spi.IncidentLinker}, or {@code
 *     null} for an incident of its own alert
 * @param state current state
 * @param createdAt when the incident was created
 * @param flaggedAt when the incident was last flagged for resolution, or {@code null} unless its
 *     state is {@link IncidentState#RESOLUTION_PENDING} or {@link IncidentState#RESOLVED}
 * @param resolvedAt when the host closed the incident, or {@code null} unless its state is {@link
 *     IncidentState#RESOLVED}
 */
public record Incident(
    String id,
    String groupKey,
    IncidentState state,
    Instant createdAt,
    Instant flaggedAt,
    Instant resolvedAt) {

  public Incident {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    if ((state == IncidentState.RESOLVED) != (resolvedAt != null)) {
      throw new IllegalArgumentException("resolvedAt must be set exactly when state is resolved");
    }
  }
}
