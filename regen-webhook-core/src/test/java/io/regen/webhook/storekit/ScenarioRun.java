package io.regen.webhook.storekit;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.Outcome;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentLinker;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.storekit.RecordingNotifier.Kind;
import io.regen.webhook.storekit.RecordingNotifier.Notice;
import io.regen.webhook.storekit.ReferenceModel.Expected;
import io.regen.webhook.storekit.ReferenceModel.ModelAlert;
import io.regen.webhook.storekit.ReferenceModel.ModelIncident;
import io.regen.webhook.storekit.ReferenceModel.Step;
import io.regen.webhook.storekit.Scenario.Batch;
import io.regen.webhook.storekit.Scenario.Split;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs a {@link Scenario} against a store through the {@link LifecycleEngine} and against the
 * {@link ReferenceModel} side by side, and records every difference as a violation.
 *
 * <p>Store ids are mapped to the model's alert and incident numbers as they first appear, so that
 * per-event outcomes, the alert and incident each event reports, every notification and the final
 * state of every alert and incident can be compared. The run also checks invariants that hold
 * independently of the model: at most one open alert per key after each request, and, when each
 * request contains one event, that a stale event changes nothing and that an incident is flagged
 * exactly when its last open alert resolves. The run stops at the first request with a violation.
 */
public final class ScenarioRun {

  private static final IncidentLinker LINKER = LabelIncidentLinker.defaults();

  private final AlertStore store;
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final LifecycleEngine engine;
  private final ReferenceModel model;
  private final boolean checkEachStep;
  private final List<String> alertIds = new ArrayList<>();
  private List<EventResult> currentResults = List.of();
  private final Map<String, Integer> alertNumbers = new HashMap<>();
  private final List<String> incidentIds = new ArrayList<>();
  private final Map<String, Integer> incidentNumbers = new HashMap<>();
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<Integer, List<Kind>> incidentNotices = new TreeMap<>();
  private final List<String> violations = new ArrayList<>();

  private ScenarioRun(AlertStore store, Scenario scenario, boolean checkEachStep) {
    this.store = store;
    this.engine = new LifecycleEngine(store, notifier, LINKER, scenario.reopenWindow());
    this.model = new ReferenceModel(LINKER, scenario.reopenWindow(), this::storeIdOf);
    this.checkEachStep = checkEachStep;
  }

  /**
   * Runs the scenario, cut by the given split, on an empty store and returns the finished run. With
   * {@link Split#ONE_PER_REQUEST}, the per-event checks run too.
   */
  public static ScenarioRun run(AlertStore store, Scenario scenario, Split split) {
    ScenarioRun run = new ScenarioRun(store, scenario, split == Split.ONE_PER_REQUEST);
    for (Batch batch : scenario.batches(split)) {
      if (batch.isClose()) {
        run.close(batch);
      } else {
        run.request(batch.events());
      }
      if (!run.violations.isEmpty()) {
        return run;
      }
    }
    run.compareFinalState();
    return run;
  }

  /** Returns the differences and broken invariants found; empty when the store is correct. */
  public List<String> violations() {
    return List.copyOf(violations);
  }

  /** Returns the outcome of every event, in order. */
  public List<Outcome> outcomes() {
    return List.copyOf(outcomes);
  }

  /**
   * Returns the store's final state with ids replaced by their order of first appearance: every
   * alert and incident, and the incident notifications of each incident.
   */
  public List<String> canonicalState() {
    List<String> state = new ArrayList<>();
    for (String id : alertIds) {
      state.add("alert " + store.findAlert(id).map(this::describe).orElse("missing"));
    }
    for (String id : incidentIds) {
      state.add("incident " + store.findIncident(id).map(ScenarioRun::describe).orElse("missing"));
    }
    state.add("incident notices " + incidentNotices);
    return state;
  }

  /** Applies one more request to the store only, as a redelivery, and returns its results. */
  public List<EventResult> applyToStoreOnly(List<AlertEvent> events) {
    return engine.apply(events);
  }

  /** Returns the notifications recorded since the last call and clears them. */
  public List<Notice> drainNotices() {
    return notifier.drain();
  }

