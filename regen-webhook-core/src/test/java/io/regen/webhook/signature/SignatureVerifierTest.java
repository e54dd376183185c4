package io.regen.webhook.signature;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureVerifierTest {

  // GitHub's published example for X-Hub-Signature-256, which uses the same scheme.
  private static final String GITHUB_SECRET = "It's a Secret to Everybody";
  private static final byte[] GITHUB_PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String GITHUB_SIGNATURE =
      "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  private static final String SECRET = "s3cret";

  private static boolean verify(SignatureVerifier verifier, byte[] body, String... headers) {
    return verifier.verify(List.of(headers), body, body.length);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void signMatchesGithubVector() {
    assertThat(SignatureVerifier.sign(GITHUB_SECRET, GITHUB_PAYLOAD)).isEqualTo(GITHUB_SIGNATURE);
  }

  @Test
  void verifyAcceptsGithubVector() {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));

    assertThat(verify(verifier, GITHUB_PAYLOAD, GITHUB_SIGNATURE)).isTrue();
  }

  @Test
  void verifyAcceptsUpperCaseHexAndLabel() {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));

    assertThat(verify(verifier, GITHUB_PAYLOAD, GITHUB_SIGNATURE.toUpperCase(Locale.ROOT)))
        .isTrue();
    assertThat(verify(verifier, GITHUB_PAYLOAD, "Sha256=" + GITHUB_SIGNATURE.substring(7)))
        .isTrue();
  }

  @Test
  void verifyIgnoresSurroundingWhitespace() {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));

    assertThat(verify(verifier, GITHUB_PAYLOAD, " \t" + GITHUB_SIGNATURE + " ")).isTrue();
  }

  @Test
  void verifyUsesOnlyTheGivenLength() {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));
    byte[] buffer = new byte[64];
    System.arraycopy(GITHUB_PAYLOAD, 0, buffer, 0, GITHUB_PAYLOAD.length);
    buffer[GITHUB_PAYLOAD.length] = 'x';

    assertThat(verifier.verify(List.of(GITHUB_SIGNATURE), buffer, GITHUB_PAYLOAD.length)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\n  \"alerts\": [\n    {\"title\": \"pretty\"}\n  ]\n}",
        "{\"alerts\":[{\"title\":\"crlf\"}]}\r\n",
        "{\"alerts\":[{\"title\":\"escaped \\u00e9\\ud83d\\ude00\"}]}",
        "{\"alerts\":[{\"title\":\"raw é😀\"}]}",
        "{\"alerts\":[{\"title\":\"trailing newline\"}]}\n",
        "\ufeff{\"alerts\":[{\"title\":\"bom\"}]}",
      })
  void verifyCoversRawBytes(String body) {
    byte[] bytes = utf8(body);
    SignatureVerifier verifier = SignatureVerifier.of(List.of(SECRET));
    String signature = SignatureVerifier.sign(SECRET, bytes);

    assertThat(verify(verifier, bytes, signature)).isTrue();
    boolean alreadyStripped = body.equals(body.strip());
    assertThat(verify(verifier, utf8(body.strip()), signature)).isEqualTo(alreadyStripped);
  }

  @Test
  void verifyAcceptsAnyRotatedSecret() {
    byte[] body = utf8("{}");
    SignatureVerifier verifier = SignatureVerifier.of(List.of("old", "new"));

    assertThat(verify(verifier, body, SignatureVerifier.sign("old", body))).isTrue();
    assertThat(verify(verifier, body, SignatureVerifier.sign("new", body))).isTrue();
    assertThat(verify(verifier, body, SignatureVerifier.sign("other", body))).isFalse();
    assertThat(verifier.secretCount()).isEqualTo(2);
  }

  @Test
  void verifyUsesSecretUtf8Bytes() {
    byte[] body = utf8("{}");
    String secret = " café 🔑 ";
    SignatureVerifier verifier = SignatureVerifier.of(List.of(secret));

    assertThat(verify(verifier, body, SignatureVerifier.sign(secret, body))).isTrue();
    assertThat(verify(verifier, body, SignatureVerifier.sign(secret.strip(), body))).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "sha256=",
        "sha256",
        "sha1=757107ea0eb2509fc211221cce984b8a37570b6d",
        "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e170",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e1g",
        "sha256 =757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256= 757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=７57107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17,x",
        "\u0000",
      })
  void verifyRejectsMalformedHeader(String header) {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));

    assertThat(verify(verifier, GITHUB_PAYLOAD, header)).isFalse();
  }

  @Test
  void verifyRejectsMissingHeader() {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));

    assertThat(verify(verifier, GITHUB_PAYLOAD)).isFalse();
  }

  @Test
  void verifyRejectsTwoHeadersEvenIfBothMatch() {
    SignatureVerifier verifier = SignatureVerifier.of(List.of(GITHUB_SECRET));

    assertThat(verify(verifier, GITHUB_PAYLOAD, GITHUB_SIGNATURE, GITHUB_SIGNATURE)).isFalse();
  }

  @Test
  void ofRejectsMissingOrEmptySecrets() {
    assertThatIllegalArgumentException().isThrownBy(() -> SignatureVerifier.of(List.of()));
    assertThatIllegalArgumentException().isThrownBy(() -> SignatureVerifier.of(List.of("")));
  }
}
