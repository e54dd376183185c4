package io.regen.webhook;

/** Root of the unchecked exceptions that regen-webhook throws. */
public class WebhookException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message. */
  public WebhookException(String message) {
    super(message);
  }

  /** Creates an exception with a message and its cause. */
  public WebhookException(String message, Throwable cause) {
    super(message, cause);
  }
}
