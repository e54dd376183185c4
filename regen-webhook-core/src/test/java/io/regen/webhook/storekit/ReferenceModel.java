package io.regen.webhook.storekit;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.Severity;
import io.regen.webhook.spi.IncidentLinker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A single-threaded, deliberately plain implementation of the alert lifecycle, written from the
 * rules rather than from the engine, against which the properties compare a store and the engine.
 *
 * <p>Alerts and incidents are numbered from 0 in the order they are created, and every lookup is a
 * linear scan, so that each rule reads as one short method. Not thread-safe.
 */
public final class ReferenceModel {

  /** A stored alert, as the model keeps it; mutable. */
  public static final class ModelAlert {
    final int number;
    final String dedupKey;
    String externalId;
    String title;
    String description;
    Severity severity;
    AlertStatus status = AlertStatus.FIRING;
    String source;
    Map<String, String> labels;
    String annotationsJson;
    final Instant startedAt;
    Instant lastEventAt;
    Instant resolvedAt;
    long eventCount = 1;
    int reopenCount;
    final int incident;
    final int creatingEventIndex;

    ModelAlert(int number, AlertEvent event, int incident) {
      this.number = number;
      this.creatingEventIndex = event.index();
      this.dedupKey = event.dedupKey();
      this.externalId = event.externalId();
      this.title = event.title();
      this.description = event.description();
      this.severity = event.severity() == null ? Severity.WARNING : event.severity();
      this.source = event.source();
      this.labels = event.labels() == null ? Map.of() : event.labels();
      this.annotationsJson = event.annotationsJson() == null ? "{}" : event.annotationsJson();
      this.startedAt = event.startedAt() == null ? event.receivedAt() : event.startedAt();
      this.lastEventAt = event.receivedAt();
      this.incident = incident;
    }

    /** Returns this alert's number, its position in the order of creation. */
    public int number() {
      return number;
    }

    /** Returns the position, in its request, of the event that created this alert. */
    public int creatingEventIndex() {
      return creatingEventIndex;
    }

    /** Returns a description of every stored field, with the incident as its model number. */
    public String describe() {
      return String.join(
          "|",
          String.valueOf(dedupKey),
          String.valueOf(externalId),
          title,
          String.valueOf(description),
          severity.name(),
          status.name(),
          String.valueOf(source),
          new java.util.TreeMap<>(labels).toString(),
          annotationsJson,
          startedAt.toString(),
          lastEventAt.toString(),
          String.valueOf(resolvedAt),
          "events=" + eventCount,
          "reopened=" + reopenCount,
          "incident#" + incident);
    }
  }

  /** An incident, as the model keeps it; mutable. */
  public static final class ModelIncident {
    final int number;
    final String groupKey;
    final Instant createdAt;
    IncidentState state = IncidentState.ACTIVE;
    Instant flaggedAt;
    Instant resolvedAt;

    ModelIncident(int number, String groupKey, Instant createdAt) {
      this.number = number;
      this.groupKey = groupKey;
      this.createdAt = createdAt;
    }

    /** Returns a description of every stored field. */
    public String describe() {
      return String.join(
          "|",
          String.valueOf(groupKey),
          state.name(),
          createdAt.toString(),
          String.valueOf(flaggedAt),
          String.valueOf(resolvedAt));
    }
  }

  /**
   * What one event did in the model.
   *
   * @param outcome the outcome
   * @param alert number of the alert reported, or -1 for none
   * @param incident number of that alert's incident, or -1 for none
   */
  public record Step(Outcome outcome, int alert, int incident) {}

  /**
   * One notification the model expects.
   *
   * @param kind the notifier method
   * @param number the number of the alert or incident passed
   */
  public record Expected(RecordingNotifier.Kind kind, int number) {}

  private final IncidentLinker linker;
  private final Duration reopenWindow;
  private final List<ModelAlert> alerts = new ArrayList<>();
  private final List<ModelIncident> incidents = new ArrayList<>();
  private final Map<String, Instant> rememberedResolves = new HashMap<>();
  private final List<Expected> alertNotices = new ArrayList<>();
  private final List<Expected> incidentNotices = new ArrayList<>();
  private final Function<ModelAlert, String> alertIds;

