package io.regen.webhook.lifecycle;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.internal.ThrottledWarning;
import io.regen.webhook.spi.IncidentNotifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * Notifications collected during one unit of work, sent after it committed. Not thread-safe: each
 * attempt of a unit of work collects into its own instance.
 */
final class Notifications {

  private final List<Change<Alert>> alertChanges = new ArrayList<>();
  private final List<Change<Incident>> incidentChanges = new ArrayList<>();

  void alertCreated(Alert alert) {
    alertChanges.add(new Change<>("alertCreated", alert, IncidentNotifier::alertCreated));
  }

  void alertUpdated(Alert alert) {
    alertChanges.add(new Change<>("alertUpdated", alert, IncidentNotifier::alertUpdated));
  }

  void alertResolved(Alert alert) {
    alertChanges.add(new Change<>("alertResolved", alert, IncidentNotifier::alertResolved));
  }

  void alertReopened(Alert alert) {
    alertChanges.add(new Change<>("alertReopened", alert, IncidentNotifier::alertReopened));
  }

  void incidentFlagged(Incident incident) {
    incidentChanges.add(
        new Change<>("incidentFlagged", incident, IncidentNotifier::incidentFlagged));
  }

  void incidentActiveAgain(Incident incident) {
    incidentChanges.add(
        new Change<>("incidentActiveAgain", incident, IncidentNotifier::incidentActiveAgain));
  }

  /**
   * Sends the alert changes and then the incident changes, each in the order they were made. A
   * notifier that throws is logged through the throttled warning, at WARN at most once per
   * interval and at DEBUG otherwise, and the remaining changes are still sent.
   */
  void send(IncidentNotifier notifier, ThrottledWarning failures) {
    for (Change<Alert> change : alertChanges) {
      change.send(notifier, failures, "alert", change.value().id());
    }
    for (Change<Incident> change : incidentChanges) {
      change.send(notifier, failures, "incident", change.value().id());
    }
  }

  private record Change<T>(String name, T value, BiConsumer<IncidentNotifier, T> call) {

    void send(IncidentNotifier notifier, ThrottledWarning failures, String kind, String id) {
      try {
        call.accept(notifier, value);
      } catch (RuntimeException e) {
        failures.warn("Notifier failed in " + name + " for " + kind + " " + id, e);
      }
    }
  }
}
