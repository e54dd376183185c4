package io.regen.webhook.storekit;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * Builds {@link AlertEvent}s for tests, as the parser would hand them to the engine: the dedup key
 * is the {@code external_id} unless set otherwise, and every other field starts absent. Not
 * thread-safe.
 */
public final class EventBuilder {

  private final AlertStatus status;
  private String dedupKey;
  private String externalId;
  private String title;
  private String description;
  private Severity severity;
  private String source;
  private Map<String, String> labels;
  private String annotationsJson;
  private Instant startedAt;

  private EventBuilder(AlertStatus status, String externalId) {
    this.status = status;
    this.externalId = externalId;
    this.dedupKey = externalId;
  }

  /** Starts a firing event with this {@code external_id} and title. */
  public static EventBuilder fire(String externalId, String title) {
    return new EventBuilder(AlertStatus.FIRING, externalId).title(title);
  }

  /** Starts a firing event without {@code external_id} and without dedup key. */
  public static EventBuilder fireWithoutKey(String title) {
    return new EventBuilder(AlertStatus.FIRING, null).title(title);
  }

  /** Starts a resolve event with this {@code external_id} and no title. */
  public static EventBuilder resolve(String externalId) {
    return new EventBuilder(AlertStatus.RESOLVED, externalId);
  }

  /** Sets a dedup key that differs from {@code external_id}, as a derived key does. */
  public EventBuilder derivedKey(String key) {
    this.externalId = null;
    this.dedupKey = key;
    return this;
  }

  /** Sets the title. */
  public EventBuilder title(String value) {
    this.title = value;
    return this;
  }

  /** Sets the description. */
  public EventBuilder description(String value) {
    this.description = value;
    return this;
  }

  /** Sets the severity. */
  public EventBuilder severity(Severity value) {
    this.severity = value;
    return this;
  }

  /** Sets the source. */
  public EventBuilder source(String value) {
    this.source = value;
    return this;
  }

  /** Sets the labels as a whole. */
  public EventBuilder labels(Map<String, String> value) {
    this.labels = value;
    return this;
  }

  /** Sets the annotations as compact JSON object text. */
  public EventBuilder annotations(String json) {
    this.annotationsJson = json;
    return this;
  }

  /** Sets an explicit {@code started_at}. */
  public EventBuilder startedAt(Instant value) {
    this.startedAt = value;
    return this;
  }

  /** Builds the event at this position of its request, received at this time. */
  public AlertEvent build(int index, Instant receivedAt) {
    return new AlertEvent(
        index,
        dedupKey,
        externalId,
        title,
        description,
        severity,
        status,
        source,
        labels,
        annotationsJson,
        startedAt,
        receivedAt);
  }
}
