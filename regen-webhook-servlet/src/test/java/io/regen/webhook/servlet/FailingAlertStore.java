package io.regen.webhook.servlet;

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
import java.util.function.Supplier;

/**
 * In-memory store whose units of work always fail with a chosen exception, as a store whose
 * database is down ({@link io.regen.webhook.spi.StoreUnavailableException}) or broken (any other
 * runtime exception) does. Reads reach the in-memory store.
 */
final class FailingAlertStore implements AlertStore {
  private final AlertStore delegate = new InMemoryAlertStore();
  private final Supplier<RuntimeException> failure;

  FailingAlertStore(Supplier<RuntimeException> failure) {
    this.failure = failure;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    throw failure.get();
  }

  @Override
  public Optional<Alert> findAlert(String alertId) {
    return delegate.findAlert(alertId);
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    return delegate.findOpenAlert(dedupKey);
  }

  @Override
  public List<Alert> listAlerts(AlertQuery query) {
    return delegate.listAlerts(query);
  }

  @Override
  public Optional<Incident> findIncident(String incidentId) {
    return delegate.findIncident(incidentId);
  }

  @Override
  public List<Incident> listIncidents(IncidentQuery query) {
    return delegate.listIncidents(query);
  }

  @Override
  public boolean resolveIncident(String incidentId, Instant resolvedAt) {
    return delegate.resolveIncident(incidentId, resolvedAt);
  }

  @Override
  public int purgeRememberedResolves(Instant olderThan) {
    return delegate.purgeRememberedResolves(olderThan);
  }

  @Override
  public int purgeResolvedAlerts(Instant olderThan) {
    return delegate.purgeResolvedAlerts(olderThan);
  }
}
