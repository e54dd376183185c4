package io.regen.webhook.benchmarks;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.TransactionWork;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An {@link InMemoryAlertStore} that can be swapped for an empty one, so that a benchmark can
 * send new keys for as long as it runs without keeping every alert it ever created. Every call
 * goes to the current store. Not for concurrent swaps: the benchmarks that use it run on one
 * thread.
 */
final class ReplaceableStore implements AlertStore {

  private InMemoryAlertStore current = new InMemoryAlertStore();

  /** Replaces the store with an empty one. */
  void replace() {
    current = new InMemoryAlertStore();
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return current.inTransaction(work);
  }

  @Override
  public Optional<Alert> findAlert(String alertId) {
    return current.findAlert(alertId);
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    return current.findOpenAlert(dedupKey);
  }

  @Override
  public List<Alert> listAlerts(AlertQuery query) {
    return current.listAlerts(query);
  }

  @Override
  public Optional<Incident> findIncident(String incidentId) {
    return current.findIncident(incidentId);
  }

  @Override
  public List<Incident> listIncidents(IncidentQuery query) {
    return current.listIncidents(query);
  }

  @Override
  public boolean resolveIncident(String incidentId, Instant resolvedAt) {
    return current.resolveIncident(incidentId, resolvedAt);
  }

  @Override
  public int purgeRememberedResolves(Instant olderThan) {
    return current.purgeRememberedResolves(olderThan);
  }

  @Override
  public int purgeResolvedAlerts(Instant olderThan) {
    return current.purgeResolvedAlerts(olderThan);
  }
}
