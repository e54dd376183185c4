package io.regen.webhook.lifecycle;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.Severity;
import io.regen.webhook.spi.StoreTransaction;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Applies the events of one request inside one store transaction, after the caller has taken the
 * key and group locks. Has no effect outside the transaction, so the store may run it again.
 */
final class UnitOfWork {

  /** The results of a unit of work and the notifications to send once it committed. */
  record Result(List<EventResult> results, Notifications notifications) {}

  private final StoreTransaction transaction;
  private final Duration reopenWindow;
  private final Notifications notifications = new Notifications();

  UnitOfWork(StoreTransaction transaction, Duration reopenWindow) {
    this.transaction = transaction;
    this.reopenWindow = reopenWindow;
  }

  Result applyAll(List<AlertEvent> events, List<Optional<String>> groups) {
    List<EventResult> results = new ArrayList<>(events.size());
    for (int i = 0; i < events.size(); i++) {
      results.add(apply(events.get(i), groups.get(i)));
    }
    return new Result(List.copyOf(results), notifications);
  }

  private EventResult apply(AlertEvent event, Optional<String> group) {
    String key = event.dedupKey();
    if (key == null) {
      return event.isResolve() ? applied(event, Outcome.UNMATCHED, null) : create(event, group);
    }
    return event.isResolve() ? resolve(event, key) : fire(event, key, group);
  }

  private EventResult fire(AlertEvent event, String key, Optional<String> group) {
    Optional<Alert> open = transaction.findOpenAlert(key);
    Optional<Alert> lastResolved = transaction.findLastResolvedAlert(key);
    if (isLate(event, key, lastResolved)) {
      return applied(event, Outcome.STALE, open.or(() -> lastResolved).orElse(null));
    }
    if (open.isPresent()) {
      return update(event, open.get());
    }
    if (lastResolved.isPresent() && isWithinReopenWindow(event, lastResolved.get())) {
      Incident incident = transaction.lockIncident(lastResolved.get().incidentId());
      if (incident.state() != IncidentState.RESOLVED) {
        return reopen(event, lastResolved.get(), incident);
      }
    }
    return create(event, group);
  }

  /** Returns whether the event started at or before the last resolve of its key. */
  private boolean isLate(AlertEvent event, String key, Optional<Alert> lastResolved) {
    if (event.startedAt() == null) {
      return false;
    }
    Optional<Instant> remembered = transaction.findRememberedResolve(key);
    Instant lastResolve = lastResolved.map(Alert::resolvedAt).orElse(null);
    if (remembered.isPresent() && (lastResolve == null || remembered.get().isAfter(lastResolve))) {
      lastResolve = remembered.get();
    }
    return lastResolve != null && !event.startedAt().isAfter(lastResolve);
  }

  private boolean isWithinReopenWindow(AlertEvent event, Alert resolved) {
    // Comparing durations cannot overflow, unlike resolvedAt plus a window of centuries.
    return !reopenWindow.isZero()
        && Duration.between(resolved.resolvedAt(), event.receivedAt()).compareTo(reopenWindow) <= 0;
  }

  private EventResult update(AlertEvent event, Alert open) {
    Alert updated = merge(open, event, null, open.reopenCount());
    transaction.updateAlert(updated);
    notifications.alertUpdated(updated);
    return applied(event, Outcome.UPDATED, updated);
  }

  /**
   * Reopens a resolved alert. Its resolve is remembered first, so that an event started before that
   * resolve stays late once the alert is open again and no longer counts as resolved.
   */
  private EventResult reopen(AlertEvent event, Alert resolved, Incident incident) {
    transaction.rememberResolve(resolved.dedupKey(), resolved.resolvedAt());
    Alert reopened = merge(resolved, event, null, resolved.reopenCount() + 1);
    transaction.updateAlert(reopened);
    notifications.alertReopened(reopened);
    if (incident.state() == IncidentState.RESOLUTION_PENDING) {
      activate(incident);
    }
    return applied(event, Outcome.REOPENED, reopened);
  }

