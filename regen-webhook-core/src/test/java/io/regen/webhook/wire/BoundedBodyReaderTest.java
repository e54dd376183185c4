package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoundedBodyReaderTest {

  private static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    Arrays.fill(bytes, (byte) 'a');
    return bytes;
  }

  @Test
  void readsBodyAtLimitWithDeclaredLength() throws IOException {
    BodyBytes body = new BoundedBodyReader(100).read(new ByteArrayInputStream(bytes(100)), 100);

    assertThat(body.length()).isEqualTo(100);
    assertThat(Arrays.copyOf(body.array(), body.length())).isEqualTo(bytes(100));
  }

  @Test
  void readsBodyAtLimitWithoutDeclaredLength() throws IOException {
    BodyBytes body = new BoundedBodyReader(100).read(new ByteArrayInputStream(bytes(100)), -1);

    assertThat(body.length()).isEqualTo(100);
  }

  @Test
  void readsLargeUndeclaredBody() throws IOException {
    byte[] large = bytes(50_000);
    large[49_999] = 'z';

    BodyBytes body = new BoundedBodyReader(50_000).read(new ByteArrayInputStream(large), -1);

    assertThat(Arrays.copyOf(body.array(), body.length())).isEqualTo(large);
  }

  @Test
  void readsEmptyBody() throws IOException {
    assertThat(new BoundedBodyReader(10).read(InputStream.nullInputStream(), 0).length()).isZero();
    assertThat(new BoundedBodyReader(10).read(InputStream.nullInputStream(), -1).length()).isZero();
  }

  @Test
  void rejectsDeclaredLengthOverLimitWithoutReading() {
    CountingStream in = new CountingStream(bytes(101));

    assertThatExceptionOfType(BodyTooLargeException.class)
        .isThrownBy(() -> new BoundedBodyReader(100).read(in, 101));
    assertThat(in.bytesRead).isZero();
  }

  @Test
  void rejectsUndeclaredBodyOneByteOverLimit() {
    CountingStream in = new CountingStream(bytes(101));

    assertThatExceptionOfType(BodyTooLargeException.class)
        .isThrownBy(() -> new BoundedBodyReader(100).read(in, -1))
        .withMessage("body is larger than the limit of 100 bytes");
  }

  @Test
  void rejectsBodyLongerThanDeclared() {
    CountingStream in = new CountingStream(bytes(101));

    assertThatExceptionOfType(BodyTooLargeException.class)
        .isThrownBy(() -> new BoundedBodyReader(100).read(in, 50));
  }

  @Test
  void drainsOnlyBoundedRest() {
    int limit = 100;
    CountingStream in = new CountingStream(bytes(limit + 1 + BoundedBodyReader.DRAIN_BYTES * 4));

    assertThatExceptionOfType(BodyTooLargeException.class)
        .isThrownBy(() -> new BoundedBodyReader(limit).read(in, -1));
    assertThat(in.bytesRead).isEqualTo(limit + 1 + BoundedBodyReader.DRAIN_BYTES);
  }

  /** A stream over fixed bytes that counts what was read from it. */
  private static final class CountingStream extends InputStream {
    private final ByteArrayInputStream delegate;
    long bytesRead;

    CountingStream(byte[] bytes) {
      delegate = new ByteArrayInputStream(bytes);
    }

    @Override
    public int read() {
      int value = delegate.read();
      if (value >= 0) {
        bytesRead++;
      }
      return value;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      int count = delegate.read(buffer, offset, length);
      if (count > 0) {
        bytesRead += count;
      }
      return count;
    }
  }
}
