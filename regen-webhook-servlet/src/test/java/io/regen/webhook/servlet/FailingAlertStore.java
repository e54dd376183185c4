package io.regen.webhook.servlet;

import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.TransactionWork;
import io.regen.webhook.storekit.ForwardingAlertStore;
import java.util.function.Supplier;

/**
 * In-memory store whose units of work always fail with a chosen exception, as a store whose
 * database is down ({@link io.regen.webhook.spi.StoreUnavailableException}) or broken (any other
 * runtime exception) does. Reads reach the in-memory store.
 */
final class FailingAlertStore extends ForwardingAlertStore {
  private final Supplier<RuntimeException> failure;

  FailingAlertStore(Supplier<RuntimeException> failure) {
    super(new InMemoryAlertStore(), transaction -> transaction);
    this.failure = failure;
  }

  @Override
  public <T> T inTransaction(TransactionWork<T> work) {
    throw failure.get();
  }
}
