package io.regen.webhook.storekit;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreTransaction;
import io.regen.webhook.spi.TransactionWork;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * An {@link AlertStore} that forwards every call to another store and lets a test wrap the
 * transaction that each unit of work receives, to inject failures or deliberate bugs.
 */
public class ForwardingAlertStore implements AlertStore {

  private final AlertStore delegate;
  private final UnaryOperator<StoreTransaction> wrapper;

  /** Creates a store that hands each unit of work {@code wrapper} applied to the real one. */
  public ForwardingAlertStore(AlertStore delegate, UnaryOperator<StoreTransaction> wrapper) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.wrapper = Objects.requireNonNull(wrapper, "wrapper");
  }

  /** Returns the store that calls are forwarded to. */
  public AlertStore delegate() {
    return delegate;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    return delegate.inTransaction(transaction -> work.run(wrapper.apply(transaction)));
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
