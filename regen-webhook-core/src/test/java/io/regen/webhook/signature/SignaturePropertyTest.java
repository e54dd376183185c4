package io.regen.webhook.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

class SignaturePropertyTest {

  @Property(tries = 500)
  void changedBodyByteFails(
      @ForAll @Size(min = 1, max = 300) byte[] body,
      @ForAll @IntRange(min = 0, max = 299) int position,
      @ForAll @IntRange(min = 1, max = 255) int flip) {
    Assume.that(position < body.length);
    String secret = "rotating-secret";
    String signature = SignatureVerifier.sign(secret, body);
    byte[] changed = body.clone();
    changed[position] ^= (byte) flip;

    SignatureVerifier verifier = SignatureVerifier.of(List.of(secret));

    assertThat(verifier.verify(List.of(signature), body, body.length)).isTrue();
    assertThat(verifier.verify(List.of(signature), changed, changed.length)).isFalse();
  }

  @Property(tries = 500)
  void changedSecretByteFails(
      @ForAll @StringLength(min = 1, max = 40) String asciiSeed,
      @ForAll @IntRange(min = 0, max = 39) int position,
      @ForAll @IntRange(min = 1, max = 127) int flip) {
    byte[] secretBytes = asciiSeed.getBytes(StandardCharsets.US_ASCII);
    Assume.that(position < secretBytes.length);
    byte[] changedBytes = secretBytes.clone();
    changedBytes[position] = (byte) ((changedBytes[position] ^ flip) & 0x7F);
    Assume.that(changedBytes[position] != 0 || secretBytes.length > 1);
    String secret = new String(secretBytes, StandardCharsets.US_ASCII);
    String changed = new String(changedBytes, StandardCharsets.US_ASCII);
    byte[] body = "{\"alerts\":[{\"title\":\"x\"}]}".getBytes(StandardCharsets.UTF_8);

    SignatureVerifier verifier = SignatureVerifier.of(List.of(secret));

    assertThat(verifier.verify(List.of(SignatureVerifier.sign(changed, body)), body, body.length))
        .isFalse();
  }
}
