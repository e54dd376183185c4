package io.regen.webhook.memory;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreTransaction;
import io.regen.webhook.spi.TransactionWork;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An {@link AlertStore} that keeps everything in memory, for tests, examples and small hosts that
 * accept losing every alert and incident on restart.
 *
 * <p>Thread-safe. A unit of work holds one store-wide write lock from start to end, so units of
 * work run one at a time and the key, group and incident locks of {@link StoreTransaction} hold
 * trivially. Each write is recorded in an undo log, and a unit of work that throws is rolled back
 * before the lock is released, so nothing of it is ever visible. Reads outside a unit of work take
 * the read lock, run in parallel with each other and see committed state only. The store's own
 * methods called from inside a unit of work, on its thread, throw {@link IllegalStateException}
 * because they would see uncommitted writes.
 *
 * <p>Lookups by alert id, by open alert of a dedup key, by remembered resolve, by incident id and
 * by open incident of a group use hash maps; the last resolved alert of a key comes from a sorted
 * set of that key's resolved alerts, and the open alert count of an incident is kept as a counter.
 * Listing scans every alert or incident and sorts the matches. Purging removes at most {@value
 * #PURGE_BATCH} entries per acquisition of the lock.
 */
public final class InMemoryAlertStore implements AlertStore {

  /** Maximum number of entries that one batch of a purge removes while holding the lock. */
  public static final int PURGE_BATCH = 1_000;

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final MemoryState state = new MemoryState();

  /** Creates an empty store. */
  public InMemoryAlertStore() {}

  /**
   * Runs the work under the store-wide write lock; rolls back every write it made when it throws.
   * The work runs exactly once.
   *
   * @throws IllegalStateException if called from inside a unit of work of this store
   */
  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    Objects.requireNonNull(work, "work");
    if (lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("nested units of work are not supported");
    }
    lock.writeLock().lock();
    MemoryTransaction transaction = new MemoryTransaction(state);
    try {
      T result = work.run(transaction);
      transaction.commit();
      return result;
    } catch (RuntimeException | Error e) {
      transaction.rollBack();
      throw e;
    } finally {
      transaction.close();
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<Alert> findAlert(String alertId) {
    Objects.requireNonNull(alertId, "alertId");
    return read(() -> Optional.ofNullable(state.alert(alertId)));
  }

  @Override
  public Optional<Alert> findOpenAlert(String dedupKey) {
    Objects.requireNonNull(dedupKey, "dedupKey");
    return read(() -> state.openAlert(dedupKey));
  }

  @Override
  public List<Alert> listAlerts(AlertQuery query) {
    Objects.requireNonNull(query, "query");
    List<Alert> matches =
        read(
            () -> {
              List<Alert> found = new ArrayList<>();
              state.forEachAlert(
                  alert -> {
                    if (matches(query, alert)) {
                      found.add(alert);
                    }
                  });
              return found;
            });
    matches.sort(Comparator.comparing(Alert::lastEventAt).reversed().thenComparing(Alert::id));
    return List.copyOf(matches.subList(0, Math.min(query.limit(), matches.size())));
  }

  private static boolean matches(AlertQuery query, Alert alert) {
    return query.externalId().map(id -> id.equals(alert.externalId())).orElse(true)
        && query.status().map(status -> status == alert.status()).orElse(true)
        && query.incidentId().map(id -> id.equals(alert.incidentId())).orElse(true);
  }

  @Override
  public Optional<Incident> findIncident(String incidentId) {
    Objects.requireNonNull(incidentId, "incidentId");
    return read(() -> Optional.ofNullable(state.incident(incidentId)));
  }

  @Override
  public List<Incident> listIncidents(IncidentQuery query) {
    Objects.requireNonNull(query, "query");
    List<Incident> matches =
        read(
            () -> {
              List<Incident> found = new ArrayList<>();
              state.forEachIncident(
                  incident -> {
                    if (query.state().map(s -> s == incident.state()).orElse(true)) {
                      found.add(incident);
                    }
                  });
              return found;
            });
    matches.sort(Comparator.comparing(Incident::createdAt).reversed().thenComparing(Incident::id));
    return List.copyOf(matches.subList(0, Math.min(query.limit(), matches.size())));
  }

  /** Closes the incident under the write lock; its {@code flaggedAt} is kept. */
  @Override
  public boolean resolveIncident(String incidentId, Instant resolvedAt) {
    Objects.requireNonNull(incidentId, "incidentId");
    Objects.requireNonNull(resolvedAt, "resolvedAt");
    return write(
        () -> {
          Incident incident = state.incident(incidentId);
          if (incident == null || incident.state() == IncidentState.RESOLVED) {
            return false;
          }
          state.putIncident(
              new Incident(
                  incident.id(),
                  incident.groupKey(),
                  IncidentState.RESOLVED,
                  incident.createdAt(),
                  incident.flaggedAt(),
                  resolvedAt));
          return true;
        });
  }

  @Override
  public int purgeRememberedResolves(Instant olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    int total = 0;
    int batch;
    do {
      batch = write(() -> state.purgeRememberedResolves(olderThan, PURGE_BATCH));
      total += batch;
    } while (batch == PURGE_BATCH);
    return total;
  }

  @Override
  public int purgeResolvedAlerts(Instant olderThan) {
    Objects.requireNonNull(olderThan, "olderThan");
    int total = 0;
    int batch;
    do {
      batch = write(() -> state.purgeResolvedAlerts(olderThan, PURGE_BATCH));
      total += batch;
    } while (batch == PURGE_BATCH);
    return total;
  }

  private <T> T read(Supplier<T> reader) {
    if (lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("store methods cannot be called inside a unit of work");
    }
    Lock readLock = lock.readLock();
    readLock.lock();
    try {
      return reader.get();
    } finally {
      readLock.unlock();
    }
  }

  private <T> T write(Supplier<T> writer) {
    if (lock.isWriteLockedByCurrentThread()) {
      throw new IllegalStateException("store methods cannot be called inside a unit of work");
    }
    Lock writeLock = lock.writeLock();
    writeLock.lock();
    try {
      return writer.get();
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  public String toString() {
    return read(() -> "InMemoryAlertStore[" + state.summary() + "]");
  }
}
