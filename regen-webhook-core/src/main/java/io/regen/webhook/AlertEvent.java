package io.regen.webhook;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One validated element of a request's {@code alerts} array, ready for the lifecycle engine.
 *
 * <p>Optional fields are {@code null} when the sender left them out or sent {@code null}; the
 * engine then keeps the stored value of an existing alert, or applies the creation default.
 * Only {@code status} is defaulted when the event is parsed, to {@link AlertStatus#FIRING}.
 *
 * @param index position of the event in the {@code alerts} array, from 0
 * @param dedupKey deduplication key: {@code externalId} when given, otherwise the derived key,
 *     or {@code null} when key derivation is switched off and no {@code externalId} was sent
 * @param externalId the sender's stable key, or {@code null}
 * @param title alert title, or {@code null} on a resolve that carries {@code externalId}
 * @param description details, or {@code null}
 * @param severity severity, or {@code null} (an alert created without one gets {@link
 *     Severity#WARNING})
 * @param status the event's status, defaulted to {@link AlertStatus#FIRING}
 * @param source name of the sending system, or {@code null}
 * @param labels labels with numbers and booleans kept as their JSON text, or {@code null} when
 *     absent; an immutable map
 * @param annotationsJson the annotations object as compact JSON text, or {@code null} when absent
 * @param startedAt the explicit {@code started_at}, or {@code null} when the sender left it out
 * @param receivedAt time of receipt, read from the configured clock once per request
 */
public record AlertEvent(
    int index,
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
    Instant receivedAt) {

  public AlertEvent {
    if (index < 0) {
      throw new IllegalArgumentException("index must not be negative: " + index);
    }
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(receivedAt, "receivedAt");
    if (labels != null) {
      labels = Map.copyOf(labels);
    }
  }

  /** Returns {@code startedAt} when the sender gave it, otherwise the time of receipt. */
  public Instant effectiveStartedAt() {
    return startedAt != null ? startedAt : receivedAt;
  }

  /** Returns whether the event resolves its alert. */
  public boolean isResolve() {
    return status == AlertStatus.RESOLVED;
  }
}
