package io.regen.webhook.jdbc;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreConcurrencyContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgreSqlConcurrencyTest extends AlertStoreConcurrencyContract {

  private static StoreFixture fixture;

  @BeforeAll
  static void openDatabase() {
    fixture = StoreFixture.open(TestDatabase.Kind.POSTGRESQL, "rwt_pg_conc_");
  }

  @AfterAll
  static void closeDatabase() {
    if (fixture != null) {
      fixture.close();
    }
  }

  @Override
  protected AlertStore createStore() {
    return fixture.freshStore();
  }
}
