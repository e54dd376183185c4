package io.regen.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The response an adapter writes back unchanged: status, headers and body.
 *
 * @param status the HTTP status code
 * @param headers header values by name, at most one value each; an immutable map
 * @param body the body bytes, empty for none; the array is shared, not copied, so callers must
 *     not modify it
 */
public record WebhookResponse(int status, Map<String, String> headers, byte[] body) {

  public WebhookResponse {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status code: " + status);
    }
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
  }

  /** Returns the body decoded as UTF-8, for logs and tests. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
