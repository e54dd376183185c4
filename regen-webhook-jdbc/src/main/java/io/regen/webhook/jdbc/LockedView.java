package io.regen.webhook.jdbc;

import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The rows under one unit of work's locks as it last read or wrote them, kept up to date by its own
 * writes. For each locked dedup key the view keeps its open alert, its last resolved alert and its
 * remembered resolve, and for each locked group its incident that is not closed. It also keeps
 * the alerts of those keys, the incidents that the unit of work has locked, and the open-alert
 * counts read under an incident's lock.
 *
 * <p>No other transaction that follows the locking protocol can change these rows before the unit
 * of work ends, so the view returns them without asking the database. A {@code null} field means that a
 * write the view cannot follow (one that changes an alert's dedup key, for example) made it
 * unknown; the caller then reads it from the database again.
 */
final class LockedView {

  /** The state of one locked dedup key. */
  static final class KeyState {
    Optional<String> openAlertId = Optional.empty();
    Optional<String> lastResolvedId = Optional.empty();
    Optional<Instant> remembered;

    KeyState(Optional<Instant> remembered) {
      this.remembered = remembered;
    }
  }

  /** The state of one locked group. */
  static final class GroupState {
    final String hash;

    /** Not known until the first call that needs a group's incident reads all groups' at once. */
    Optional<String> openIncidentId;

    GroupState(String hash) {
      this.hash = hash;
    }
  }

  /** Locked dedup keys. */
  final Map<String, KeyState> keys = new HashMap<>();

  /** Locked groups, by group key. */
  final Map<String, GroupState> groups = new HashMap<>();

  /** Alerts of locked keys and keyless alerts that this unit of work inserted, by id. */
  final Map<String, Tracked<Alert>> alerts = new HashMap<>();

  /** Incidents whose rows this unit of work has locked or written, by id. */
  final Map<String, Tracked<Incident>> incidents = new HashMap<>();

  /** Open alerts per locked incident, this unit of work's writes included. */
  private final Map<String, Long> openAlertCounts = new HashMap<>();

  /** Returns whether the view follows the alerts of this key: a locked key, or none. */
  boolean tracksKey(String dedupKey) {
    return dedupKey == null || keys.containsKey(dedupKey);
  }

  /** Follows an alert read from the database; returns its current version. */
  Alert track(Alert alert) {
    return alerts.computeIfAbsent(alert.id(), id -> Tracked.read(alert)).current;
  }

  /**
   * Follows an alert read when its key was locked, as the key's open or last resolved alert;
   * returns its current version.
   */
  Alert alertLoaded(Alert alert) {
    Alert current = track(alert);
    KeyState state = keys.get(current.dedupKey());
    if (state == null) {
      return current;
    }
    if (current.isOpen()) {
      state.openAlertId = Optional.of(current.id());
    } else if (state.lastResolvedId != null) {
      Optional<Alert> last = state.lastResolvedId.map(this::currentAlert);
      if (last.isEmpty() || resolvedLater(current, last.get())) {
        state.lastResolvedId = Optional.of(current.id());
      }
    }
    return current;
  }

  /** Records an incident whose row this unit of work has locked; returns its current version. */
  Incident incidentLocked(Incident incident) {
    return incidents.computeIfAbsent(incident.id(), id -> Tracked.read(incident)).current;
  }

  Alert currentAlert(String id) {
    return alerts.get(id).current;
  }

  Incident currentIncident(String id) {
    return incidents.get(id).current;
  }

  /**
   * Updates the view after a write of an alert of a key it follows, or of any alert for the counts.
   *
   * @param before the alert before the write, {@code null} when it did not exist
   * @param beforeKnown whether {@code before} is known; an unknown one drops the counts
   */
  void alertWritten(Alert before, boolean beforeKnown, Alert after) {
    adjustCounts(before, beforeKnown, after);
    KeyState state = after.dedupKey() == null ? null : keys.get(after.dedupKey());
    if (state == null) {
      return;
    }
    if (after.isOpen()) {
      state.openAlertId = Optional.of(after.id());
    } else if (state.openAlertId != null && state.openAlertId.equals(Optional.of(after.id()))) {
      state.openAlertId = Optional.empty();
    }
    if (state.lastResolvedId == null) {
      return;
    }
    if (state.lastResolvedId.equals(Optional.of(after.id()))) {
      // The last resolved alert stays last only while it is resolved no earlier than before;
      // otherwise the next one is not known here.
      boolean staysLast =
          after.status() == AlertStatus.RESOLVED
              && before != null
              && before.resolvedAt() != null
              && !after.resolvedAt().isBefore(before.resolvedAt());
      if (!staysLast) {
        state.lastResolvedId = null;
      }
    } else if (after.status() == AlertStatus.RESOLVED) {
      Optional<Alert> last = state.lastResolvedId.map(this::currentAlert);
      if (last.isEmpty() || resolvedLater(after, last.get())) {
        state.lastResolvedId = Optional.of(after.id());
      }
    }
  }

  /** Makes everything known of this key unknown, after a write that moved an alert off it. */
  void forgetKey(String dedupKey) {
    KeyState state = dedupKey == null ? null : keys.get(dedupKey);
    if (state != null) {
      state.openAlertId = null;
      state.lastResolvedId = null;
    }
  }

  /** Updates the group's incident that is not closed after a write of an incident. */
  void incidentWritten(Incident incident) {
    GroupState state = incident.groupKey() == null ? null : groups.get(incident.groupKey());
    if (state == null || state.openIncidentId == null) {
      return;
    }
    if (incident.state() != IncidentState.RESOLVED) {
      state.openIncidentId = Optional.of(incident.id());
    } else if (state.openIncidentId.equals(Optional.of(incident.id()))) {
      state.openIncidentId = Optional.empty();
    }
  }

  /** Makes the group's incident that is not closed unknown. */
  void forgetGroup(String groupKey) {
    GroupState state = groupKey == null ? null : groups.get(groupKey);
    if (state != null) {
      state.openIncidentId = null;
    }
  }

  /** Returns the open-alert count of a locked incident, or {@code null} when not read yet. */
  Long openAlertCount(String incidentId) {
    return openAlertCounts.get(incidentId);
  }

  void putOpenAlertCount(String incidentId, long count) {
    openAlertCounts.put(incidentId, count);
  }

  private void adjustCounts(Alert before, boolean beforeKnown, Alert after) {
    if (openAlertCounts.isEmpty()) {
      return;
    }
    if (!beforeKnown) {
      openAlertCounts.clear();
      return;
    }
    if (before != null && before.isOpen()) {
      openAlertCounts.computeIfPresent(before.incidentId(), (id, count) -> count - 1);
    }
    if (after.isOpen()) {
      openAlertCounts.computeIfPresent(after.incidentId(), (id, count) -> count + 1);
    }
  }

  /**
   * Returns whether {@code a} was resolved after {@code b}: a later {@code resolvedAt}, or the same
   * one and a greater id, as {@link io.regen.webhook.spi.StoreTransaction#findLastResolvedAlert}
   * orders them.
   */
  static boolean resolvedLater(Alert a, Alert b) {
    int byTime = a.resolvedAt().compareTo(b.resolvedAt());
    return byTime != 0 ? byTime > 0 : a.id().compareTo(b.id()) > 0;
  }
}
