package io.regen.webhook;

import io.regen.webhook.spi.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Stands in for the lifecycle engine in handler tests: records the events it is given and returns
 * {@code created} for each, or fails like an unavailable store.
 */
final class RecordingEngine implements Function<List<AlertEvent>, List<EventResult>> {

  final List<List<AlertEvent>> calls = new ArrayList<>();
  boolean storeDown;

  @Override
  public List<EventResult> apply(List<AlertEvent> events) {
    calls.add(events);
    if (storeDown) {
      throw new StoreUnavailableException("connection refused");
    }
    List<EventResult> results = new ArrayList<>();
    for (AlertEvent event : events) {
      results.add(
          EventResult.applied(event, Outcome.CREATED, "alert-" + event.index(), "incident-1"));
    }
    return results;
  }

  List<AlertEvent> onlyCall() {
    if (calls.size() != 1) {
      throw new AssertionError("expected one engine call, got " + calls.size());
    }
    return calls.get(0);
  }
}