  private EventResult create(AlertEvent event, Optional<String> group) {
    Incident incident =
        group.map(key -> joinGroup(key, event)).orElseGet(() -> insertIncident(null, event));
    Alert alert =
        new Alert(
            UUID.randomUUID().toString(),
            event.dedupKey(),
            event.externalId(),
            event.title(),
            event.description(),
            event.severity() != null ? event.severity() : Severity.WARNING,
            AlertStatus.FIRING,
            event.source(),
            event.labels() != null ? event.labels() : Map.of(),
            event.annotationsJson() != null ? event.annotationsJson() : "{}",
            event.effectiveStartedAt(),
            event.receivedAt(),
            null,
            1,
            0,
            incident.id());
    transaction.insertAlert(alert);
    notifications.alertCreated(alert);
    return applied(event, Outcome.CREATED, alert);
  }

  /** Returns the open incident of the group, active again if it was flagged, or a new one. */
  private Incident joinGroup(String group, AlertEvent event) {
    Optional<Incident> open = transaction.findOpenIncidentOfGroup(group);
    if (open.isEmpty()) {
      return insertIncident(group, event);
    }
    if (open.get().state() == IncidentState.RESOLUTION_PENDING) {
      return activate(open.get());
    }
    return open.get();
  }

  private EventResult resolve(AlertEvent event, String key) {
    Optional<Alert> open = transaction.findOpenAlert(key);
    if (open.isEmpty()) {
      transaction.rememberResolve(key, event.receivedAt());
      return applied(event, Outcome.UNMATCHED, null);
    }
    Alert resolved = merge(open.get(), event, event.receivedAt(), open.get().reopenCount());
    transaction.updateAlert(resolved);
    notifications.alertResolved(resolved);

    Incident incident = transaction.lockIncident(resolved.incidentId());
    if (incident.state() == IncidentState.ACTIVE
        && transaction.countOpenAlerts(incident.id()) == 0) {
      Incident flagged =
          new Incident(
              incident.id(),
              incident.groupKey(),
              IncidentState.RESOLUTION_PENDING,
              incident.createdAt(),
              event.receivedAt(),
              null);
      transaction.updateIncident(flagged);
      notifications.incidentFlagged(flagged);
    }
    return applied(event, Outcome.RESOLVED, resolved);
  }

  private Incident insertIncident(String group, AlertEvent event) {
    Incident incident =
        new Incident(
            UUID.randomUUID().toString(),
            group,
            IncidentState.ACTIVE,
            event.receivedAt(),
            null,
            null);
    transaction.insertIncident(incident);
    return incident;
  }

  private Incident activate(Incident incident) {
    Incident active =
        new Incident(
            incident.id(),
            incident.groupKey(),
            IncidentState.ACTIVE,
            incident.createdAt(),
            null,
            null);
    transaction.updateIncident(active);
    notifications.incidentActiveAgain(active);
    return active;
  }

  /**
   * Applies an event to a stored alert: present fields replace stored ones, labels and annotations
   * as a whole, and the event counts. A {@code null} resolvedAt leaves the alert firing.
   */
  private static Alert merge(Alert alert, AlertEvent event, Instant resolvedAt, int reopenCount) {
    return new Alert(
        alert.id(),
        alert.dedupKey(),
        orElse(event.externalId(), alert.externalId()),
        orElse(event.title(), alert.title()),
        orElse(event.description(), alert.description()),
        orElse(event.severity(), alert.severity()),
        resolvedAt == null ? AlertStatus.FIRING : AlertStatus.RESOLVED,
        orElse(event.source(), alert.source()),
        orElse(event.labels(), alert.labels()),
        orElse(event.annotationsJson(), alert.annotationsJson()),
        alert.startedAt(),
        event.receivedAt(),
        resolvedAt,
        alert.eventCount() + 1,
        reopenCount,
        alert.incidentId());
  }

  private static <T> T orElse(T value, T fallback) {
    return value != null ? value : fallback;
  }

  private static EventResult applied(AlertEvent event, Outcome outcome, Alert alert) {
    return alert == null
        ? EventResult.applied(event, outcome, null, null)
        : EventResult.applied(event, outcome, alert.id(), alert.incidentId());
  }
}
