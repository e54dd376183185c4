package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.signature.SignatureVerifier;
import org.junit.jupiter.api.Test;

class WebhookRequestTest {

  @Test
  void toStringHidesSignature() {
    String signature = SignatureVerifier.sign("s3cret", new byte[] {1, 2, 3});
    WebhookRequest request =
        Requests.post("{}").header("x-REGEN-signature", signature, "sha256=00ff").build();

    String text = request.toString();

    assertThat(text).doesNotContain(signature.substring("sha256=".length()));
    assertThat(text).doesNotContain("00ff");
    assertThat(text).contains("x-regen-signature=[(hidden), (hidden)]");
    assertThat(text).contains("content-type=[application/json]");
    assertThat(text).contains("method=POST");
  }
}