  private void request(List<AlertEvent> events) {
    Map<String, String> before = checkEachStep ? snapshot() : Map.of();
    List<EventResult> results;
    try {
      results = engine.apply(events);
    } catch (RuntimeException e) {
      violations.add("request " + events + " failed: " + e);
      return;
    }
    List<Expected> expected = new ArrayList<>();
    currentResults = results;
    List<Step> steps = model.apply(events, expected);
    for (int i = 0; i < events.size(); i++) {
      compareResult(events.get(i), results.get(i), steps.get(i));
    }
    List<Notice> notices = notifier.drain();
    compareNotices(notices, expected);
    checkOneOpenAlertPerKey();
    if (checkEachStep && violations.isEmpty()) {
      checkStep(before, snapshot(), results.get(0).outcome(), notices);
    }
  }

  /**
   * Returns the store's id of a model alert. An alert created by the request being compared has
   * no registered id yet, so its id comes from the store's result for the event that created it.
   * When the outcomes of that event differ, the comparison reports the difference.
   */
  private String storeIdOf(ModelAlert alert) {
    if (alert.number() < alertIds.size()) {
      return alertIds.get(alert.number());
    }
    int index = alert.creatingEventIndex();
    if (index < currentResults.size() && currentResults.get(index).alertId() != null) {
      return currentResults.get(index).alertId();
    }
    return "";
  }

  private void close(Batch batch) {
    int latest = -1;
    for (ModelAlert alert : model.alerts()) {
      if (batch.closeKey().equals(alert.dedupKey)) {
        latest = alert.number;
      }
    }
    if (latest < 0) {
      return;
    }
    int incident = model.alerts().get(latest).incident;
    boolean expected = model.closeIncident(incident, batch.at());
    boolean actual = store.resolveIncident(incidentIds.get(incident), batch.at());
    if (expected != actual) {
      violations.add("resolveIncident of incident#" + incident + " returned " + actual);
    }
  }

  private void compareResult(AlertEvent event, EventResult result, Step step) {
    outcomes.add(result.outcome());
    String where = "event " + describe(event);
    if (result.outcome() != step.outcome()) {
      violations.add(where + ": outcome " + result.outcome() + ", expected " + step.outcome());
      return;
    }
    map(where + " alert", result.alertId(), step.alert(), alertIds, alertNumbers);
    map(where + " incident", result.incidentId(), step.incident(), incidentIds, incidentNumbers);
  }

  /** Checks that a store id stands for a model number, registering ids seen for the first time. */
  private void map(
      String where, String id, int number, List<String> ids, Map<String, Integer> numbers) {
    if (number < 0 || id == null) {
      if (number >= 0 || id != null) {
        violations.add(where + ": " + id + ", expected #" + number);
      }
      return;
    }
    Integer known = numbers.get(id);
    if (known == null && number == ids.size()) {
      ids.add(id);
      numbers.put(id, number);
    } else if (known == null || known != number) {
      violations.add(where + ": " + id + " is #" + known + ", expected #" + number);
    }
  }

  private void compareNotices(List<Notice> notices, List<Expected> expected) {
    List<Expected> actual = new ArrayList<>();
    for (Notice notice : notices) {
      Map<String, Integer> numbers =
          notice.kind().isIncidentChange() ? incidentNumbers : alertNumbers;
      actual.add(new Expected(notice.kind(), numbers.getOrDefault(notice.id(), -1)));
      if (notice.kind().isIncidentChange()) {
        incidentNotices
            .computeIfAbsent(numbers.getOrDefault(notice.id(), -1), n -> new ArrayList<>())
            .add(notice.kind());
      }
    }
    if (!actual.equals(expected)) {
      violations.add("notifications " + actual + ", expected " + expected);
    }
  }

