package io.regen.webhook;

/**
 * Framework-neutral handler of the generic webhook: turns one raw request into the response to
 * send. Thread-safe.
 */
public final class WebhookHandler {

  /** Path of the webhook, relative to the base the host mounts it under. */
  public static final String WEBHOOK_PATH = "/api/v1/webhooks/generic";

  /** Path of the schema, relative to the base the host mounts it under. */
  public static final String SCHEMA_PATH = WEBHOOK_PATH + "/schema";

  private WebhookHandler() {}

  /** Handles a request to {@link #WEBHOOK_PATH}. Never throws for any request input. */
  public WebhookResponse handle(WebhookRequest request) {
    throw new UnsupportedOperationException("handler is not built yet");
  }

  /** Handles a request to {@link #SCHEMA_PATH}: GET returns the JSON Schema with an ETag. */
  public WebhookResponse handleSchema(WebhookRequest request) {
    throw new UnsupportedOperationException("handler is not built yet");
  }
}
