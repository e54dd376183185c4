package io.regen.webhook;

import java.util.List;
import java.util.Objects;

/**
 * The result of one event of a request, as listed in the {@code results} array of a 202 or 207
 * response.
 *
 * @param index position of the event in the {@code alerts} array
 * @param externalId the event's {@code external_id}, or {@code null}
 * @param dedupKey the key used for deduplication, or {@code null} for a rejected or keyless event
 * @param outcome what the event did
 * @param alertId the alert the event created or changed, or {@code null} for {@code unmatched}
 *     and {@code rejected}; for {@code stale}, the open or last resolved alert of the key, if any
 * @param incidentId the incident of that alert, or {@code null} when {@code alertId} is
 * @param errors validation errors, empty unless the outcome is {@link Outcome#REJECTED}
 */
public record EventResult(
    int index,
    String externalId,
    String dedupKey,
    Outcome outcome,
    String alertId,
    String incidentId,
    List<FieldError> errors) {

  public EventResult {
    Objects.requireNonNull(outcome, "outcome");
    errors = List.copyOf(Objects.requireNonNull(errors, "errors"));
    if ((outcome == Outcome.REJECTED) == errors.isEmpty()) {
      throw new IllegalArgumentException("errors must be present exactly when rejected");
    }
  }

  /** Creates the result of an event that changed or matched an alert. */
  public static EventResult applied(
      AlertEvent event, Outcome outcome, String alertId, String incidentId) {
    return new EventResult(
        event.index(), event.externalId(), event.dedupKey(), outcome, alertId, incidentId,
        List.of());
  }

  /** Creates the result of an invalid event. */
  public static EventResult rejected(int index, String externalId, List<FieldError> errors) {
    return new EventResult(index, externalId, null, Outcome.REJECTED, null, null, errors);
  }
}
