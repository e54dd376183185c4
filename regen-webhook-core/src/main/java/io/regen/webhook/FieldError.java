package io.regen.webhook;

import java.util.Objects;

/**
 * One validation error of a request.
 *
 * @param pointer JSON Pointer (RFC 6901) to the offending value, such as {@code
 *     /alerts/1/severity}; the empty string points at the whole body
 * @param message what rule the value broke, for a person; it never echoes long input values
 */
public record FieldError(String pointer, String message) {
  public FieldError {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }
}
