package io.regen.webhook.jdbc;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class MariaDbContractTest extends AlertStoreContract {

  private static StoreFixture fixture;

  @BeforeAll
  static void openDatabase() {
    fixture = StoreFixture.open(TestDatabase.Kind.MARIADB, "rwt_mdb_cont_");
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
