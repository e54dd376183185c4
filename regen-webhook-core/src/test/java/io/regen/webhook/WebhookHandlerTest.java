package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.signature.SignatureVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final String ONE_ALERT =
      "{\"alerts\":[{\"title\":\"Disk full\",\"external_id\":\"disk-1\"}]}";

  private final RecordingEngine engine = new RecordingEngine();

  private WebhookHandler handler(WebhookConfig.Builder config) {
    return new WebhookHandler(config.clock(Clock.fixed(NOW, ZoneOffset.UTC)).build(), engine);
  }

  private WebhookHandler handler() {
    return handler(WebhookConfig.builder());
  }

  private static JsonNode json(WebhookResponse response) throws IOException {
    return JSON.readTree(response.body());
  }

  @Test
  void acceptsValidAlertsWith202() throws IOException {
    WebhookResponse response = handler().handle(Requests.post(ONE_ALERT).build());

    assertThat(response.status()).isEqualTo(202);
    assertThat(response.headers()).containsEntry("Content-Type", "application/json");
    JsonNode result = json(response).get("results").get(0);
    assertThat(result.get("index").asInt()).isEqualTo(0);
    assertThat(result.get("external_id").asText()).isEqualTo("disk-1");
    assertThat(result.get("dedup_key").asText()).isEqualTo("disk-1");
    assertThat(result.get("outcome").asText()).isEqualTo("created");
    assertThat(result.get("alert_id").asText()).isEqualTo("alert-0");
    assertThat(result.get("incident_id").asText()).isEqualTo("incident-1");
    assertThat(result.has("errors")).isFalse();
    AlertEvent event = engine.onlyCall().get(0);
    assertThat(event.receivedAt()).isEqualTo(NOW);
    assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
  }

  @Test
  void mixedAlertsAnswer207WithErrors() throws IOException {
    String body =
        "{\"alerts\":[{\"title\":\"ok\"},{\"title\":\"bad\",\"severity\":\"fatal\"},"
            + "{\"title\":\"also ok\"}]}";

    WebhookResponse response = handler().handle(Requests.post(body).build());

    assertThat(response.status()).isEqualTo(207);
    JsonNode results = json(response).get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("outcome").asText()).isEqualTo("created");
    assertThat(results.get(0).get("dedup_key").asText()).startsWith("derived:sha256:");
    assertThat(results.get(0).has("external_id")).isFalse();
    JsonNode rejected = results.get(1);
    assertThat(rejected.get("index").asInt()).isEqualTo(1);
    assertThat(rejected.get("outcome").asText()).isEqualTo("rejected");
    assertThat(rejected.has("dedup_key")).isFalse();
    assertThat(rejected.has("alert_id")).isFalse();
    JsonNode error = rejected.get("errors").get(0);
    assertThat(error.get("pointer").asText()).isEqualTo("/alerts/1/severity");
    assertThat(error.get("message").asText())
        .isEqualTo("severity must be one of: critical, warning, info");
    assertThat(results.get(2).get("index").asInt()).isEqualTo(2);
    assertThat(engine.onlyCall()).extracting(AlertEvent::index).containsExactly(0, 2);
  }

  @Test
  void noValidAlertAnswers400WithEveryError() throws IOException {
    String body = "{\"alerts\":[{\"severity\":\"x\"},{\"title\":\"t\",\"status\":\"open\"}]}";

    WebhookResponse response = handler().handle(Requests.post(body).build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.get("type").asText()).isEqualTo("about:blank");
    assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.get("detail").asText()).isEqualTo("no alert in the request is valid");
    assertThat(problem.get("errors").findValuesAsText("pointer"))
        .containsExactlyInAnyOrder("/alerts/0/title", "/alerts/0/severity", "/alerts/1/status");
    assertThat(engine.calls).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "{}",
        "{\"alerts\":null}",
        "{\"alerts\":{}}",
        "{\"alerts\":[]}",
        "\"alerts\"",
      })
  void malformedTopLevelAnswers400(String body) throws IOException {
    WebhookResponse response = handler().handle(Requests.post(body).build());

    assertThat(response.status()).isEqualTo(400);
    assertThat(json(response).get("errors")).isNotEmpty();
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void tooManyAlertsAnswer400() throws IOException {
    String body = "{\"alerts\":[{\"title\":\"a\"},{\"title\":\"b\"},{\"title\":\"c\"}]}";

    WebhookResponse response = handler(WebhookConfig.builder().maxAlerts(2)).handle(
        Requests.post(body).build());

    assertThat(response.status()).isEqualTo(400);
    JsonNode error = json(response).get("errors").get(0);
    assertThat(error.get("pointer").asText()).isEqualTo("/alerts");
    assertThat(error.get("message").asText()).contains("at most 2 alerts", "found 3");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"alerts\":[{\"title\":\"a\"}]} x",
        "{\"alerts\":[{\"title\":\"a\",\"title\":\"b\"}]}",
        "{\"alerts\":[{\"title\":\"a\",\"labels\":{\"n\":1e400}}]}",
        "{\"alerts\":[",
        "{\"alerts\":[{\"title\":\"a\",\"annotations\":{\"a\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["
            + "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}]}",
        "{\"alerts\":[{\"title\":\"a\"}]}\u0000",
        "",
      })
  void malformedJsonAnswers400(String body) throws IOException {
    WebhookResponse response = handler().handle(Requests.post(body).build());

    assertThat(response.status()).isEqualTo(400);
    JsonNode problem = json(response);
    assertThat(problem.get("detail").asText()).isEqualTo("request body is not valid JSON");
    assertThat(problem.get("errors").get(0).get("pointer").asText()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"GET", "PUT", "DELETE", "HEAD", "post"})
  void otherMethodsAnswer405(String method) {
    WebhookResponse response =
        handler().handle(Requests.method(method).header("Content-Type", "application/json")
            .body(ONE_ALERT).build());

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "POST");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json",
        "APPLICATION/JSON",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        "application/json; charset=\"utf-8\"",
        "application/json; version=1",
      })
  void acceptedContentTypes(String contentType) {
    WebhookResponse response =
        handler().handle(Requests.post(ONE_ALERT).header("Content-Type", contentType).build());

    assertThat(response.status()).isEqualTo(202);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "application/json; profile=\"a;b\"",
        "application/json; profile=\"x; charset=latin1\"; charset=utf-8",
        "application/json; profile=\"say \\\"hi;\\\"\"",
      })
  void quotedParameterMayContainSemicolon(String contentType) {
    WebhookResponse response =
        handler().handle(Requests.post(ONE_ALERT).header("Content-Type", contentType).build());

    assertThat(response.status()).isEqualTo(202);
  }

  @Test
  void charsetAfterQuotedParameterIsChecked() {
    String contentType = "application/json; profile=\"a;b\"; charset=latin1";

    WebhookResponse response =
        handler().handle(Requests.post(ONE_ALERT).header("Content-Type", contentType).build());

    assertThat(response.status()).isEqualTo(415);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "text/plain",
        "application/jsonx",
        "application/x-www-form-urlencoded",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "application/json; charset",
        "",
      })
  void rejectedContentTypesAnswer415(String contentType) throws IOException {
    WebhookResponse response =
        handler().handle(Requests.post(ONE_ALERT).header("Content-Type", contentType).build());

    assertThat(response.status()).isEqualTo(415);
    assertThat(json(response).get("detail").asText()).contains("application/json");
  }

  @Test
  void missingContentTypeAnswers415() {
    WebhookResponse response =
        handler().handle(Requests.post(ONE_ALERT).withoutHeader("Content-Type").build());

    assertThat(response.status()).isEqualTo(415);
  }

  @Test
  void bodyOneByteOverLimitAnswers413() {
    byte[] body = new byte[101];
    Arrays.fill(body, (byte) ' ');
    WebhookHandler handler = handler(WebhookConfig.builder().maxBodyBytes(100));

    WebhookResponse declared =
        handler.handle(Requests.post("").body(body).header("Content-Length", "101").build());
    WebhookResponse undeclared = handler.handle(Requests.post("").body(body).build());

    assertThat(declared.status()).isEqualTo(413);
    assertThat(undeclared.status()).isEqualTo(413);
  }

  @Test
  void bodyAtLimitIsRead() {
    String padded = String.format("%-100s", ONE_ALERT);
    WebhookHandler handler = handler(WebhookConfig.builder().maxBodyBytes(100));

    WebhookResponse response =
        handler.handle(Requests.post(padded).header("Content-Length", "100").build());

    assertThat(response.status()).isEqualTo(202);
  }

  @Test
  void declaredLengthOverLimitIsNotRead() {
    CountingStream body = new CountingStream();
    WebhookRequest request =
        new WebhookRequest(
            "POST",
            Map.of("Content-Type", List.of("application/json"), "Content-Length", List.of("101")),
            body);

    WebhookResponse response = handler(WebhookConfig.builder().maxBodyBytes(100)).handle(request);

    assertThat(response.status()).isEqualTo(413);
    assertThat(body.reads).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "abc", "1.5", " "})
  void invalidContentLengthAnswers400(String value) {
    WebhookResponse response =
        handler().handle(Requests.post(ONE_ALERT).header("Content-Length", value).build());

    assertThat(response.status()).isEqualTo(400);
  }

  @Test
  void hugeContentLengthAnswers413() {
    WebhookResponse response =
        handler().handle(
            Requests.post(ONE_ALERT).header("Content-Length", "99999999999999999999999").build());

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void unreadableBodyAnswers400() {
    InputStream failing =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("connection reset");
          }
        };
    WebhookRequest request =
        new WebhookRequest("POST", Map.of("Content-Type", List.of("application/json")), failing);

    assertThat(handler().handle(request).status()).isEqualTo(400);
  }

  @Test
  void storeUnavailableAnswers503WithRetryAfter() throws IOException {
    engine.storeDown = true;

    WebhookResponse response =
        handler(WebhookConfig.builder().retryAfter(Duration.ofMillis(2500)))
            .handle(Requests.post(ONE_ALERT).build());

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.headers()).containsEntry("Retry-After", "3");
    assertThat(json(response).get("detail").asText()).doesNotContain("connection refused");
  }

  @Test
  void unexpectedFailureAnswers500WithoutInternals() throws IOException {
    WebhookHandler failing =
        new WebhookHandler(
            WebhookConfig.defaults(),
            events -> {
              throw new IllegalStateException("secret internal detail");
            });

    WebhookResponse response = failing.handle(Requests.post(ONE_ALERT).build());

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
    assertThat(response.bodyText()).doesNotContain("secret internal detail", "Exception");
  }

  @Test
  void signedRequestIsAccepted() {
    WebhookHandler handler = handler(WebhookConfig.builder().addSecret("s3cret"));

    WebhookResponse response =
        handler.handle(Requests.post(ONE_ALERT).signedWith("s3cret").build());

    assertThat(response.status()).isEqualTo(202);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\n  \"alerts\": [\n    {\"title\": \"pretty\"}\n  ]\n}",
        "{\"alerts\":[{\"title\":\"crlf\"}]}\r\n",
        "{\r\n\"alerts\":[{\"title\":\"crlf inside\"}]\r\n}",
        "{\"alerts\":[{\"title\":\"escaped \\u00e9\\ud83d\\ude00\"}]}",
        "{\"alerts\":[{\"title\":\"raw é😀\"}]}",
        "{\"alerts\":[{\"title\":\"trailing newline\"}]}\n",
        "\ufeff{\"alerts\":[{\"title\":\"bom\"}]}",
      })
  void signedRawBodiesAreAccepted(String body) {
    WebhookHandler handler = handler(WebhookConfig.builder().addSecret("s3cret"));

    WebhookResponse response = handler.handle(Requests.post(body).signedWith("s3cret").build());

    assertThat(response.status()).isEqualTo(202);
    assertThat(engine.onlyCall().get(0).title()).isNotBlank();
  }

  @Test
  void signedBodyWithChangedByteIsRejected() {
    WebhookHandler handler = handler(WebhookConfig.builder().addSecret("s3cret"));
    String signature = SignatureVerifier.sign("s3cret", ONE_ALERT.getBytes(StandardCharsets.UTF_8));

    WebhookResponse response =
        handler.handle(
            Requests.post(ONE_ALERT.replace("Disk", "Dusk"))
                .header("X-Regen-Signature", signature)
                .build());

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void rotatedSecretsBothVerify() {
    WebhookHandler handler =
        handler(WebhookConfig.builder().secrets(List.of("old-secret", "new-secret")));

    assertThat(handler.handle(Requests.post(ONE_ALERT).signedWith("old-secret").build()).status())
        .isEqualTo(202);
    assertThat(handler.handle(Requests.post(ONE_ALERT).signedWith("new-secret").build()).status())
        .isEqualTo(202);
    assertThat(handler.handle(Requests.post(ONE_ALERT).signedWith("other").build()).status())
        .isEqualTo(401);
  }

  @Test
  void badSignaturesGetSame401() throws IOException {
    WebhookHandler handler = handler(WebhookConfig.builder().addSecret("s3cret"));
    String good = SignatureVerifier.sign("s3cret", ONE_ALERT.getBytes(StandardCharsets.UTF_8));
    List<Requests> requests =
        List.of(
            Requests.post(ONE_ALERT),
            Requests.post(ONE_ALERT).signedWith("wrong"),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", "sha256="),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", "sha1=abc"),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", good.substring(7)),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", good + "00"),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", good, good),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", "sha256=" + "zz".repeat(32)),
            Requests.post(ONE_ALERT).header("X-Regen-Signature", "\u0000\uffff"));
    String expected = null;
    for (Requests request : requests) {
      WebhookResponse response = handler.handle(request.build());
      assertThat(response.status()).isEqualTo(401);
      if (expected == null) {
        expected = response.bodyText();
      }
      assertThat(response.bodyText()).isEqualTo(expected);
    }
    assertThat(json(handler.handle(requests.get(1).build())).get("detail").asText())
        .isEqualTo(WebhookHandler.SIGNATURE_DETAIL);
    assertThat(engine.calls).isEmpty();
  }

  @Test
  void signatureIsCheckedBeforeParsing() {
    WebhookHandler handler = handler(WebhookConfig.builder().addSecret("s3cret"));

    WebhookResponse response = handler.handle(Requests.post("not json").build());

    assertThat(response.status()).isEqualTo(401);
  }

  @Test
  void methodIsCheckedFirst() {
    WebhookHandler handler = handler(WebhookConfig.builder().maxBodyBytes(10).addSecret("s"));

    WebhookResponse response =
        handler.handle(
            Requests.method("PUT").header("Content-Type", "text/plain")
                .header("Content-Length", "999").body("x").build());

    assertThat(response.status()).isEqualTo(405);
  }

  @Test
  void declaredLengthIsCheckedBeforeReading() {
    WebhookHandler handler = handler(WebhookConfig.builder().maxBodyBytes(10));

    WebhookResponse response =
        handler.handle(Requests.post("{}").header("Content-Length", "11").build());

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void contentTypeIsCheckedBeforeLength() {
    WebhookHandler handler = handler(WebhookConfig.builder().maxBodyBytes(10));

    WebhookResponse response =
        handler.handle(Requests.post(ONE_ALERT).header("Content-Type", "text/plain").build());

    assertThat(response.status()).isEqualTo(415);
  }

  @Test
  void lengthIsCheckedBeforeSignature() {
    WebhookHandler handler =
        handler(WebhookConfig.builder().maxBodyBytes(10).addSecret("s3cret"));

    WebhookResponse response = handler.handle(Requests.post(ONE_ALERT).build());

    assertThat(response.status()).isEqualTo(413);
  }

  @Test
  void receiptTimeIsReadOncePerRequest() {
    Clock ticking =
        new Clock() {
          private long seconds;

          @Override
          public ZoneOffset getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return NOW.plusSeconds(seconds++);
          }
        };
    WebhookHandler handler = new WebhookHandler(
        WebhookConfig.builder().clock(ticking).build(), engine);

    handler.handle(Requests.post("{\"alerts\":[{\"title\":\"a\"},{\"title\":\"b\"}]}").build());

    assertThat(engine.onlyCall()).extracting(AlertEvent::receivedAt).containsOnly(NOW);
  }

  @Test
  void handlerIsSharedAcrossThreads() throws Exception {
    WebhookHandler shared =
        new WebhookHandler(
            WebhookConfig.builder().addSecret("s3cret").build(),
            events -> {
              List<EventResult> results = new ArrayList<>();
              for (AlertEvent event : events) {
                results.add(EventResult.applied(event, Outcome.CREATED, "a", "i"));
              }
              return results;
            });
    String mixed = "{\"alerts\":[{\"title\":\"t\"},{\"severity\":\"bad\"}]}";
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        futures.add(
            pool.submit(
                () -> {
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < 200; i++) {
                    String body = i % 2 == 0 ? ONE_ALERT : mixed;
                    statuses.add(
                        shared.handle(Requests.post(body).signedWith("s3cret").build()).status());
                  }
                  return statuses;
                }));
      }
      for (Future<List<Integer>> future : futures) {
        List<Integer> statuses = future.get();
        for (int i = 0; i < statuses.size(); i++) {
          assertThat(statuses.get(i)).isEqualTo(i % 2 == 0 ? 202 : 207);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void builderRequiresStoreAndLinker() {
    WebhookHandler.Builder builder = WebhookHandler.builder(WebhookConfig.defaults());

    assertThatNullPointerException()
        .isThrownBy(builder::build)
        .withMessageContaining("store");
  }

  /** A body stream that counts how often it was read. */
  private static final class CountingStream extends InputStream {
    int reads;

    @Override
    public int read() {
      reads++;
      return -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
      reads++;
      return -1;
    }
  }
}
