package io.regen.webhook.wire;

import io.regen.webhook.WebhookConfig;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a request body into memory without ever holding more than the configured limit plus one
 * byte.
 *
 * <p>A declared {@code Content-Length} above the limit is rejected before a byte is read. A body
 * of unknown length is read up to the limit plus one byte; when that byte exists the body is too
 * large. The reader then drains and discards at most {@link #DRAIN_BYTES} more bytes, so that a
 * slightly oversized body leaves the connection usable for the next request, and stops there;
 * whatever remains is left for the adapter or the container to discard or to close the connection
 * on. The stream is never closed here.
 *
 * <p>Thread-safe: it keeps no state.
 */
public final class BoundedBodyReader {

  /** Maximum number of bytes discarded after the limit was exceeded. */
  public static final int DRAIN_BYTES = 64 * 1024;

  private static final int INITIAL_CAPACITY = 8 * 1024;

  private final int maxBodyBytes;

  /** Creates a reader for bodies of at most {@code maxBodyBytes} bytes. */
  public BoundedBodyReader(int maxBodyBytes) {
    if (maxBodyBytes < 1 || maxBodyBytes > WebhookConfig.MAX_BODY_BYTES) {
      throw new IllegalArgumentException("maxBodyBytes out of range: " + maxBodyBytes);
    }
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Returns whether a declared {@code Content-Length} is over the limit. */
  public boolean exceedsLimit(long declaredLength) {
    return declaredLength > maxBodyBytes;
  }

  /**
   * Reads the whole body.
   *
   * @param in the body stream, positioned at its start
   * @param declaredLength the declared {@code Content-Length}, or -1 when unknown; a body may
   *     still turn out longer than declared, and is then read as one of unknown length
   * @throws BodyTooLargeException if the body is declared or turns out to be over the limit
   * @throws IOException if reading fails
   */
  public BodyBytes read(InputStream in, long declaredLength) throws IOException {
    if (exceedsLimit(declaredLength)) {
      throw new BodyTooLargeException(maxBodyBytes);
    }
    int capacity = declaredLength >= 0 ? (int) declaredLength + 1 : INITIAL_CAPACITY;
    byte[] buffer = new byte[Math.min(capacity, maxBodyBytes + 1)];
    int length = 0;
    while (true) {
      int count = in.read(buffer, length, buffer.length - length);
      if (count < 0) {
        return new BodyBytes(buffer, length);
      }
      length += count;
      if (length > maxBodyBytes) {
        drain(in);
        throw new BodyTooLargeException(maxBodyBytes);
      }
      if (length == buffer.length) {
        buffer = Arrays.copyOf(buffer, (int) Math.min((long) buffer.length * 2, maxBodyBytes + 1L));
      }
    }
  }

  private static void drain(InputStream in) throws IOException {
    byte[] scratch = new byte[8 * 1024];
    int drained = 0;
    while (drained < DRAIN_BYTES) {
      int count = in.read(scratch, 0, Math.min(scratch.length, DRAIN_BYTES - drained));
      if (count < 0) {
        return;
      }
      drained += count;
    }
  }
}
