package io.regen.webhook.spi;

import io.regen.webhook.AlertEvent;
import java.util.Optional;

/**
 * Chooses the incident that a newly created alert joins.
 *
 * <p>The linker returns a group key: alerts created with the same group key join the one incident
 * of that group that is not closed, and a new incident is created when there is none. An empty
 * result gives the alert an incident of its own. Implementations are pure functions of the event,
 * thread-safe and fast, because the engine calls them before it takes its locks.
 */
@FunctionalInterface
public interface IncidentLinker {

  /** Returns the group key for an event that will create an alert, or empty for its own incident. */
  Optional<String> groupKey(AlertEvent event);
}
