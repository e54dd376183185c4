package io.regen.webhook.wire;

import io.regen.webhook.WebhookException;

/** Thrown when a request body is, or is declared to be, larger than the configured limit. */
public final class BodyTooLargeException extends WebhookException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception that states the limit in bytes. */
  public BodyTooLargeException(int maxBodyBytes) {
    super("body is larger than the limit of " + maxBodyBytes + " bytes");
  }
}
