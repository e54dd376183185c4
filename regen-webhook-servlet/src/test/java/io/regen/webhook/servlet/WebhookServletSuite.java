package io.regen.webhook.servlet;

import static io.regen.webhook.WebhookHandler.SCHEMA_PATH;
import static io.regen.webhook.WebhookHandler.WEBHOOK_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.WebhookHandler;
import io.regen.webhook.servlet.RawHttpConnection.RawResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Behaviour of {@link RegenWebhookServlet} over real HTTP on 127.0.0.1, run once per container by
 * the subclasses.
 *
 * <p>The context at {@link #CONTEXT_PATH} contains one servlet per handler kind, each registered
 * with {@link RegenWebhookServlet#register} under its own path or exact mapping, and one at {@code
 * /*} made with the constructor. The context at {@link #OTHER_CONTEXT_PATH} has one servlet with
 * the default mapping {@code /}. Every handler limits bodies to {@link
 * TestHandlers#MAX_BODY_BYTES}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookServletSuite {
  static final String CONTEXT_PATH = "/app";

  /** Path of the context whose only servlet has the default mapping {@code /}. */
  static final String OTHER_CONTEXT_PATH = "/other";

  private static final String WEBHOOK = CONTEXT_PATH + "/hooks" + WEBHOOK_PATH;
  private static final String SCHEMA = CONTEXT_PATH + "/hooks" + SCHEMA_PATH;
  private static final String SIGNED_WEBHOOK = CONTEXT_PATH + "/signed" + WEBHOOK_PATH;
  private static final String UNAVAILABLE_WEBHOOK = CONTEXT_PATH + "/unavailable" + WEBHOOK_PATH;
  private static final String BROKEN_WEBHOOK = CONTEXT_PATH + "/broken" + WEBHOOK_PATH;
  private static final String ROOT_WEBHOOK = CONTEXT_PATH + WEBHOOK_PATH;
  private static final String EXACT_WEBHOOK_PATH = "/exact" + WEBHOOK_PATH;
  private static final String EXACT_SCHEMA_PATH = "/exact" + SCHEMA_PATH;

  private static final String JSON = "application/json";
  private static final String PROBLEM_JSON = "application/problem+json";
  private static final List<String> JSON_HEADERS = List.of("Content-Type: " + JSON);

  private final ObjectMapper mapper = new ObjectMapper();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private int port;
  private Throwable secondRegistrationFailure;

  /**
   * Starts the container on 127.0.0.1 and an ephemeral port, with two contexts. The one at {@link
   * #CONTEXT_PATH} runs {@code initializer} while it starts, and maps a {@code new
   * RegenWebhookServlet(rootHandler)} to {@code /*} the way the package documentation shows. The
   * one at {@link #OTHER_CONTEXT_PATH} only runs {@code otherInitializer}.
   *
   * @return the port the container listens on
   */
  abstract int startContainer(
      ServletContainerInitializer initializer,
      WebhookHandler rootHandler,
      ServletContainerInitializer otherInitializer)
      throws Exception;

  /** Stops the container started by {@link #startContainer}. */
  abstract void stopContainer() throws Exception;

  @BeforeAll
  void start() throws Exception {
    ServletContainerInitializer initializer =
        (classes, context) -> {
          RegenWebhookServlet.register(context, "/hooks/*", TestHandlers.unsigned());
          RegenWebhookServlet.register(context, "/signed/*", TestHandlers.signed());
          RegenWebhookServlet.register(context, "/unavailable/*", TestHandlers.unavailableStore());
          RegenWebhookServlet.register(context, "/broken/*", TestHandlers.brokenStore());
          RegenWebhookServlet.register(context, EXACT_WEBHOOK_PATH, TestHandlers.unsigned())
              .addMapping(EXACT_SCHEMA_PATH);
          RegenWebhookServlet.register(
              context, "/endpoint" + WEBHOOK_PATH + "/*", TestHandlers.unsigned());
          RegenWebhookServlet.register(context, "/reader/*", TestHandlers.unsigned());
          context
              .addFilter("body-as-characters", WebhookServletSuite::readBodyAsCharacters)
              .addMappingForUrlPatterns(null, false, "/reader/*");
          secondRegistrationFailure =
              catchThrowable(
                  () -> RegenWebhookServlet.register(context, "/hooks/*", TestHandlers.unsigned()));
        };
    ServletContainerInitializer otherInitializer =
        (classes, context) -> RegenWebhookServlet.register(context, "/", TestHandlers.unsigned());
    port = startContainer(initializer, TestHandlers.unsigned(), otherInitializer);
  }

  @AfterAll
  void stop() throws Exception {
    stopContainer();
  }

  @Test
  void validAlertsReturn202() throws Exception {
    String externalId = uniqueId();

    HttpResponse<String> response = post(WEBHOOK, JSON, alertJson(externalId));

    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith(JSON));
    JsonNode result = mapper.readTree(response.body()).path("results").path(0);
    assertThat(result.path("outcome").asText()).isEqualTo("created");
    assertThat(result.path("external_id").asText()).isEqualTo(externalId);
  }

  @Test
  void mixedAlertsReturn207() throws Exception {
    String body =
        "{\"alerts\":[{\"title\":\"Queue backlog\",\"external_id\":\""
            + uniqueId()
            + "\"},{\"title\":\"Queue backlog\",\"severity\":\"fatal\"}]}";

    HttpResponse<String> response = post(WEBHOOK, JSON, body);

    assertThat(response.statusCode()).isEqualTo(207);
    JsonNode results = mapper.readTree(response.body()).path("results");
    assertThat(results.path(0).path("outcome").asText()).isEqualTo("created");
    assertThat(results.path(1).path("outcome").asText()).isEqualTo("rejected");
    assertThat(results.path(1).path("errors").path(0).path("pointer").asText())
        .isEqualTo("/alerts/1/severity");
  }

  @Test
  void malformedJsonReturns400() throws Exception {
    HttpResponse<String> response = post(WEBHOOK, JSON, "{\"alerts\": [");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void missingSignatureReturns401() throws Exception {
    HttpResponse<String> response = post(SIGNED_WEBHOOK, JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void wrongSignatureReturns401() throws Exception {
    byte[] body = alertJsonBytes(uniqueId());

    HttpResponse<String> response =
        send(
            request(SIGNED_WEBHOOK, JSON, body)
                .header("X-Regen-Signature", signature("another-secret", body)));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).doesNotContain(signature("another-secret", body));
  }

  @Test
  void correctSignatureReturns202() throws Exception {
    // CR LF, a tab, non-ASCII text and trailing white space: bytes that a line-joining reader, or
    // getReader with the Servlet default charset ISO-8859-1, would change.
    String text =
        "{\"alerts\":[{\"title\":\"Caf\u00e9 queue \u2615 \ud83d\udd25\",\r\n\t\"external_id\":\""
            + uniqueId()
            + "\"}]}\r\n";
    byte[] body = text.getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response =
        send(
            request(SIGNED_WEBHOOK, JSON, body)
                .header("X-Regen-Signature", signature(TestHandlers.SECRET, body)));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void repeatedSignatureHeaderReturns401() throws Exception {
    byte[] body = alertJsonBytes(uniqueId());
    String correct = signature(TestHandlers.SECRET, body);

    HttpResponse<String> response =
        send(
            request(SIGNED_WEBHOOK, JSON, body)
                .header("X-Regen-Signature", correct)
                .header("X-Regen-Signature", correct));

    assertThat(response.statusCode()).isEqualTo(401);
  }

  @Test
  void getOnWebhookReturns405() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(WEBHOOK)).GET());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
        allow -> assertThat(allow).contains("POST"));
  }

  @Test
  void deleteOnSchemaReturns405() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SCHEMA)).DELETE());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValueSatisfying(
        allow -> assertThat(allow).contains("GET"));
  }

  @Test
  void declaredLengthOverLimitReturns413() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      // Only the head goes out: the response has to come before any body byte.
      connection.sendHead(
          "POST", WEBHOOK, List.of("Content-Type: " + JSON, "Content-Length: 1048576"));

      RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(413);
      assertThat(response.header("Content-Type")).isEqualTo(PROBLEM_JSON);
    }
  }

  @Test
  void expectContinueOverLimitReturns413() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      // The body never goes out, so the final response has to come without it, after any
      // interim 100 Continue the container sends.
      connection.sendHead(
          "POST",
          WEBHOOK,
          List.of("Content-Type: " + JSON, "Content-Length: 1048576", "Expect: 100-continue"));

      RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(413);
    }
  }

  static Stream<Arguments> rejectedHeads() {
    return Stream.of(
        Arguments.of("PUT", WEBHOOK, JSON, 405),
        Arguments.of("POST", WEBHOOK, "text/plain", 415),
        Arguments.of("POST", CONTEXT_PATH + "/hooks/nowhere", JSON, 404));
  }

  @ParameterizedTest(name = "{3} from {0} {1}")
  @MethodSource("rejectedHeads")
  void rejectionArrivesBeforeBody(String method, String target, String contentType, int status)
      throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.sendHead(
          method, target, List.of("Content-Type: " + contentType, "Content-Length: 1000"));

      RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(status);
    }
  }

  @Test
  void chunkedBodyOverLimitReturns413() throws IOException {
    byte[] body = paddedAlertJson(2 * TestHandlers.MAX_BODY_BYTES);

    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.sendChunked("POST", WEBHOOK, JSON_HEADERS, body, 1024);

      RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(413);
      assertThat(response.header("Content-Type")).isEqualTo(PROBLEM_JSON);
    }
  }

  @Test
  void chunkedBodyWithinLimitReturns202() throws IOException {
    byte[] body = paddedAlertJson(TestHandlers.MAX_BODY_BYTES - 100);

    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.sendChunked("POST", WEBHOOK, JSON_HEADERS, body, 700);

      RawResponse response = connection.readResponse();

      assertThat(response.status()).isEqualTo(202);
    }
  }

  @Test
  void textPlainReturns415() throws Exception {
    HttpResponse<String> response = post(WEBHOOK, "text/plain", alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(response.body()).contains(JSON);
  }

  @Test
  void unavailableStoreReturns503() throws Exception {
    HttpResponse<String> response = post(UNAVAILABLE_WEBHOOK, JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void brokenStoreReturns500() throws Exception {
    HttpResponse<String> response = post(BROKEN_WEBHOOK, JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(response.body()).doesNotContain(TestHandlers.BUG_MESSAGE);
    assertThat(response.body()).doesNotContain("alert_internal_state");
    assertThat(response.body()).doesNotContain("IllegalStateException");
    assertThat(response.body()).doesNotContain("io.regen");
  }

  @Test
  void bodyReadByFilterReturns500() throws Exception {
    HttpResponse<String> response =
        post(CONTEXT_PATH + "/reader" + WEBHOOK_PATH, JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
    assertThat(response.body()).doesNotContain("IllegalStateException");
    assertThat(response.body()).doesNotContain("getReader");
  }

  @Test
  void schemaHasEtag() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(SCHEMA)).GET());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/schema+json"));
    assertThat(response.headers().firstValue("ETag")).hasValueSatisfying(
        etag -> assertThat(etag).isNotBlank());
    assertThat(mapper.readTree(response.body()).path("properties").has("alerts")).isTrue();
  }

  @Test
  void headOnSchemaSendsNoBody() throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.sendHead("HEAD", SCHEMA, List.of());
      RawResponse head = connection.readHeadResponse();
      connection.sendHead("GET", SCHEMA, List.of());
      RawResponse get = connection.readResponse();

      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("ETag")).isEqualTo(get.header("ETag"));
      assertThat(head.header("Content-Type")).startsWith("application/schema+json");
      // A HEAD response may leave the length out, but must not claim one other than GET's.
      String headLength = head.header("Content-Length");
      if (headLength != null) {
        assertThat(Integer.parseInt(headLength)).isEqualTo(get.body().length);
      }
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.body()).isNotEmpty();
    }
  }

  @Test
  void matchingEtagReturns304() throws Exception {
    String etag =
        send(HttpRequest.newBuilder(uri(SCHEMA)).GET()).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> response =
        send(HttpRequest.newBuilder(uri(SCHEMA)).GET().header("If-None-Match", etag));

    assertThat(response.statusCode()).isEqualTo(304);
    assertThat(response.headers().firstValue("ETag")).hasValue(etag);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void otherPathUnderMappingReturns404() throws Exception {
    HttpResponse<String> response =
        post(CONTEXT_PATH + "/hooks/api/v1/webhooks/other", JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void otherPathUnderRootReturns404() throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(CONTEXT_PATH + "/x")).GET());

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void rootMappingServesWebhook() throws Exception {
    HttpResponse<String> response = post(ROOT_WEBHOOK, JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void exactMappingsServeBothPaths() throws Exception {
    HttpResponse<String> webhook =
        post(CONTEXT_PATH + EXACT_WEBHOOK_PATH, JSON, alertJson(uniqueId()));
    HttpResponse<String> schema =
        send(HttpRequest.newBuilder(uri(CONTEXT_PATH + EXACT_SCHEMA_PATH)).GET());

    assertThat(webhook.statusCode()).isEqualTo(202);
    assertThat(schema.statusCode()).isEqualTo(200);
  }

  @Test
  void mappingBelowWebhookServesBothPaths() throws Exception {
    String base = CONTEXT_PATH + "/endpoint";

    HttpResponse<String> webhook = post(base + WEBHOOK_PATH, JSON, alertJson(uniqueId()));
    HttpResponse<String> schema = send(HttpRequest.newBuilder(uri(base + SCHEMA_PATH)).GET());

    assertThat(webhook.statusCode()).isEqualTo(202);
    assertThat(schema.statusCode()).isEqualTo(200);
  }

  @Test
  void defaultMappingServesBothPaths() throws Exception {
    HttpResponse<String> webhook =
        post(OTHER_CONTEXT_PATH + WEBHOOK_PATH, JSON, alertJson(uniqueId()));
    HttpResponse<String> schema =
        send(HttpRequest.newBuilder(uri(OTHER_CONTEXT_PATH + SCHEMA_PATH)).GET());

    assertThat(webhook.statusCode()).isEqualTo(202);
    assertThat(schema.statusCode()).isEqualTo(200);
  }

  @Test
  void defaultMappingRejectsLongerPath() throws Exception {
    HttpResponse<String> response =
        post(OTHER_CONTEXT_PATH + "/x" + WEBHOOK_PATH, JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM_JSON);
  }

  @Test
  void queryStringIsIgnored() throws Exception {
    HttpResponse<String> response = post(WEBHOOK + "?source=ci&x=1", JSON, alertJson(uniqueId()));

    assertThat(response.statusCode()).isEqualTo(202);
  }

  @Test
  void concurrentPostsAreAllAccepted() throws Exception {
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      HttpRequest request =
          request(WEBHOOK, JSON, alertJsonBytes(uniqueId()))
              .timeout(Duration.ofSeconds(10))
              .build();
      responses.add(client.sendAsync(request, BodyHandlers.ofString()));
    }

    for (CompletableFuture<HttpResponse<String>> response : responses) {
      HttpResponse<String> completed = response.get();
      assertThat(completed.statusCode()).isEqualTo(202);
      JsonNode result = mapper.readTree(completed.body()).path("results").path(0);
      assertThat(result.path("outcome").asText()).isEqualTo("created");
    }
  }

  @Test
  void registerRejectsTakenMapping() {
    assertThat(secondRegistrationFailure).isInstanceOf(IllegalStateException.class);
  }

  static Stream<Arguments> rejectedRequests() {
    byte[] alert = alertJsonBytes("keep-alive");
    return Stream.of(
        Arguments.of("PUT", WEBHOOK, JSON, alert, 405),
        Arguments.of("POST", WEBHOOK, "text/plain", alert, 415),
        Arguments.of("POST", SIGNED_WEBHOOK, JSON, alert, 401),
        Arguments.of("POST", CONTEXT_PATH + "/hooks/nowhere", JSON, alert, 404));
  }

  @ParameterizedTest(name = "{4} from {0} {1}")
  @MethodSource("rejectedRequests")
  void connectionSurvivesRejectedRequest(
      String method, String target, String contentType, byte[] body, int status)
      throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      connection.sendRequest(method, target, List.of("Content-Type: " + contentType), body);
      RawResponse rejected = connection.readResponse();

      assertThat(rejected.status()).isEqualTo(status);
      assertThat(rejected.closesConnection()).isFalse();

      connection.sendRequest("POST", WEBHOOK, JSON_HEADERS, alertJsonBytes(uniqueId()));
      RawResponse accepted = connection.readResponse();

      assertThat(accepted.status()).isEqualTo(202);
    }
  }

  /**
   * Rejections after which a container may close the connection by its own policy (Tomcat closes
   * after 400 and 413). Either way the unread rest of the body must never be taken for the next
   * request.
   */
  static Stream<Arguments> rejectedBodies() {
    byte[] oversized = paddedAlertJson(TestHandlers.MAX_BODY_BYTES + 1000);
    return Stream.of(
        Arguments.of("malformed JSON", false, "{\"alerts\": [".getBytes(StandardCharsets.UTF_8),
            400),
        Arguments.of("declared length over limit", false, oversized, 413),
        Arguments.of("chunked body over limit", true, oversized, 413));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedBodies")
  void connectionStaysInStepAfterRejection(
      String name, boolean chunked, byte[] body, int status) throws IOException {
    try (RawHttpConnection connection = new RawHttpConnection(port)) {
      if (chunked) {
        connection.sendChunked("POST", WEBHOOK, JSON_HEADERS, body, 1024);
      } else {
        connection.sendRequest("POST", WEBHOOK, JSON_HEADERS, body);
      }
      RawResponse rejected = connection.readResponse();

      assertThat(rejected.status()).isEqualTo(status);
      if (rejected.closesConnection()) {
        assertThat(connection.isClosedByServer()).isTrue();
        return;
      }

      connection.sendRequest("POST", WEBHOOK, JSON_HEADERS, alertJsonBytes(uniqueId()));
      RawResponse accepted = connection.readResponse();

      assertThat(accepted.status()).isEqualTo(202);
    }
  }

  /** A filter that reads the request body as characters, which the servlet cannot work with. */
  private static void readBodyAsCharacters(
      ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    request.getReader().read();
    chain.doFilter(request, response);
  }

  private HttpResponse<String> post(String path, String contentType, String body)
      throws IOException, InterruptedException {
    return send(request(path, contentType, body.getBytes(StandardCharsets.UTF_8)));
  }

  private HttpRequest.Builder request(String path, String contentType, byte[] body) {
    return HttpRequest.newBuilder(uri(path))
        .header("Content-Type", contentType)
        .POST(BodyPublishers.ofByteArray(body));
  }

  private HttpResponse<String> send(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    return client.send(request.timeout(Duration.ofSeconds(10)).build(), BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private static String uniqueId() {
    return "servlet-" + UUID.randomUUID();
  }

  private static String alertJson(String externalId) {
    return "{\"alerts\":[{\"title\":\"Disk almost full\",\"severity\":\"critical\","
        + "\"external_id\":\""
        + externalId
        + "\",\"labels\":{\"service\":\"db\"}}]}";
  }

  private static byte[] alertJsonBytes(String externalId) {
    return alertJson(externalId).getBytes(StandardCharsets.UTF_8);
  }

  /** Returns a valid one-alert body padded with a long description to exactly this length. */
  private static byte[] paddedAlertJson(int length) {
    String start = "{\"alerts\":[{\"title\":\"Padded\",\"description\":\"";
    String end = "\"}]}";
    String padding = "x".repeat(length - start.length() - end.length());
    return (start + padding + end).getBytes(StandardCharsets.UTF_8);
  }

  private static String signature(String secret, byte[] body) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
  }
}
