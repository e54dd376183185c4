package io.regen.webhook.servlet;

import io.regen.webhook.WebhookConfig;
import io.regen.webhook.WebhookHandler;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.StoreUnavailableException;
import java.util.List;

/** Handlers for the container tests, each with a body limit of {@link #MAX_BODY_BYTES}. */
final class TestHandlers {
  static final int MAX_BODY_BYTES = 4096;

  static final String SECRET = "servlet-test-secret";

  /** Message of the bug that {@link #brokenStore()} throws; no response may contain it. */
  static final String BUG_MESSAGE = "invariant broken in table alert_internal_state";

  private TestHandlers() {}

  /** Returns a handler without secrets on an in-memory store. */
  static WebhookHandler unsigned() {
    return handler(
        WebhookConfig.builder().maxBodyBytes(MAX_BODY_BYTES).build(), new InMemoryAlertStore());
  }

  /** Returns a handler that requires signatures made with {@link #SECRET}. */
  static WebhookHandler signed() {
    WebhookConfig config =
        WebhookConfig.builder().maxBodyBytes(MAX_BODY_BYTES).secrets(List.of(SECRET)).build();
    return handler(config, new InMemoryAlertStore());
  }

  /** Returns a handler whose store cannot reach its database. */
  static WebhookHandler unavailableStore() {
    return handler(
        WebhookConfig.builder().maxBodyBytes(MAX_BODY_BYTES).build(),
        new FailingAlertStore(() -> new StoreUnavailableException("database is down")));
  }

  /** Returns a handler whose store fails with a bug, {@link #BUG_MESSAGE} in its message. */
  static WebhookHandler brokenStore() {
    return handler(
        WebhookConfig.builder().maxBodyBytes(MAX_BODY_BYTES).build(),
        new FailingAlertStore(() -> new IllegalStateException(BUG_MESSAGE)));
  }

  private static WebhookHandler handler(WebhookConfig config, AlertStore store) {
    return WebhookHandler.builder(config).store(store).build();
  }
}
