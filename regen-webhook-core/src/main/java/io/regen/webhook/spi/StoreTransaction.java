package io.regen.webhook.spi;

import io.regen.webhook.Alert;
import io.regen.webhook.Incident;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The operations the lifecycle engine performs inside one unit of work of an {@link AlertStore}.
 *
 * <p>Valid only during {@link TransactionWork#run}, and only on the thread that runs it. Reads see
 * the transaction's own writes and data committed by others (read-committed isolation or
 * stronger). Writes become visible to others when the unit of work commits.
 *
 * <p>A store may read the rows of the keys and groups when it locks them, and serve later reads of
 * those rows from what it read and from the unit of work's own writes: under the protocol below, no
 * other unit of work changes them while the locks are held. It may also delay writes of those rows
 * until {@link TransactionWork#run} returns. A write that only the database can reject, such as an
 * insert with an identifier that exists already, then fails in a later call or in {@link
 * AlertStore#inTransaction}, and nothing of the unit of work is applied.
 *
 * <p>The lifecycle engine follows one locking protocol, so that its units of work cannot deadlock
 * on keys. It makes one call to {@link #lockKeys} with all dedup keys, then one call to {@link
 * #lockGroups} with all incident groups the unit of work may touch, each sorted. It locks incident
 * rows later, with {@link #lockIncident}. A store backs its locks with the database (for example a row per
 * key selected {@code FOR UPDATE}) so that they hold across processes.
 */
public interface StoreTransaction {

  /**
   * Takes the exclusive lock of each dedup key, in the given order, blocking until each is held.
   * Locks are released when the unit of work ends. A key needs no stored alert to be locked.
   *
   * @param sortedKeys distinct keys in ascending {@link String#compareTo} order
   */
  void lockKeys(List<String> sortedKeys);

  /**
   * Takes the exclusive lock of each incident group, in the given order, as {@link #lockKeys}
   * does for keys. Group locks live in a namespace of their own.
   *
   * @param sortedGroups distinct group keys in ascending {@link String#compareTo} order
   */
  void lockGroups(List<String> sortedGroups);

  /** Finds the open alert with this dedup key; the caller holds the key's lock. */
  Optional<Alert> findOpenAlert(String dedupKey);

  /**
   * Finds the alert with this dedup key that was resolved last: the greatest {@code resolvedAt},
   * ties broken by the greatest identifier in {@link String#compareTo} order. The caller holds the
   * key's lock.
   */
  Optional<Alert> findLastResolvedAlert(String dedupKey);

  /** Finds the time of the remembered resolve of this dedup key, if one is kept. */
  Optional<Instant> findRememberedResolve(String dedupKey);

  /**
   * Remembers that a resolve for this key arrived without an open alert to match, so that a firing
   * event delayed behind it can be recognised as late. A later time replaces an earlier one; an
   * earlier one is ignored.
   */
  void rememberResolve(String dedupKey, Instant resolvedAt);

  /**
   * Inserts a new alert.
   *
   * @throws IllegalStateException if the alert is open and another open alert with the same dedup
   *     key exists, because the store's unique constraint rejects it. Callers that hold the key's
   *     lock never get this exception
   */
  void insertAlert(Alert alert);

  /**
   * Replaces the stored alert that has the same identifier.
   *
   * @throws IllegalStateException if no such alert exists, or if the update would make a second
   *     open alert for its dedup key
   */
  void updateAlert(Alert alert);

  /**
   * Finds the incident of this group that is not closed ({@code active} or {@code
   * resolution_pending}) and locks its row; the caller holds the group's lock.
   */
  Optional<Incident> findOpenIncidentOfGroup(String groupKey);

  /**
   * Inserts a new incident.
   *
   * @throws IllegalStateException if its group already has an incident that is not closed
   */
  void insertIncident(Incident incident);

  /**
   * Locks the incident's row until the unit of work ends and returns its current state, including
   * changes committed by others while this call waited for the lock.
   *
   * @throws IllegalStateException if no such incident exists
   */
  Incident lockIncident(String incidentId);

  /** Replaces the stored incident that has the same identifier. */
  void updateIncident(Incident incident);

  /**
   * Counts the open alerts of an incident. Called after {@link #lockIncident}, it counts every
   * alert committed by others before the lock was granted, so that two units of work resolving the last
   * two alerts of one incident cannot both count one left.
   */
  long countOpenAlerts(String incidentId);
}
