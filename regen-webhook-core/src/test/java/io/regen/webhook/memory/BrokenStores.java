package io.regen.webhook.memory;

import io.regen.webhook.Incident;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.ForwardingAlertStore;
import io.regen.webhook.storekit.ForwardingStoreTransaction;
import java.time.Instant;
import java.util.Optional;

/** Deliberately broken stores, each with one bug, that the store contract kit must catch. */
final class BrokenStores {

  private BrokenStores() {}

  /** Returns a store that never remembers an unmatched resolve. */
  static AlertStore forgettingResolves() {
    return new ForwardingAlertStore(
        new InMemoryAlertStore(),
        transaction ->
            new ForwardingStoreTransaction(transaction) {
              @Override
              public void rememberResolve(String dedupKey, Instant resolvedAt) {}
            });
  }

  /** Returns a store that counts one open alert too many, so that no incident is flagged. */
  static AlertStore losingFlags() {
    return new ForwardingAlertStore(
        new InMemoryAlertStore(),
        transaction ->
            new ForwardingStoreTransaction(transaction) {
              @Override
              public long countOpenAlerts(String incidentId) {
                return super.countOpenAlerts(incidentId) + 1;
              }
            });
  }

  /** Returns a store that never finds the last resolved alert of a key. */
  static AlertStore forgettingResolvedAlerts() {
    return new ForwardingAlertStore(
        new InMemoryAlertStore(),
        transaction ->
            new ForwardingStoreTransaction(transaction) {
              @Override
              public Optional<io.regen.webhook.Alert> findLastResolvedAlert(String dedupKey) {
                return Optional.empty();
              }
            });
  }

  /** Returns a store whose open incident of a group is always missing once it was flagged. */
  static AlertStore hidingFlaggedIncidents() {
    return new ForwardingAlertStore(
        new InMemoryAlertStore(),
        transaction ->
            new ForwardingStoreTransaction(transaction) {
              @Override
              public Optional<Incident> findOpenIncidentOfGroup(String groupKey) {
                return super.findOpenIncidentOfGroup(groupKey)
                    .filter(incident -> incident.flaggedAt() == null);
              }
            });
  }
}
