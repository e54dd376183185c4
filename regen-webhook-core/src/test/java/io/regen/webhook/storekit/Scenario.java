package io.regen.webhook.storekit;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Severity;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A generated history: a reopen window and a sequence of operations (firing events, resolve events
 * and host closes of an incident), cut into requests.
 *
 * @param reopenWindow the engine's reopen window, zero for none
 * @param operations the operations in order
 */
public record Scenario(Duration reopenWindow, List<Scenario.Operation> operations) {

  /** The time of receipt of the first operation. */
  public static final Instant START = Instant.parse("2026-03-01T12:00:00Z");

  public Scenario {
    operations = List.copyOf(operations);
  }

  /** What an operation does. */
  public enum Kind {
    FIRE,
    RESOLVE,
    /** The host closes the incident of the latest alert of the key, if any. */
    CLOSE_INCIDENT
  }

  /** How the events are cut into requests; host closes always stand alone. */
  public enum Split {
    /** At each operation whose {@code endsRequest} is set. */
    AS_GENERATED,
    /** One event per request. */
    ONE_PER_REQUEST,
    /** As few requests as the host closes allow. */
    FEWEST
  }

  /**
   * The fields of an event that do not affect its timing.
   *
   * @param title title, or {@code null}; a firing event without one uses a fixed title
   * @param description description, or {@code null}
   * @param severity severity, or {@code null}
   * @param source source, or {@code null}
   * @param service value of the {@code service} label, or {@code null}
   * @param environment value of the {@code environment} label, or {@code null}
   * @param withLabels whether the event carries labels at all
   * @param annotationsJson annotations, or {@code null}
   */
  public record Fields(
      String title,
      String description,
      Severity severity,
      String source,
      String service,
      String environment,
      boolean withLabels,
      String annotationsJson) {}

  /**
   * One operation.
   *
   * @param kind what it does
   * @param key the dedup key, or {@code null} for an event without one
   * @param minutesLater minutes between the previous operation's time of receipt and this one's
   * @param startedMinutesBefore minutes from {@code started_at} to the time of receipt (negative
   *     for a {@code started_at} after it), or {@code null} for none
   * @param endsRequest whether the request ends after this operation
   * @param fields the other fields of the event
   */
  public record Operation(
      Kind kind,
      String key,
      int minutesLater,
      Integer startedMinutesBefore,
      boolean endsRequest,
      Fields fields) {

    /** Builds the event at this position of its request, received at this time. */
    public AlertEvent toEvent(int index, Instant receivedAt) {
      Map<String, String> labels = null;
      if (fields.withLabels()) {
        labels = new HashMap<>();
        if (fields.service() != null) {
          labels.put("service", fields.service());
        }
        if (fields.environment() != null) {
          labels.put("environment", fields.environment());
        }
      }
      boolean resolve = kind == Kind.RESOLVE;
      String title = fields.title() == null && !resolve ? "Queue backlog" : fields.title();
      Instant startedAt =
          startedMinutesBefore == null
              ? null
              : receivedAt.minus(Duration.ofMinutes(startedMinutesBefore));
      return new AlertEvent(
          index,
          key,
          key,
          title,
          fields.description(),
          fields.severity(),
          resolve ? AlertStatus.RESOLVED : AlertStatus.FIRING,
          fields.source(),
          labels,
          fields.annotationsJson(),
          startedAt,
          receivedAt);
    }
  }

  /**
   * A request of events, or a host close when {@code closeKey} is set.
   *
   * @param events the events, empty for a host close
   * @param closeKey the key whose latest alert's incident the host closes, or {@code null}
   * @param at the time of the host close
   */
  public record Batch(List<AlertEvent> events, String closeKey, Instant at) {

    /** Returns whether this batch is a host close. */
    public boolean isClose() {
      return closeKey != null;
    }
  }

  /** Returns the batches of this scenario, cut by the given split. */
  public List<Batch> batches(Split split) {
    List<Batch> batches = new ArrayList<>();
    List<AlertEvent> request = new ArrayList<>();
    Instant time = START;
    for (Operation operation : operations) {
      time = time.plus(Duration.ofMinutes(operation.minutesLater()));
      if (operation.kind() == Kind.CLOSE_INCIDENT) {
        flush(batches, request);
        if (operation.key() != null) {
          batches.add(new Batch(List.of(), operation.key(), time));
        }
        continue;
      }
      request.add(operation.toEvent(request.size(), time));
      boolean cut =
          switch (split) {
            case AS_GENERATED -> operation.endsRequest();
            case ONE_PER_REQUEST -> true;
            case FEWEST -> false;
          };
      if (cut) {
        flush(batches, request);
      }
    }
    flush(batches, request);
    return batches;
  }

  /** Returns the time of receipt of the last operation. */
  public Instant end() {
    Instant time = START;
    for (Operation operation : operations) {
      time = time.plus(Duration.ofMinutes(operation.minutesLater()));
    }
    return time;
  }

  private static void flush(List<Batch> batches, List<AlertEvent> request) {
    if (!request.isEmpty()) {
      batches.add(new Batch(List.copyOf(request), null, null));
      request.clear();
    }
  }
}
