package io.regen.webhook.memory;

import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.storekit.AlertStoreConcurrencyContract;

class InMemoryAlertStoreConcurrencyTest extends AlertStoreConcurrencyContract {

  @Override
  protected AlertStore createStore() {
    return new InMemoryAlertStore();
  }
}
