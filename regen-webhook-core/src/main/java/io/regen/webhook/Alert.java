package io.regen.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert as the store keeps it: one episode of a problem, open while its status is {@link
 * AlertStatus#FIRING}.
 *
 * @param id store-assigned identifier, unique across all alerts
 * @param dedupKey deduplication key, or {@code null} for an alert created without one (key
 *     derivation switched off and no {@code external_id}); such an alert is never matched again
 * @param externalId the sender's {@code external_id}, or {@code null}
 * @param title alert title
 * @param description details, or {@code null}
 * @param severity severity
 * @param status current status
 * @param source name of the sending system, or {@code null}
 * @param labels labels, empty when none; an immutable map
 * @param annotationsJson annotations as compact JSON object text, {@code "{}"} when none
 * @param startedAt when the problem started: the first event's {@code started_at}, or its time of
 *     receipt
 * @param lastEventAt time of receipt of the latest event applied to this alert
 * @param resolvedAt time of receipt of the resolve, or {@code null} while the alert is open
 * @param eventCount number of events applied to this alert, the creating one included
 * @param reopenCount how many times the alert was reopened within the reopen window
 * @param incidentId identifier of the incident the alert belongs to
 */
public record Alert(
    String id,
    String dedupKey,
    String externalId,
    String title,
    String description,
    Severity severity,
    AlertStatus status,
    String source,
    Map<String, String> labels,
    String annotationsJson,
    Instant startedAt,
    Instant lastEventAt,
    Instant resolvedAt,
    long eventCount,
    int reopenCount,
    String incidentId) {

  public Alert {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(status, "status");
    labels = Map.copyOf(Objects.requireNonNull(labels, "labels"));
    Objects.requireNonNull(annotationsJson, "annotationsJson");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(lastEventAt, "lastEventAt");
    Objects.requireNonNull(incidentId, "incidentId");
    if (eventCount < 1) {
      throw new IllegalArgumentException("eventCount must be at least 1: " + eventCount);
    }
    if (reopenCount < 0) {
      throw new IllegalArgumentException("reopenCount must not be negative: " + reopenCount);
    }
    if ((status == AlertStatus.RESOLVED) != (resolvedAt != null)) {
      throw new IllegalArgumentException("resolvedAt must be set exactly when status is resolved");
    }
  }

  /** Returns whether the alert is open, that is firing. */
  public boolean isOpen() {
    return status == AlertStatus.FIRING;
  }
}
