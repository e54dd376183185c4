package io.regen.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import io.regen.webhook.Alert;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Outcome;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreUnavailableException;
import io.regen.webhook.storekit.ForwardingAlertStore;
import io.regen.webhook.storekit.ForwardingStoreTransaction;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Kills the store's database connection from a separate administrator connection in the middle of a
 * unit of work, after its first alert was written: the request fails with {@link
 * StoreUnavailableException}, nothing of it is stored, and the next request works.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConnectionLossTest {

  private final StoreFixture fixture;
  private final String backendIdQuery;

  ConnectionLossTest(TestDatabase.Kind kind, String prefix, String backendIdQuery) {
    this.fixture = StoreFixture.open(kind, prefix);
    this.backendIdQuery = backendIdQuery;
  }

  /** Returns the statement that kills the connection with this server-side id. */
  abstract String killStatement(long backendId);

  @AfterAll
  void closeDatabase() {
    fixture.close();
  }

  @Test
  void killedConnectionAppliesNothingThenRecovers() throws Exception {
    JdbcAlertStore reader = fixture.freshStore();
    try (HikariDataSource pool = fixture.database().newPool("killed", 2)) {
      BackendRecordingDataSource recording = new BackendRecordingDataSource(pool, backendIdQuery);
      JdbcAlertStore jdbc =
          JdbcAlertStore.builder(recording).tablePrefix(fixture.prefix()).maxAttempts(3).build();
      AtomicBoolean killed = new AtomicBoolean();
      ForwardingAlertStore store =
          new ForwardingAlertStore(
              jdbc,
              tx ->
                  new ForwardingStoreTransaction(tx) {
                    @Override
                    public void insertAlert(Alert alert) {
                      super.insertAlert(alert);
                      if (killed.compareAndSet(false, true)) {
                        kill(recording.lastBackendId());
                      }
                    }
                  });
      LifecycleEngine engine =
          new LifecycleEngine(
              store, IncidentNotifier.NONE, LabelIncidentLinker.defaults(), Duration.ZERO);
      List<AlertEvent> request = List.of(fire(0, "disk"), fire(1, "cpu"), fire(2, "memory"));

      assertThatThrownBy(() -> engine.apply(request)).isInstanceOf(StoreUnavailableException.class);

      assertThat(killed).isTrue();
      assertThat(reader.listAlerts(AlertQuery.all())).isEmpty();
      assertThat(reader.listIncidents(IncidentQuery.all())).isEmpty();

      List<EventResult> retried = engine.apply(request);

      assertThat(retried).extracting(EventResult::outcome).containsOnly(Outcome.CREATED);
      assertThat(reader.listAlerts(AlertQuery.all())).hasSize(3);
    }
  }

  private void kill(long backendId) {
    try (Connection admin = fixture.database().adminConnection();
        Statement statement = admin.createStatement()) {
      statement.execute(killStatement(backendId));
    } catch (SQLException e) {
      throw new IllegalStateException("could not kill connection " + backendId, e);
    }
  }

  private static AlertEvent fire(int index, String key) {
    return new AlertEvent(
        index,
        key,
        key,
        "Alert " + key,
        null,
        null,
        AlertStatus.FIRING,
        "fault-test",
        Map.of("service", key),
        null,
        null,
        Instant.parse("2026-05-01T12:00:00Z"));
  }
}
