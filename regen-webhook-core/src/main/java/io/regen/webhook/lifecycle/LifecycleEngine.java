package io.regen.webhook.lifecycle;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.internal.ThrottledWarning;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentLinker;
import io.regen.webhook.spi.IncidentNotifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * Applies the valid events of one request to an {@link AlertStore}: deduplication, resolves, late
 * events, the reopen window and incidents.
 *
 * <p>Each call to {@link #apply} computes the incident group of every firing event with the {@link
 * IncidentLinker}, then runs one unit of work of the store. The unit of work locks all dedup keys
 * and then all groups of the request, each sorted, and applies the events in array order, so that
 * two events with one key behave like two requests in that order. Notifications are collected while
 * the unit of work runs and sent only after it committed: first the alert changes, then the
 * incident changes, each in event order.
 *
 * <p>Rules that the lifecycle leaves open are decided as follows:
 *
 * <ul>
 *   <li>A firing event is late when it carries an explicit {@code startedAt} at or before the
 *       latest of the last resolved alert's {@code resolvedAt} and the remembered resolve of its
 *       key. Such an event is {@link io.regen.webhook.Outcome#STALE} even when a newer alert is
 *       open, and a resolve stays remembered only until the host purges it.
 *   <li>The reopen window counts from the {@code resolvedAt} of the key's last resolved alert, and
 *       an event received within it, ends included, reopens that alert. A remembered resolve never
 *       reopens anything. Reopening remembers the resolve it undoes, so that an event started
 *       before that resolve stays late.
 *   <li>An alert whose incident the host has closed is never reopened: the firing event creates a
 *       new alert, which the linker places in a new incident (or in another open one of its group).
 *   <li>An open alert whose incident the host closed keeps that incident while it receives updates
 *       and its resolve. A closed incident is never flagged.
 *   <li>An event without a dedup key always creates an alert when firing, and is {@link
 *       io.regen.webhook.Outcome#UNMATCHED} when resolving, with nothing remembered.
 *   <li>An incident flagged and made active again within one request is reported both ways, in that
 *       order, as two requests would.
 * </ul>
 *
 * <p>Thread-safe: the engine keeps no state between calls; concurrent calls rely on the store's
 * locks.
 */
public final class LifecycleEngine {

  private final AlertStore store;
  private final IncidentNotifier notifier;
  private final IncidentLinker linker;
  private final Duration reopenWindow;
  private final ThrottledWarning notifierFailures =
      new ThrottledWarning(LoggerFactory.getLogger(LifecycleEngine.class), Duration.ofSeconds(10));

  /**
   * Creates an engine; a zero reopen window switches reopening off.
   *
   * @throws IllegalArgumentException if the reopen window is negative
   */
  public LifecycleEngine(
      AlertStore store, IncidentNotifier notifier, IncidentLinker linker, Duration reopenWindow) {
    this.store = Objects.requireNonNull(store, "store");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.linker = Objects.requireNonNull(linker, "linker");
    this.reopenWindow = Objects.requireNonNull(reopenWindow, "reopenWindow");
    if (reopenWindow.isNegative()) {
      throw new IllegalArgumentException("reopenWindow must not be negative: " + reopenWindow);
    }
  }

  /**
   * Applies the events in array order as one unit of work, then sends notifications.
   *
   * @return one result per event, in the same order
   * @throws IllegalArgumentException if a firing event has no title
   * @throws io.regen.webhook.spi.StoreUnavailableException if the store failed; nothing applied
   */
  public List<EventResult> apply(List<AlertEvent> events) {
    List<AlertEvent> copy = List.copyOf(events);
    if (copy.isEmpty()) {
      return List.of();
    }
    List<Optional<String>> groups = groupKeys(copy);
    List<String> keys = new ArrayList<>(copy.size());
    copy.forEach(event -> keys.add(event.dedupKey()));
    List<String> groupValues = new ArrayList<>(groups.size());
    groups.forEach(group -> groupValues.add(group.orElse(null)));
    List<String> sortedKeys = sortedDistinct(keys);
    List<String> groupLocks = sortedDistinct(groupValues);

    UnitOfWork.Result outcome =
        store.inTransaction(
            transaction -> {
              transaction.lockKeys(sortedKeys);
              transaction.lockGroups(groupLocks);
              return new UnitOfWork(transaction, reopenWindow).applyAll(copy, groups);
            });
    outcome.notifications().send(notifier, notifierFailures);
    return outcome.results();
  }

  private List<Optional<String>> groupKeys(List<AlertEvent> events) {
    List<Optional<String>> groups = new ArrayList<>(events.size());
    for (AlertEvent event : events) {
      if (event.isResolve()) {
        groups.add(Optional.empty());
        continue;
      }
      if (event.title() == null) {
        throw new IllegalArgumentException("firing event " + event.index() + " has no title");
      }
      groups.add(Objects.requireNonNull(linker.groupKey(event), "linker returned null"));
    }
    return groups;
  }

  /** Returns the values other than null, sorted and without duplicates. */
  private static List<String> sortedDistinct(List<String> values) {
    String[] sorted = new String[values.size()];
    int count = 0;
    for (String value : values) {
      if (value != null) {
        sorted[count++] = value;
      }
    }
    Arrays.sort(sorted, 0, count);
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (distinct == 0 || !sorted[i].equals(sorted[distinct - 1])) {
        sorted[distinct++] = sorted[i];
      }
    }
    return Collections.unmodifiableList(Arrays.asList(sorted).subList(0, distinct));
  }
}
