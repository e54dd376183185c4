package io.regen.webhook.wire;

import io.regen.webhook.WebhookException;

/**
 * Thrown when a body is not one strict UTF-8 JSON value. The message is meant for the sender: it
 * states what is wrong and where, without echoing long parts of the body.
 */
public final class MalformedBodyException extends WebhookException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message for the sender. */
  public MalformedBodyException(String message) {
    super(message);
  }
}
