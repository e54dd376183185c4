package io.regen.webhook.spi;

import io.regen.webhook.AlertStatus;
import java.util.Optional;

/**
 * Filters for {@link AlertStore#listAlerts}; an empty filter matches every alert.
 *
 * @param externalId only alerts with this {@code external_id}
 * @param status only alerts with this status
 * @param incidentId only alerts of this incident
 * @param limit maximum number of alerts returned, from 1 to 1,000
 */
public record AlertQuery(
    Optional<String> externalId,
    Optional<AlertStatus> status,
    Optional<String> incidentId,
    int limit) {

  /** Default and maximum of {@link #limit}. */
  public static final int MAX_LIMIT = 1_000;

  public AlertQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ": " + limit);
    }
  }

  /** Returns a query that matches every alert, up to {@link #MAX_LIMIT} of them. */
  public static AlertQuery all() {
    return new AlertQuery(Optional.empty(), Optional.empty(), Optional.empty(), MAX_LIMIT);
  }

  /** Returns a copy that matches only this {@code external_id}. */
  public AlertQuery withExternalId(String value) {
    return new AlertQuery(Optional.of(value), status, incidentId, limit);
  }

  /** Returns a copy that matches only this status. */
  public AlertQuery withStatus(AlertStatus value) {
    return new AlertQuery(externalId, Optional.of(value), incidentId, limit);
  }

  /** Returns a copy that matches only alerts of this incident. */
  public AlertQuery withIncidentId(String value) {
    return new AlertQuery(externalId, status, Optional.of(value), limit);
  }

  /** Returns a copy that returns at most this many alerts. */
  public AlertQuery withLimit(int value) {
    return new AlertQuery(externalId, status, incidentId, value);
  }
}
