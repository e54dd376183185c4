package io.regen.webhook.memory;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The data of an {@link InMemoryAlertStore} and its indexes. Each write method keeps every index
 * consistent and returns what it replaced, so that a transaction can undo it. Not thread-safe: the
 * store guards it with its lock.
 */
final class MemoryState {

  /** Position of a resolved alert in the order of resolves: by resolvedAt, then by id. */
  private record ResolvedRef(Instant resolvedAt, String alertId) {}

  private static final Comparator<ResolvedRef> RESOLVE_ORDER =
      Comparator.comparing(ResolvedRef::resolvedAt).thenComparing(ResolvedRef::alertId);

  private final Map<String, Alert> alerts = new HashMap<>();
  private final Map<String, String> openAlertIdByKey = new HashMap<>();
  private final Map<String, NavigableSet<ResolvedRef>> resolvedByKey = new HashMap<>();
  private final NavigableSet<ResolvedRef> resolvedByTime = new TreeSet<>(RESOLVE_ORDER);
  private final Map<String, Integer> openAlertCountByIncident = new HashMap<>();
  private final Map<String, Incident> incidents = new HashMap<>();
  private final Map<String, String> openIncidentIdByGroup = new HashMap<>();
  private final Map<String, Instant> rememberedResolves = new HashMap<>();

  Alert alert(String alertId) {
    return alerts.get(alertId);
  }

  Optional<Alert> openAlert(String dedupKey) {
    String id = openAlertIdByKey.get(dedupKey);
    return id == null ? Optional.empty() : Optional.of(alerts.get(id));
  }

  Optional<Alert> lastResolvedAlert(String dedupKey) {
    NavigableSet<ResolvedRef> resolved = resolvedByKey.get(dedupKey);
    return resolved == null ? Optional.empty() : Optional.of(alerts.get(resolved.last().alertId()));
  }

  void forEachAlert(Consumer<Alert> action) {
    alerts.values().forEach(action);
  }

  /** Stores the alert, replacing the one with its id, and returns the replaced one. */
  Alert putAlert(Alert alert) {
    Alert previous = alerts.put(alert.id(), alert);
    if (previous != null && sameOpenIndexes(previous, alert)) {
      // An update of an open alert that keeps its key and incident leaves every index as it was.
      return previous;
    }
    if (previous != null) {
      unindex(previous);
    }
    index(alert);
    return previous;
  }

  private static boolean sameOpenIndexes(Alert previous, Alert alert) {
    return previous.isOpen()
        && alert.isOpen()
        && Objects.equals(previous.dedupKey(), alert.dedupKey())
        && previous.incidentId().equals(alert.incidentId());
  }

  /** Removes the alert with this id and returns it, or {@code null} if there was none. */
  Alert removeAlert(String alertId) {
    Alert previous = alerts.remove(alertId);
    if (previous != null) {
      unindex(previous);
    }
    return previous;
  }

  private void index(Alert alert) {
    if (alert.isOpen()) {
      if (alert.dedupKey() != null) {
        openAlertIdByKey.put(alert.dedupKey(), alert.id());
      }
      openAlertCountByIncident.merge(alert.incidentId(), 1, Integer::sum);
      return;
    }
    ResolvedRef ref = new ResolvedRef(alert.resolvedAt(), alert.id());
    resolvedByTime.add(ref);
    if (alert.dedupKey() != null) {
      resolvedByKey.computeIfAbsent(alert.dedupKey(), key -> new TreeSet<>(RESOLVE_ORDER)).add(ref);
    }
  }

  private void unindex(Alert alert) {
    if (alert.isOpen()) {
      if (alert.dedupKey() != null) {
        openAlertIdByKey.remove(alert.dedupKey(), alert.id());
      }
      openAlertCountByIncident.computeIfPresent(
          alert.incidentId(), (id, count) -> count == 1 ? null : count - 1);
      return;
    }
    ResolvedRef ref = new ResolvedRef(alert.resolvedAt(), alert.id());
    resolvedByTime.remove(ref);
    if (alert.dedupKey() != null) {
      NavigableSet<ResolvedRef> resolved = resolvedByKey.get(alert.dedupKey());
      resolved.remove(ref);
      if (resolved.isEmpty()) {
        resolvedByKey.remove(alert.dedupKey());
      }
    }
  }

  long countOpenAlerts(String incidentId) {
    return openAlertCountByIncident.getOrDefault(incidentId, 0);
  }

  Incident incident(String incidentId) {
    return incidents.get(incidentId);
  }

  Optional<Incident> openIncidentOfGroup(String groupKey) {
    String id = openIncidentIdByGroup.get(groupKey);
    return id == null ? Optional.empty() : Optional.of(incidents.get(id));
  }

  void forEachIncident(Consumer<Incident> action) {
    incidents.values().forEach(action);
  }

  /** Stores the incident, replacing the one with its id, and returns the replaced one. */
  Incident putIncident(Incident incident) {
    Incident previous = incidents.put(incident.id(), incident);
    if (previous != null && previous.groupKey() != null) {
      openIncidentIdByGroup.remove(previous.groupKey(), previous.id());
    }
    if (incident.groupKey() != null && incident.state() != IncidentState.RESOLVED) {
      openIncidentIdByGroup.put(incident.groupKey(), incident.id());
    }
    return previous;
  }

  /** Removes the incident with this id; used only to undo its insertion. */
  void removeIncident(String incidentId) {
    Incident previous = incidents.remove(incidentId);
    if (previous != null && previous.groupKey() != null) {
      openIncidentIdByGroup.remove(previous.groupKey(), previous.id());
    }
  }

  Instant rememberedResolve(String dedupKey) {
    return rememberedResolves.get(dedupKey);
  }

  /** Sets or, for {@code null}, removes the remembered resolve; returns the replaced time. */
  Instant putRememberedResolve(String dedupKey, Instant resolvedAt) {
    return resolvedAt == null
        ? rememberedResolves.remove(dedupKey)
        : rememberedResolves.put(dedupKey, resolvedAt);
  }

  int purgeRememberedResolves(Instant olderThan, int limit) {
    int removed = 0;
    Iterator<Instant> times = rememberedResolves.values().iterator();
    while (removed < limit && times.hasNext()) {
      if (times.next().isBefore(olderThan)) {
        times.remove();
        removed++;
      }
    }
    return removed;
  }

  int purgeResolvedAlerts(Instant olderThan, int limit) {
    List<String> ids = new ArrayList<>();
    for (ResolvedRef ref : resolvedByTime) {
      if (ids.size() == limit || !ref.resolvedAt().isBefore(olderThan)) {
        break;
      }
      ids.add(ref.alertId());
    }
    ids.forEach(this::removeAlert);
    return ids.size();
  }

  String summary() {
    return alerts.size()
        + " alerts, "
        + openAlertIdByKey.size()
        + " open by key, "
        + incidents.size()
        + " incidents, "
        + rememberedResolves.size()
        + " remembered resolves";
  }
}
