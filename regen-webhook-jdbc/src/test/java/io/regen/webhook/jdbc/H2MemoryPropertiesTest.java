package io.regen.webhook.jdbc;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreProperties;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

@DatabaseKind(TestDatabase.Kind.H2_MEMORY)
@PropertyDefaults(tries = 50, shrinking = ShrinkingMode.BOUNDED)
class H2MemoryPropertiesTest extends AlertStoreProperties {

  private static StoreFixture fixture;

  @BeforeContainer
  static void openDatabase() {
    fixture = StoreFixture.open(TestDatabase.Kind.H2_MEMORY, "rwt_h2m_prop_");
  }

  @AfterContainer
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
