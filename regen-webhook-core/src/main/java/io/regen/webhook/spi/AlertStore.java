package io.regen.webhook.spi;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence for alerts, incidents and remembered resolves.
 *
 * <p>The lifecycle engine applies the valid events of one request inside one {@link
 * #inTransaction unit of work}, after locking every dedup key and incident group the request
 * touches. A store provides that atomicity and those locks; the rules themselves stay in the
 * engine. Implementations are thread-safe. A store on a shared database keeps every guarantee
 * across processes: at most one open alert per dedup key, backed by a unique constraint and not
 * only by the lock, and incident state changes made under a row lock.
 *
 * <p>Every method may throw {@link StoreUnavailableException} when the backend cannot be reached
 * or fails; nothing was changed then. Other runtime exceptions are bugs or broken invariants, and
 * the handler answers them with 500.
 */
public interface AlertStore {

  /**
   * Runs the work in one unit of work and commits it, or rolls all of it back when the work
   * throws.
   *
   * <p>The store may run the work again from the start, in a fresh transaction, when its backend
   * reports a deadlock or a serialization failure; it gives up after a bounded number of attempts
   * with {@link StoreUnavailableException}. The returned value is the one of the attempt that
   * committed. Nested calls are not supported.
   *
   * @throws StoreUnavailableException if the backend failed, timed out or kept asking for retries;
   *     nothing of the work was applied
   */
  <T> T inTransaction(TransactionWork<T> work);

  /** Finds an alert by its identifier. Reads committed data; takes no lock. */
  Optional<Alert> findAlert(String alertId);

  /** Finds the open alert with this dedup key. Reads committed data; takes no lock. */
  Optional<Alert> findOpenAlert(String dedupKey);

  /**
   * Lists the alerts that match the query, the most recent {@code lastEventAt} first, ties broken
   * by identifier. Reads committed data; takes no lock.
   */
  List<Alert> listAlerts(AlertQuery query);

  /** Finds an incident by its identifier. Reads committed data; takes no lock. */
  Optional<Incident> findIncident(String incidentId);

  /**
   * Lists the incidents that match the query, the most recently created first, ties broken by
   * identifier. Reads committed data; takes no lock.
   */
  List<Incident> listIncidents(IncidentQuery query);

  /**
   * Closes an incident for good on behalf of the host, whatever its alerts' state: its state
   * becomes {@code resolved} and {@code resolvedAt} this time. Later alerts of its group open a
   * new incident. Atomic with respect to concurrent units of work.
   *
   * @return {@code true} if the incident existed and was not closed yet
   */
  boolean resolveIncident(String incidentId, Instant resolvedAt);

  /**
   * Deletes remembered resolves (see {@link StoreTransaction#rememberResolve}) made before the
   * cutoff, in bounded batches that each commit on their own.
   *
   * @return how many were deleted
   */
  int purgeRememberedResolves(Instant olderThan);

  /**
   * Deletes resolved alerts whose {@code resolvedAt} is before the cutoff, in bounded batches that
   * each commit on their own. Open alerts are never deleted.
   *
   * @return how many were deleted
   */
  int purgeResolvedAlerts(Instant olderThan);
}
