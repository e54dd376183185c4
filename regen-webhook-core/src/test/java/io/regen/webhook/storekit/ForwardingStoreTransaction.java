package io.regen.webhook.storekit;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.spi.StoreTransaction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StoreTransaction} that forwards every call to another one; tests override single methods
 * to inject failures or deliberate bugs.
 */
public class ForwardingStoreTransaction implements StoreTransaction {

  private final StoreTransaction delegate;

  /** Creates a transaction that forwards to this one. */
  public ForwardingStoreTransaction(StoreTransaction delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  @Override
  public void lockKeys(List<String> sortedKeys) {
    delegate.lockKeys(sortedKeys);
  }

  @Override
  public void lockGroups(List<String> sortedGroups) {
    delegate.lockGroups(sortedGroups);
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    return delegate.findOpenAlert(dedupKey);
  }

  @Override
  public Optional<Alert> findLastResolvedAlert(String dedupKey) {
    return delegate.findLastResolvedAlert(dedupKey);
  }

  @Override
  public Optional<Instant> findRememberedResolve(String dedupKey) {
    return delegate.findRememberedResolve(dedupKey);
  }

  @Override
  public void rememberResolve(String dedupKey, Instant resolvedAt) {
    delegate.rememberResolve(dedupKey, resolvedAt);
  }

  @Override
  public void insertAlert(Alert alert) {
    delegate.insertAlert(alert);
  }

  @Override
  public void updateAlert(Alert alert) {
    delegate.updateAlert(alert);
  }

  @Override
  public Optional<Incident> findOpenIncidentOfGroup(String groupKey) {
    return delegate.findOpenIncidentOfGroup(groupKey);
  }

  @Override
  public void insertIncident(Incident incident) {
    delegate.insertIncident(incident);
  }

  @Override
  public Incident lockIncident(String incidentId) {
    return delegate.lockIncident(incidentId);
  }

  @Override
  public void updateIncident(Incident incident) {
    delegate.updateIncident(incident);
  }

  @Override
  public long countOpenAlerts(String incidentId) {
    return delegate.countOpenAlerts(incidentId);
  }
}
