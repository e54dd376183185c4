package io.regen.webhook.memory;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.spi.StoreTransaction;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One unit of work of an {@link InMemoryAlertStore}. Writes go straight to the shared state, which
 * only this thread can see while it holds the store's write lock, and each write pushes its inverse
 * onto an undo log that {@link #rollBack} replays in reverse order.
 */
final class MemoryTransaction implements StoreTransaction {

  private final MemoryState state;
  private final Thread owner = Thread.currentThread();
  private final Deque<Runnable> undoLog = new ArrayDeque<>();
  private boolean active = true;

  MemoryTransaction(MemoryState state) {
    this.state = state;
  }

  void commit() {
    undoLog.clear();
  }

  void rollBack() {
    while (!undoLog.isEmpty()) {
      undoLog.pop().run();
    }
  }

  void close() {
    active = false;
  }

  /** Checks the argument order; the single store-wide lock already excludes everyone else. */
  @Override
  public void lockKeys(List<String> sortedKeys) {
    checkActive();
    checkSortedDistinct(sortedKeys, "keys");
  }

  @Override
  public void lockGroups(List<String> sortedGroups) {
    checkActive();
    checkSortedDistinct(sortedGroups, "groups");
  }

  private static void checkSortedDistinct(List<String> values, String name) {
    for (int i = 1; i < values.size(); i++) {
      if (values.get(i - 1).compareTo(values.get(i)) >= 0) {
        throw new IllegalArgumentException(name + " must be distinct and sorted: " + values);
      }
    }
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    checkActive();
    return state.openAlert(Objects.requireNonNull(dedupKey, "dedupKey"));
  }

  @Override
  public Optional<Alert> findLastResolvedAlert(String dedupKey) {
    checkActive();
    return state.lastResolvedAlert(Objects.requireNonNull(dedupKey, "dedupKey"));
  }

  @Override
  public Optional<Instant> findRememberedResolve(String dedupKey) {
    checkActive();
    return Optional.ofNullable(state.rememberedResolve(Objects.requireNonNull(dedupKey, "key")));
  }

  @Override
  public void rememberResolve(String dedupKey, Instant resolvedAt) {
    checkActive();
    Objects.requireNonNull(dedupKey, "dedupKey");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    Instant previous = state.rememberedResolve(dedupKey);
    if (previous == null || resolvedAt.isAfter(previous)) {
      state.putRememberedResolve(dedupKey, resolvedAt);
      undoLog.push(() -> state.putRememberedResolve(dedupKey, previous));
    }
  }

  @Override
  public void insertAlert(Alert alert) {
    checkActive();
    if (state.alert(alert.id()) != null) {
      throw new IllegalStateException("alert already exists: " + alert.id());
    }
    checkNoOtherOpenAlert(alert);
    state.putAlert(alert);
    undoLog.push(() -> state.removeAlert(alert.id()));
  }

  @Override
  public void updateAlert(Alert alert) {
    checkActive();
    Alert previous = state.alert(alert.id());
    if (previous == null) {
      throw new IllegalStateException("alert not found: " + alert.id());
    }
    checkNoOtherOpenAlert(alert);
    state.putAlert(alert);
    undoLog.push(() -> state.putAlert(previous));
  }

  private void checkNoOtherOpenAlert(Alert alert) {
    if (!alert.isOpen() || alert.dedupKey() == null) {
      return;
    }
    Optional<Alert> open = state.openAlert(alert.dedupKey());
    if (open.isPresent() && !open.get().id().equals(alert.id())) {
      throw new IllegalStateException(
          "an open alert with this dedup key exists: " + open.get().id());
    }
  }

  @Override
  public Optional<Incident> findOpenIncidentOfGroup(String groupKey) {
    checkActive();
    return state.openIncidentOfGroup(Objects.requireNonNull(groupKey, "groupKey"));
  }

  @Override
  public void insertIncident(Incident incident) {
    checkActive();
    if (state.incident(incident.id()) != null) {
      throw new IllegalStateException("incident already exists: " + incident.id());
    }
    checkNoOtherOpenIncident(incident);
    state.putIncident(incident);
    undoLog.push(() -> state.removeIncident(incident.id()));
  }

  @Override
  public Incident lockIncident(String incidentId) {
    checkActive();
    Incident incident = state.incident(Objects.requireNonNull(incidentId, "incidentId"));
    if (incident == null) {
      throw new IllegalStateException("incident not found: " + incidentId);
    }
    return incident;
  }

  @Override
  public void updateIncident(Incident incident) {
    checkActive();
    Incident previous = state.incident(incident.id());
    if (previous == null) {
      throw new IllegalStateException("incident not found: " + incident.id());
    }
    checkNoOtherOpenIncident(incident);
    state.putIncident(incident);
    undoLog.push(() -> state.putIncident(previous));
  }

  private void checkNoOtherOpenIncident(Incident incident) {
    if (incident.groupKey() == null || incident.state() == IncidentState.RESOLVED) {
      return;
    }
    Optional<Incident> open = state.openIncidentOfGroup(incident.groupKey());
    if (open.isPresent() && !open.get().id().equals(incident.id())) {
      throw new IllegalStateException(
          "an incident of this group is not closed yet: " + open.get().id());
    }
  }

  @Override
  public long countOpenAlerts(String incidentId) {
    checkActive();
    return state.countOpenAlerts(Objects.requireNonNull(incidentId, "incidentId"));
  }

  private void checkActive() {
    if (!active || Thread.currentThread() != owner) {
      throw new IllegalStateException(
          "a store transaction is valid only inside its unit of work, on its thread");
    }
  }
}
