package io.regen.webhook;

import io.regen.webhook.signature.SignatureVerifier;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds webhook requests for tests. */
final class Requests {

  private final String method;
  private final Map<String, List<String>> headers = new LinkedHashMap<>();
  private byte[] body = new byte[0];

  private Requests(String method) {
    this.method = method;
  }

  static Requests post(String json) {
    return new Requests("POST").header("Content-Type", "application/json").body(json);
  }

  static Requests method(String method) {
    return new Requests(method);
  }

  Requests header(String name, String... values) {
    headers.put(name, List.of(values));
    return this;
  }

  Requests withoutHeader(String name) {
    headers.remove(name);
    return this;
  }

  Requests body(String json) {
    return body(json.getBytes(StandardCharsets.UTF_8));
  }

  Requests body(byte[] bytes) {
    body = bytes;
    return this;
  }

  Requests signedWith(String secret) {
    return header(SignatureVerifier.HEADER, SignatureVerifier.sign(secret, body));
  }

  WebhookRequest build() {
    return new WebhookRequest(method, headers, new ByteArrayInputStream(body));
  }
}
