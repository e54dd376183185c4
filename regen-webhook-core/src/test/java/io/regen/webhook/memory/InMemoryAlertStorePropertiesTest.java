package io.regen.webhook.memory;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreProperties;

class InMemoryAlertStorePropertiesTest extends AlertStoreProperties {

  @Override
  protected AlertStore createStore() {
    return new InMemoryAlertStore();
  }
}
