package io.regen.webhook.benchmarks;

import io.regen.webhook.signature.SignatureVerifier;
import java.util.List;
import java.util.Map;

/**
 * A request body with its {@code X-Regen-Signature} value and the headers a sender would send.
 *
 * @param bytes the body; shared, never modified
 * @param signature the header value {@code sha256=<hex>}
 * @param headers Content-Type, Content-Length and the signature header
 */
record SignedBody(byte[] bytes, String signature, Map<String, List<String>> headers) {

  /** Signs the body with the secret, as a sender does. */
  static SignedBody sign(byte[] bytes, String secret) {
    String signature = SignatureVerifier.sign(secret, bytes);
    Map<String, List<String>> headers =
        Map.of(
            "Content-Type", List.of("application/json"),
            "Content-Length", List.of(Integer.toString(bytes.length)),
            SignatureVerifier.HEADER, List.of(signature));
    return new SignedBody(bytes, signature, headers);
  }
}