  /**
   * Creates an empty model with this linker and reopen window (zero for none).
   *
   * @param alertIds returns the store's id of a model alert, which breaks ties between alerts of
   *     one key resolved at the same instant as the store does: the greater id was resolved last.
   *     It is called while a request is applied, so it must also know the alerts that request
   *     created, for example from the store's results by {@link ModelAlert#creatingEventIndex()}
   */
  public ReferenceModel(
      IncidentLinker linker, Duration reopenWindow, Function<ModelAlert, String> alertIds) {
    this.linker = linker;
    this.reopenWindow = reopenWindow;
    this.alertIds = alertIds;
  }

  /** Returns the alerts in order of creation. */
  public List<ModelAlert> alerts() {
    return List.copyOf(alerts);
  }

  /** Returns the incidents in order of creation. */
  public List<ModelIncident> incidents() {
    return List.copyOf(incidents);
  }

  /**
   * Applies one request and returns what each event did, with the notifications expected for it:
   * the alert ones first, then the incident ones.
   */
  public List<Step> apply(List<AlertEvent> request, List<Expected> notices) {
    alertNotices.clear();
    incidentNotices.clear();
    List<Step> steps = new ArrayList<>();
    for (AlertEvent event : request) {
      steps.add(event.isResolve() ? resolve(event) : fire(event));
    }
    notices.addAll(alertNotices);
    notices.addAll(incidentNotices);
    return steps;
  }

  /** Closes an incident on behalf of the host, as {@code AlertStore.resolveIncident} does. */
  public boolean closeIncident(int number, Instant at) {
    ModelIncident incident = incidents.get(number);
    if (incident.state == IncidentState.RESOLVED) {
      return false;
    }
    incident.state = IncidentState.RESOLVED;
    incident.resolvedAt = at;
    return true;
  }

  private Step fire(AlertEvent event) {
    if (event.dedupKey() == null) {
      return create(event);
    }
    ModelAlert open = openAlert(event.dedupKey());
    ModelAlert lastResolved = lastResolvedAlert(event.dedupKey());
    Instant lastResolve = lastResolveTime(event.dedupKey(), lastResolved);
    if (event.startedAt() != null
        && lastResolve != null
        && event.startedAt().compareTo(lastResolve) <= 0) {
      ModelAlert reported = open != null ? open : lastResolved;
      return reported == null ? step(Outcome.STALE, null) : step(Outcome.STALE, reported);
    }
    if (open != null) {
      applyFields(open, event);
      alertNotices.add(new Expected(RecordingNotifier.Kind.ALERT_UPDATED, open.number));
      return step(Outcome.UPDATED, open);
    }
    if (lastResolved != null
        && !reopenWindow.isZero()
        && event.receivedAt().compareTo(lastResolved.resolvedAt.plus(reopenWindow)) <= 0
        && incidents.get(lastResolved.incident).state != IncidentState.RESOLVED) {
      remember(event.dedupKey(), lastResolved.resolvedAt);
      applyFields(lastResolved, event);
      lastResolved.status = AlertStatus.FIRING;
      lastResolved.resolvedAt = null;
      lastResolved.reopenCount++;
      alertNotices.add(new Expected(RecordingNotifier.Kind.ALERT_REOPENED, lastResolved.number));
      makeActive(incidents.get(lastResolved.incident));
      return step(Outcome.REOPENED, lastResolved);
    }
    return create(event);
  }

  private Step create(AlertEvent event) {
    Optional<String> group = linker.groupKey(event);
    ModelIncident incident = null;
    if (group.isPresent()) {
      for (ModelIncident candidate : incidents) {
        if (group.get().equals(candidate.groupKey) && candidate.state != IncidentState.RESOLVED) {
          incident = candidate;
        }
      }
    }
    if (incident == null) {
      incident = new ModelIncident(incidents.size(), group.orElse(null), event.receivedAt());
      incidents.add(incident);
    } else {
      makeActive(incident);
    }
    ModelAlert alert = new ModelAlert(alerts.size(), event, incident.number);
    alerts.add(alert);
    alertNotices.add(new Expected(RecordingNotifier.Kind.ALERT_CREATED, alert.number));
    return step(Outcome.CREATED, alert);
  }

