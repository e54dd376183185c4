package io.regen.webhook.spi;

import io.regen.webhook.WebhookException;

/**
 * Thrown by a store that cannot complete a unit of work because its backend is unreachable, timed
 * out or failed. Nothing of the unit of work was applied, so the request may be retried, and the
 * handler responds with 503 and {@code Retry-After}.
 */
public class StoreUnavailableException extends WebhookException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public StoreUnavailableException(String message) {
    super(message);
  }

  /** Creates an exception with a message and the backend's exception. */
  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
