package io.regen.webhook.examples;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Computes the {@code X-Regen-Signature} header value of a request body. */
final class Signatures {

  /** Name of the signature header. */
  static final String HEADER = "X-Regen-Signature";

  private Signatures() {}

  /**
   * Returns {@code sha256=} followed by the lower-case hex HMAC-SHA256 of the exact body bytes,
   * keyed with the UTF-8 bytes of the secret.
   */
  static String sign(String secret, byte[] body) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret must not be empty");
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }
}
