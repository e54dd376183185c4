package io.regen.webhook.wire;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.FieldError;
import java.util.List;

/**
 * The outcome of binding a request body.
 *
 * @param requestErrors errors of the body as a whole (not an object, no {@code alerts} array, too
 *     many alerts); when present, no alert was looked at and both other lists are empty
 * @param events the valid alerts, in array order
 * @param rejected one result per invalid alert, in array order, each with its errors
 */
public record BindResult(
    List<FieldError> requestErrors, List<AlertEvent> events, List<EventResult> rejected) {

  public BindResult {
    requestErrors = List.copyOf(requestErrors);
    events = List.copyOf(events);
    rejected = List.copyOf(rejected);
  }

  /** Returns a result for a body rejected as a whole. */
  static BindResult requestError(FieldError error) {
    return new BindResult(List.of(error), List.of(), List.of());
  }
}
