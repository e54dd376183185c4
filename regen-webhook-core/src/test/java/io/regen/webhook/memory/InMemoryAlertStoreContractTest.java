package io.regen.webhook.memory;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreContract;

class InMemoryAlertStoreContractTest extends AlertStoreContract {

  @Override
  protected AlertStore createStore() {
    return new InMemoryAlertStore();
  }
}
