package io.regen.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.Outcome;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.spi.StoreUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cuts the network between a receiver's pool and PostgreSQL or MariaDB and restores it: while the
 * database is unreachable every request fails with {@link StoreUnavailableException}, and once it
 * is back the same store and pool work again without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DatabaseOutageTest {

  private final StoreFixture fixture;
  private final String urlTemplate;
  private final int serverPort;
  private final String user;

  /**
   * Creates the test for a database whose JDBC URL is {@code urlTemplate} with {@code %d} standing
   * for the port.
   */
  DatabaseOutageTest(
      TestDatabase.Kind kind, String prefix, String urlTemplate, int serverPort, String user) {
    this.fixture = StoreFixture.open(kind, prefix);
    this.urlTemplate = urlTemplate;
    this.serverPort = serverPort;
    this.user = user;
  }

  @AfterAll
  void closeDatabase() {
    fixture.close();
  }

  @Test
  void storeWorksAgainAfterOutage() throws Exception {
    JdbcAlertStore reader = fixture.freshStore();
    try (TcpForwarder network = new TcpForwarder(serverPort);
        HikariDataSource pool = pool(network.port())) {
      JdbcAlertStore store =
          JdbcAlertStore.builder(pool).tablePrefix(fixture.prefix()).maxAttempts(2).build();
      LifecycleEngine engine =
          new LifecycleEngine(
              store, IncidentNotifier.NONE, LabelIncidentLinker.defaults(), Duration.ZERO);
      assertThat(engine.apply(List.of(fire("before"))))
          .extracting(EventResult::outcome)
          .containsExactly(Outcome.CREATED);

      network.cut();

      assertThatThrownBy(() -> engine.apply(List.of(fire("during"))))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> store.listAlerts(AlertQuery.all()))
          .isInstanceOf(StoreUnavailableException.class);

      network.start();

      assertThat(engine.apply(List.of(fire("after"))))
          .extracting(EventResult::outcome)
          .containsExactly(Outcome.CREATED);
      assertThat(reader.listAlerts(AlertQuery.all()))
          .extracting(alert -> alert.dedupKey())
          .containsExactlyInAnyOrder("before", "after");
    }
  }

  private HikariDataSource pool(int port) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(String.format(urlTemplate, port));
    config.setUsername(user);
    config.setPassword("");
    config.setPoolName("outage");
    config.setMaximumPoolSize(2);
    config.setMinimumIdle(0);
    config.setConnectionTimeout(1_000);
    return new HikariDataSource(config);
  }

  private static AlertEvent fire(String key) {
    return new AlertEvent(
        0,
        key,
        key,
        "Alert " + key,
        null,
        null,
        AlertStatus.FIRING,
        "outage-test",
        Map.of(),
        null,
        null,
        Instant.parse("2026-05-01T12:00:00Z"));
  }
}
