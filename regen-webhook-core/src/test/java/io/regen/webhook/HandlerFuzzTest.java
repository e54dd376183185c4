package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class HandlerFuzzTest {

  private static final byte[] VALID =
      ("\ufeff{\"alerts\": [{\"title\": \"Disk é 😀\", \"severity\": \"critical\","
              + " \"labels\": {\"service\": \"db\", \"n\": 1.5, \"ok\": true},"
              + " \"annotations\": {\"runbook\": [1, {\"a\": null}]},"
              + " \"started_at\": \"2024-01-15T10:30:00.25+02:00\"},"
              + " {\"external_id\": \"x\", \"status\": \"resolved\"}]}\n")
          .getBytes(StandardCharsets.UTF_8);

  private final WebhookHandler handler =
      new WebhookHandler(
          WebhookConfig.builder().maxBodyBytes(4096).maxNestingDepth(8).build(),
          new RecordingEngine());
  private final WebhookHandler signedHandler =
      new WebhookHandler(
          WebhookConfig.builder().addSecret("s3cret").build(), new RecordingEngine());

  private static WebhookResponse post(WebhookHandler handler, byte[] body) {
    return handler.handle(Requests.post("").body(body).build());
  }

  @Property(tries = 1000)
  void arbitraryBytesNeverFail(@ForAll @Size(max = 600) byte[] body) {
    WebhookResponse response = post(handler, body);

    assertThat(response.status()).isIn(202, 207, 400);
  }

  @Property(tries = 1000)
  void mutatedBodiesNeverFail(@ForAll("mutations") byte[] body) {
    WebhookResponse response = post(handler, body);

    assertThat(response.status()).isIn(202, 207, 400);
  }

  @Property(tries = 300)
  void arbitrarySignatureHeadersAnswer401(
      @ForAll @Size(max = 3) List<@Size(max = 80) String> signatures) {
    WebhookResponse response =
        signedHandler.handle(
            Requests.post("").body(VALID)
                .header("X-Regen-Signature", signatures.toArray(String[]::new)).build());

    assertThat(response.status()).isEqualTo(401);
  }

  @Property(tries = 300)
  void arbitraryHeadersNeverFail(
      @ForAll("methods") String method,
      @ForAll @Size(max = 60) String contentType,
      @ForAll @Size(max = 25) String contentLength) {
    WebhookResponse response =
        handler.handle(
            Requests.method(method).body(VALID).header("Content-Type", contentType)
                .header("Content-Length", contentLength).build());

    assertThat(response.status()).isIn(202, 400, 405, 413, 415);
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.oneOf(Arbitraries.of("POST", "GET"), Arbitraries.strings().ofMaxLength(10));
  }

  @Provide
  Arbitrary<byte[]> mutations() {
    Arbitrary<Integer> positions = Arbitraries.integers().between(0, VALID.length - 1);
    Arbitrary<Byte> values =
        Arbitraries.oneOf(
            Arbitraries.bytes(),
            Arbitraries.of((byte) '{', (byte) '}', (byte) '[', (byte) ']', (byte) '"',
                (byte) ',', (byte) ':', (byte) '\\', (byte) 0, (byte) 0xC3, (byte) 0xED));
    Arbitrary<int[]> edit =
        net.jqwik.api.Combinators.combine(positions, values, Arbitraries.integers().between(0, 2))
            .as((position, value, kind) -> new int[] {position, value, kind});
    return edit.list().ofMinSize(1).ofMaxSize(6).map(HandlerFuzzTest::apply);
  }

  /** Applies edits of the form {position, byte, kind}: 0 replaces, 1 inserts, 2 deletes. */
  private static byte[] apply(List<int[]> edits) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] current = VALID;
    for (int[] edit : edits) {
      int position = Math.min(edit[0], current.length - 1);
      out.reset();
      out.write(current, 0, position);
      if (edit[2] == 0) {
        out.write(edit[1]);
        out.write(current, position + 1, current.length - position - 1);
      } else if (edit[2] == 1) {
        out.write(edit[1]);
        out.write(current, position, current.length - position);
      } else {
        out.write(current, position + 1, current.length - position - 1);
      }
      current = out.toByteArray();
      if (current.length == 0) {
        current = new byte[] {' '};
      }
    }
    return current;
  }
}
