package io.regen.webhook.wire;

import java.util.Objects;

/**
 * A request body read into memory: the first {@code length} bytes of {@code array}. The array may
 * be longer than the body, because it is not copied to an exact size after reading.
 *
 * @param array the buffer that contains the body; shared, not copied, so callers must not modify it
 * @param length the number of body bytes at the start of {@code array}
 */
public record BodyBytes(byte[] array, int length) {

  public BodyBytes {
    Objects.requireNonNull(array, "array");
    if (length < 0 || length > array.length) {
      throw new IllegalArgumentException("length must be within the array: " + length);
    }
  }
}
