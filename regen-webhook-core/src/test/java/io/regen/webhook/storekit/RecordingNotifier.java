package io.regen.webhook.storekit;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.spi.IncidentNotifier;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@link IncidentNotifier} that records every call in order, for assertions. Thread-safe. It can
 * be made to throw from every call after recording it, to test that failures are contained.
 */
public final class RecordingNotifier implements IncidentNotifier {

  /** The notifier method that was called. */
  public enum Kind {
    ALERT_CREATED,
    ALERT_UPDATED,
    ALERT_RESOLVED,
    ALERT_REOPENED,
    INCIDENT_FLAGGED,
    INCIDENT_ACTIVE_AGAIN;

    /** Returns whether the call was about an incident rather than an alert. */
    public boolean isIncidentChange() {
      return this == INCIDENT_FLAGGED || this == INCIDENT_ACTIVE_AGAIN;
    }
  }

  /**
   * One recorded call.
   *
   * @param kind the method called
   * @param id the id of the alert or incident passed
   * @param alert the alert passed, or {@code null} for an incident change
   * @param incident the incident passed, or {@code null} for an alert change
   * @param thread name of the calling thread
   */
  public record Notice(Kind kind, String id, Alert alert, Incident incident, String thread) {}

  private final List<Notice> notices = new ArrayList<>();
  private volatile boolean failing;

  /** Makes every later call throw after it was recorded. */
  public void failFromNowOn() {
    failing = true;
  }

  /** Returns a copy of the calls recorded so far, in order. */
  public synchronized List<Notice> notices() {
    return List.copyOf(notices);
  }

  /** Returns the calls recorded so far and clears them. */
  public synchronized List<Notice> drain() {
    List<Notice> drained = List.copyOf(notices);
    notices.clear();
    return drained;
  }

  /** Returns how many calls of this kind were recorded for this id. */
  public synchronized long count(Kind kind, String id) {
    return notices.stream().filter(n -> n.kind() == kind && n.id().equals(id)).count();
  }

  @Override
  public void alertCreated(Alert alert) {
    record(Kind.ALERT_CREATED, alert, null);
  }

  @Override
  public void alertUpdated(Alert alert) {
    record(Kind.ALERT_UPDATED, alert, null);
  }

  @Override
  public void alertResolved(Alert alert) {
    record(Kind.ALERT_RESOLVED, alert, null);
  }

  @Override
  public void alertReopened(Alert alert) {
    record(Kind.ALERT_REOPENED, alert, null);
  }

  @Override
  public void incidentFlagged(Incident incident) {
    record(Kind.INCIDENT_FLAGGED, null, incident);
  }

  @Override
  public void incidentActiveAgain(Incident incident) {
    record(Kind.INCIDENT_ACTIVE_AGAIN, null, incident);
  }

  private void record(Kind kind, Alert alert, Incident incident) {
    String id = alert != null ? alert.id() : incident.id();
    synchronized (this) {
      notices.add(new Notice(kind, id, alert, incident, Thread.currentThread().getName()));
    }
    if (failing) {
      throw new IllegalStateException("notifier failure for testing: " + kind + " " + id);
    }
  }
}
