package io.regen.webhook.spi;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;

/**
 * Receives lifecycle changes after the unit of work that made them has committed; never for a
 * change that was rolled back.
 *
 * <p>Calls come from the thread that handled the request, in the order of the request's events;
 * the incident changes of a request follow its alert changes. An exception thrown here is logged
 * with the ids involved and does not fail the request. It is logged at WARN at most once every 10
 * seconds per handler and at DEBUG in between, so that a notifier that is down does not flood the
 * log.
 * Implementations that are slow should hand
 * the work to an executor of their own. Every method does nothing by default.
 */
public interface IncidentNotifier {

  /** A notifier that ignores every change. */
  IncidentNotifier NONE = new IncidentNotifier() {};

  /** Called when an event created a new alert. */
  default void alertCreated(Alert alert) {}

  /** Called when an event updated an open alert. */
  default void alertUpdated(Alert alert) {}

  /** Called when an event resolved an open alert. */
  default void alertResolved(Alert alert) {}

  /** Called when a firing event reopened a resolved alert within the reopen window. */
  default void alertReopened(Alert alert) {}

  /**
   * Called exactly once when the last open alert of an incident resolved and the incident became
   * {@code resolution_pending}, waiting for the host to close it.
   */
  default void incidentFlagged(Incident incident) {}

  /** Called when a flagged incident became {@code active} again because an alert joined it. */
  default void incidentActiveAgain(Incident incident) {}
}