  private void checkOneOpenAlertPerKey() {
    Set<String> keys = new HashSet<>();
    for (Alert alert : store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING))) {
      if (alert.dedupKey() != null && !keys.add(alert.dedupKey())) {
        violations.add("two open alerts with key " + alert.dedupKey());
      }
    }
  }

  /** Checks one single-event request: stale changes nothing, flags follow the open alerts. */
  private void checkStep(
      Map<String, String> before,
      Map<String, String> after,
      Outcome outcome,
      List<Notice> notices) {
    if (outcome == Outcome.STALE && (!before.equals(after) || !notices.isEmpty())) {
      violations.add("stale event changed the store or notified " + notices);
    }
    Set<String> withOpenAlerts = new HashSet<>();
    for (Alert alert : store.listAlerts(AlertQuery.all().withStatus(AlertStatus.FIRING))) {
      withOpenAlerts.add(alert.incidentId());
    }
    for (Incident incident : store.listIncidents(IncidentQuery.all())) {
      checkIncidentStep(incident, before, withOpenAlerts, notices);
    }
  }

  private void checkIncidentStep(
      Incident incident,
      Map<String, String> before,
      Set<String> withOpenAlerts,
      List<Notice> notices) {
    String id = incident.id();
    boolean open = withOpenAlerts.contains(id);
    if (incident.state() == IncidentState.ACTIVE && !open) {
      violations.add("incident " + id + " is active without open alerts");
    }
    if (incident.state() == IncidentState.RESOLUTION_PENDING && open) {
      violations.add("incident " + id + " is flagged with open alerts");
    }
    String previous = before.getOrDefault("incident " + id, "");
    boolean wasActive = previous.contains("|" + IncidentState.ACTIVE.name() + "|");
    boolean flagged = wasActive && incident.state() == IncidentState.RESOLUTION_PENDING;
    long flags =
        notices.stream()
            .filter(n -> n.kind() == Kind.INCIDENT_FLAGGED && n.id().equals(id))
            .count();
    if (flags != (flagged ? 1 : 0)) {
      violations.add(
          "incident " + id + " flagged " + flags + " times, state went to " + incident.state());
    }
  }

  private Map<String, String> snapshot() {
    Map<String, String> snapshot = new HashMap<>();
    for (Alert alert : store.listAlerts(AlertQuery.all())) {
      snapshot.put("alert " + alert.id(), alert.toString());
    }
    for (Incident incident : store.listIncidents(IncidentQuery.all())) {
      snapshot.put("incident " + incident.id(), describe(incident));
    }
    return snapshot;
  }

  private void compareFinalState() {
    List<ModelAlert> modelAlerts = model.alerts();
    List<ModelIncident> modelIncidents = model.incidents();
    int storedAlerts = store.listAlerts(AlertQuery.all()).size();
    int storedIncidents = store.listIncidents(IncidentQuery.all()).size();
    if (storedAlerts != modelAlerts.size() || storedIncidents != modelIncidents.size()) {
      violations.add(
          "store holds "
              + storedAlerts
              + " alerts and "
              + storedIncidents
              + " incidents, expected "
              + modelAlerts.size()
              + " and "
              + modelIncidents.size());
      return;
    }
    for (ModelAlert expected : modelAlerts) {
      String actual =
          store.findAlert(alertIds.get(expected.number)).map(this::describe).orElse("missing");
      if (!actual.equals(expected.describe())) {
        violations.add(
            "alert#" + expected.number + " is " + actual + ", expected " + expected.describe());
      }
    }
    for (ModelIncident expected : modelIncidents) {
      String actual =
          store
              .findIncident(incidentIds.get(expected.number))
              .map(ScenarioRun::describe)
              .orElse("missing");
      if (!actual.equals(expected.describe())) {
        violations.add(
            "incident#" + expected.number + " is " + actual + ", expected " + expected.describe());
      }
    }
  }

  private String describe(Alert alert) {
    return String.join(
        "|",
        String.valueOf(alert.dedupKey()),
        String.valueOf(alert.externalId()),
        alert.title(),
        String.valueOf(alert.description()),
        alert.severity().name(),
        alert.status().name(),
        String.valueOf(alert.source()),
        new TreeMap<>(alert.labels()).toString(),
        alert.annotationsJson(),
        alert.startedAt().toString(),
        alert.lastEventAt().toString(),
        String.valueOf(alert.resolvedAt()),
        "events=" + alert.eventCount(),
        "reopened=" + alert.reopenCount(),
        "incident#" + incidentNumbers.get(alert.incidentId()));
  }

  private static String describe(Incident incident) {
    return String.join(
        "|",
        String.valueOf(incident.groupKey()),
        incident.state().name(),
        incident.createdAt().toString(),
        String.valueOf(incident.flaggedAt()),
        String.valueOf(incident.resolvedAt()));
  }

  private static String describe(AlertEvent event) {
    return event.status().wireName()
        + " "
        + event.dedupKey()
        + " at "
        + event.receivedAt()
        + (event.startedAt() == null ? "" : " started " + event.startedAt());
  }
}
