package io.regen.webhook.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** Configuration, dialect detection, migration and an unreachable database; needs no server. */
class JdbcAlertStoreConfigTest {

  @Test
  void unreachableDatabaseRaisesStoreUnavailable() {
    PGSimpleDataSource closedPort = new PGSimpleDataSource();
    closedPort.setServerNames(new String[] {"127.0.0.1"});
    closedPort.setPortNumbers(new int[] {1});
    closedPort.setDatabaseName("test");
    JdbcAlertStore store =
        JdbcAlertStore.builder(closedPort).dialect(SqlDialect.POSTGRESQL).build();

    assertThatThrownBy(() -> store.inTransaction(tx -> tx.findOpenAlert("k")))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("SQL state 08");
    assertThatThrownBy(() -> store.listAlerts(AlertQuery.all()))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> store.purgeResolvedAlerts(Instant.EPOCH))
        .isInstanceOf(StoreUnavailableException.class);
    assertThatThrownBy(() -> JdbcAlertStore.builder(closedPort).build())
        .isInstanceOf(StoreUnavailableException.class);
  }

  @Test
  void dialectDetectedFromMetadata() {
    JdbcAlertStore store = JdbcAlertStore.builder(h2("detect")).build();

    assertThat(store.dialect()).isEqualTo(SqlDialect.H2);
  }

  @Test
  void migrateBesideHostTables() throws SQLException {
    JdbcDataSource dataSource = h2("migrate");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE host_orders (id INT PRIMARY KEY)");
    }

    assertThat(JdbcSchema.migrate(dataSource, "shop_")).isEqualTo(1);
    assertThat(JdbcSchema.migrate(dataSource, "shop_")).isZero();
    assertThat(JdbcSchema.migrate(dataSource)).isEqualTo(1);
    assertThat(
            JdbcAlertStore.builder(dataSource)
                .tablePrefix("shop_")
                .build()
                .listAlerts(AlertQuery.all()))
        .isEmpty();
  }

  @Test
  void invalidPrefixRejected() {
    JdbcAlertStore.Builder builder = JdbcAlertStore.builder(h2("prefix"));

    for (String prefix : new String[] {"", "Regen_", "1regen_", "regen-", "a".repeat(31)}) {
      assertThatThrownBy(() -> builder.tablePrefix(prefix))
          .as("prefix '%s'", prefix)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(builder.tablePrefix("a".repeat(30))).isSameAs(builder);
  }

  @Test
  void invalidLimitsRejected() {
    JdbcAlertStore.Builder builder = JdbcAlertStore.builder(h2("limits"));

    assertThatThrownBy(() -> builder.maxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.purgeBatchSize(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.queryTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JdbcDataSource h2(String name) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:config-" + name + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }
}
