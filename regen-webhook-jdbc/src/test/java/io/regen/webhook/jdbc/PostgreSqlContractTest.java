package io.regen.webhook.jdbc;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgreSqlContractTest extends AlertStoreContract {

  private static StoreFixture fixture;

  @BeforeAll
  static void openDatabase() {
    fixture = StoreFixture.open(TestDatabase.Kind.POSTGRESQL, "rwt_pg_cont_");
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
