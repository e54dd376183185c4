package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.WebhookConfig;
import io.regen.webhook.WebhookHandler;
import io.regen.webhook.memory.InMemoryAlertStore;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the receiver's Jetty server on 127.0.0.1 with an in-memory store that contains one firing
 * and one resolved alert. The tests only read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiServletTest {

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private ReceiverServer server;

  @BeforeAll
  void startServer() throws Exception {
    InMemoryAlertStore store = new InMemoryAlertStore();
    WebhookConfig config = WebhookConfig.defaults();
    WebhookHandler handler =
        WebhookHandler.builder(config)
            .store(store)
            .build();
    ReceiverSettings settings =
        new ReceiverSettings(
            "127.0.0.1", 0, List.of(), true, JdbcUrls.DEFAULT_URL, null, null, Duration.ZERO,
            Duration.ofSeconds(5));
    QueryApiServlet queryApi = new QueryApiServlet(store, new JsonViews(mapper));
    server = new ReceiverServer(settings, handler, queryApi);
    server.start();

    post(
        "{\"alerts\":["
            + "{\"title\":\"CPU high\",\"external_id\":\"cpu-1\",\"labels\":{\"service\":\"api\"}},"
            + "{\"title\":\"Disk full\",\"external_id\":\"disk-1\",\"labels\":{\"service\":\"db\"}}"
            + "]}");
    post("{\"alerts\":[{\"external_id\":\"disk-1\",\"status\":\"resolved\"}]}");
  }

  @AfterAll
  void stopServer() throws Exception {
    server.stop();
  }

  @Test
  void alertsFilterByStatus() throws Exception {
    JsonNode firing = getJson("/api/v1/alerts?status=firing").get("alerts");
    JsonNode resolved = getJson("/api/v1/alerts?status=resolved").get("alerts");

    assertThat(firing).hasSize(1);
    assertThat(firing.get(0).get("external_id").asText()).isEqualTo("cpu-1");
    assertThat(resolved).hasSize(1);
    assertThat(resolved.get(0).get("external_id").asText()).isEqualTo("disk-1");
  }

  @Test
  void alertsFilterByExternalIdAndIncident() throws Exception {
    JsonNode disk = getJson("/api/v1/alerts?external_id=disk-1").get("alerts");
    assertThat(disk).hasSize(1);
    String incidentId = disk.get(0).get("incident_id").asText();

    JsonNode ofIncident = getJson("/api/v1/alerts?incident_id=" + incidentId).get("alerts");

    assertThat(ofIncident).hasSize(1);
    assertThat(ofIncident.get(0).get("id").asText()).isEqualTo(disk.get(0).get("id").asText());
    assertThat(getJson("/api/v1/alerts?external_id=none").get("alerts")).isEmpty();
  }

  @Test
  void alertsHonourLimit() throws Exception {
    assertThat(getJson("/api/v1/alerts").get("alerts")).hasSize(2);
    assertThat(getJson("/api/v1/alerts?limit=1").get("alerts")).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/api/v1/alerts?status=open",
        "/api/v1/alerts?limit=0",
        "/api/v1/alerts?limit=1001",
        "/api/v1/alerts?limit=ten",
        "/api/v1/incidents?state=closed"
      })
  void invalidQueryParameterReturns400(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(mapper.readTree(response.body()).get("detail").asText()).contains("must be");
  }

  @Test
  void incidentsShowStateAndAlertIds() throws Exception {
    JsonNode incidents = getJson("/api/v1/incidents").get("incidents");
    JsonNode pending = getJson("/api/v1/incidents?state=resolution_pending").get("incidents");
    JsonNode active = getJson("/api/v1/incidents?state=active").get("incidents");
    String diskAlertId =
        getJson("/api/v1/alerts?external_id=disk-1").get("alerts").get(0).get("id").asText();

    assertThat(incidents).hasSize(2);
    assertThat(pending).hasSize(1);
    assertThat(pending.get(0).get("alert_ids")).hasSize(1);
    assertThat(pending.get(0).get("alert_ids").get(0).asText()).isEqualTo(diskAlertId);
    assertThat(pending.get(0).get("flagged_at").isTextual()).isTrue();
    assertThat(active).hasSize(1);
    assertThat(active.get(0).get("flagged_at").isNull()).isTrue();

    String incidentId = pending.get(0).get("id").asText();
    JsonNode incident = getJson("/api/v1/incidents/" + incidentId);
    assertThat(incident.get("state").asText()).isEqualTo("resolution_pending");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/v1/alerts/unknown", "/api/v1/incidents/unknown", "/nowhere"})
  void unknownResourceReturns404(String path) throws Exception {
    HttpResponse<String> response = get(path);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(mapper.readTree(response.body()).get("status").asInt()).isEqualTo(404);
  }

  @Test
  void postToQueryApiReturns405() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/v1/alerts"))
            .POST(HttpRequest.BodyPublishers.ofString("{}"))
            .build();

    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void healthReportsUp() throws Exception {
    assertThat(getJson("/health").get("status").asText()).isEqualTo("up");

    HttpRequest head =
        HttpRequest.newBuilder(uri("/health"))
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = client.send(head, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void serverHidesJettyVersion() throws Exception {
    assertThat(get("/health").headers().firstValue("Server")).isEmpty();
  }

  private void post(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri("/api/v1/webhooks/generic"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
  }

  private JsonNode getJson(String path) throws IOException, InterruptedException {
    HttpResponse<String> response = get(path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return mapper.readTree(response.body());
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return client.send(
        HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