  private Step resolve(AlertEvent event) {
    if (event.dedupKey() == null) {
      return step(Outcome.UNMATCHED, null);
    }
    ModelAlert open = openAlert(event.dedupKey());
    if (open == null) {
      remember(event.dedupKey(), event.receivedAt());
      return step(Outcome.UNMATCHED, null);
    }
    applyFields(open, event);
    open.status = AlertStatus.RESOLVED;
    open.resolvedAt = event.receivedAt();
    alertNotices.add(new Expected(RecordingNotifier.Kind.ALERT_RESOLVED, open.number));
    ModelIncident incident = incidents.get(open.incident);
    boolean anyOpen =
        alerts.stream()
            .anyMatch(a -> a.incident == incident.number && a.status == AlertStatus.FIRING);
    if (incident.state == IncidentState.ACTIVE && !anyOpen) {
      incident.state = IncidentState.RESOLUTION_PENDING;
      incident.flaggedAt = event.receivedAt();
      incidentNotices.add(new Expected(RecordingNotifier.Kind.INCIDENT_FLAGGED, incident.number));
    }
    return step(Outcome.RESOLVED, open);
  }

  /** Keeps the later of the remembered resolve of the key and this time. */
  private void remember(String key, Instant resolvedAt) {
    Instant previous = rememberedResolves.get(key);
    if (previous == null || resolvedAt.isAfter(previous)) {
      rememberedResolves.put(key, resolvedAt);
    }
  }

  private void makeActive(ModelIncident incident) {
    if (incident.state == IncidentState.RESOLUTION_PENDING) {
      incident.state = IncidentState.ACTIVE;
      incident.flaggedAt = null;
      incidentNotices.add(
          new Expected(RecordingNotifier.Kind.INCIDENT_ACTIVE_AGAIN, incident.number));
    }
  }

  private static void applyFields(ModelAlert alert, AlertEvent event) {
    if (event.externalId() != null) {
      alert.externalId = event.externalId();
    }
    if (event.title() != null) {
      alert.title = event.title();
    }
    if (event.description() != null) {
      alert.description = event.description();
    }
    if (event.severity() != null) {
      alert.severity = event.severity();
    }
    if (event.source() != null) {
      alert.source = event.source();
    }
    if (event.labels() != null) {
      alert.labels = event.labels();
    }
    if (event.annotationsJson() != null) {
      alert.annotationsJson = event.annotationsJson();
    }
    alert.lastEventAt = event.receivedAt();
    alert.eventCount++;
  }

  private ModelAlert openAlert(String key) {
    ModelAlert found = null;
    for (ModelAlert alert : alerts) {
      if (key.equals(alert.dedupKey) && alert.status == AlertStatus.FIRING) {
        if (found != null) {
          throw new IllegalStateException("model holds two open alerts for " + key);
        }
        found = alert;
      }
    }
    return found;
  }

  /** Returns the resolved alert of the key with the latest resolvedAt, the greater id on ties. */
  private ModelAlert lastResolvedAlert(String key) {
    ModelAlert last = null;
    for (ModelAlert alert : alerts) {
      if (key.equals(alert.dedupKey) && alert.status == AlertStatus.RESOLVED) {
        if (last == null || resolvedLater(alert, last)) {
          last = alert;
        }
      }
    }
    return last;
  }

  private boolean resolvedLater(ModelAlert alert, ModelAlert other) {
    int byTime = alert.resolvedAt.compareTo(other.resolvedAt);
    if (byTime != 0) {
      return byTime > 0;
    }
    return alertIds.apply(alert).compareTo(alertIds.apply(other)) > 0;
  }

  private Instant lastResolveTime(String key, ModelAlert lastResolved) {
    Instant remembered = rememberedResolves.get(key);
    if (lastResolved == null) {
      return remembered;
    }
    if (remembered == null || lastResolved.resolvedAt.isAfter(remembered)) {
      return lastResolved.resolvedAt;
    }
    return remembered;
  }

  private static Step step(Outcome outcome, ModelAlert alert) {
    return alert == null
        ? new Step(outcome, -1, -1)
        : new Step(outcome, alert.number, alert.incident);
  }
}
