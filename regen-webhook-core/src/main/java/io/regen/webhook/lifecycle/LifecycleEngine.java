package io.regen.webhook.lifecycle;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentLinker;
import io.regen.webhook.spi.IncidentNotifier;
import java.time.Duration;
import java.util.List;

/**
 * Applies the valid events of one request to an {@link AlertStore}: deduplication, resolves, late
 * events, the reopen window and incidents.
 */
public final class LifecycleEngine {

  /** Creates an engine; a zero reopen window switches reopening off. */
  public LifecycleEngine(
      AlertStore store, IncidentNotifier notifier, IncidentLinker linker, Duration reopenWindow) {
    throw new UnsupportedOperationException("lifecycle engine is not built yet");
  }

  /**
   * Applies the events in array order as one unit of work, then sends notifications.
   *
   * @return one result per event, in the same order
   * @throws io.regen.webhook.spi.StoreUnavailableException if the store failed; nothing applied
   */
  public List<EventResult> apply(List<AlertEvent> events) {
    throw new UnsupportedOperationException("lifecycle engine is not built yet");
  }
}
