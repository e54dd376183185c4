package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignaturesTest {

  @Test
  void signMatchesRfc4231Vector() {
    // RFC 4231, test case 2.
    byte[] data = "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8);

    assertThat(Signatures.sign("Jefe", data))
        .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  }

  @Test
  void signUsesUtf8BytesOfSecret() {
    // Expected value computed with Python: hmac.new("clé".encode("utf-8"), b"{}", sha256).
    byte[] data = "{}".getBytes(StandardCharsets.UTF_8);

    assertThat(Signatures.sign("cl\u00e9", data))
        .isEqualTo("sha256=601f34a13f988e6e9f3a8069cc08856e777dd3fbb72f8fe98b9dc72c91b76269");
  }

  @Test
  void signRejectsEmptySecret() {
    assertThatThrownBy(() -> Signatures.sign("", new byte[0]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
