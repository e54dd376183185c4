package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * End-to-end tests of the packaged jar: each starts {@code java -jar regen-webhook-example.jar} as
 * a separate process on a free port and talks to it over HTTP, as a monitoring tool would.
 */
class ReceiverJarIT {

  private static final Path PAYLOADS =
      Path.of(System.getProperty("regen.example.payloads", "payloads"));
  private static final String EXTERNAL_ID = "redis-memory-alert-001";
  private static final String ALERTS_OF_SAMPLE = "/api/v1/alerts?external_id=" + EXTERNAL_ID;
  private static final Duration LOG_TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void unsignedReceiverInMemory() throws Exception {
    try (ReceiverProcess receiver =
        ReceiverProcess.start(
            "memory", Map.of(), "--memory", "--bind", "127.0.0.1", "--port", "0")) {
      assertThat(receiver.output()).contains("in memory");
      assertThat(receiver.output()).contains("not required");
      assertThat(receiver.output()).contains("curl ");

      HttpResponse<String> created = post(receiver, payload("alert.json"), null);
      assertThat(created.statusCode()).isEqualTo(202);
      JsonNode createdResult = mapper.readTree(created.body()).get("results").get(0);
      assertThat(createdResult.get("outcome").asText()).isEqualTo("created");
      String alertId = createdResult.get("alert_id").asText();

      JsonNode alerts = getJson(receiver, ALERTS_OF_SAMPLE).get("alerts");
      assertThat(alerts).hasSize(1);
      JsonNode alert = alerts.get(0);
      assertThat(alert.get("id").asText()).isEqualTo(alertId);
      assertThat(alert.get("external_id").asText()).isEqualTo(EXTERNAL_ID);
      assertThat(alert.get("dedup_key").asText()).isEqualTo(EXTERNAL_ID);
      assertThat(alert.get("title").asText()).isEqualTo("Redis memory usage above 90%");
      assertThat(alert.get("severity").asText()).isEqualTo("critical");
      assertThat(alert.get("status").asText()).isEqualTo("firing");
      assertThat(alert.get("source").asText()).isEqualTo("my-monitoring-script");
      assertThat(alert.get("labels").get("region").asText()).isEqualTo("us-east-1");
      assertThat(alert.get("annotations").get("runbook").asText())
          .isEqualTo("https://wiki.yourcompany.com/runbooks/redis-memory");
      assertThat(alert.get("started_at").asText()).isEqualTo("2024-01-15T10:30:00Z");
      assertThat(alert.get("resolved_at").isNull()).isTrue();
      assertThat(alert.get("event_count").asLong()).isEqualTo(1);

      HttpResponse<String> updated = post(receiver, payload("alert.json"), null);
      assertThat(updated.statusCode()).isEqualTo(202);
      assertThat(mapper.readTree(updated.body()).get("results").get(0).get("outcome").asText())
          .isEqualTo("updated");
      JsonNode afterResend = getJson(receiver, ALERTS_OF_SAMPLE).get("alerts");
      assertThat(afterResend).hasSize(1);
      assertThat(afterResend.get(0).get("event_count").asLong()).isEqualTo(2);

      SendResult resolve = send(receiver, null, PAYLOADS.resolve("resolve.json"));
      assertThat(resolve.exitCode()).as(resolve.output()).isZero();
      assertThat(resolve.output()).contains("HTTP 202").contains("\"resolved\"");

      JsonNode resolved = getJson(receiver, "/api/v1/alerts/" + alertId);
      assertThat(resolved.get("status").asText()).isEqualTo("resolved");
      assertThat(resolved.get("resolved_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
      assertThat(resolved.get("event_count").asLong()).isEqualTo(3);
      String incidentId = resolved.get("incident_id").asText();
      assertIncidentFlagged(receiver, incidentId, alertId);

      HttpResponse<String> missing = get(receiver, "/api/v1/alerts/no-such-alert");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(mapper.readTree(missing.body()).get("status").asInt()).isEqualTo(404);

      HttpResponse<String> schema = get(receiver, "/api/v1/webhooks/generic/schema");
      assertThat(schema.statusCode()).isEqualTo(200);
      assertThat(schema.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/schema+json"));

      receiver.terminate();
      assertThat(receiver.output()).contains("Receiver stopped");
    }
  }

  @Test
  void signedReceiverOnH2File() throws Exception {
    String database = "./h2-" + UUID.randomUUID() + "/regen-webhook";
    Map<String, String> environment =
        Map.of(
            "REGEN_WEBHOOK_SECRETS", "old-secret-4711,new-secret-0815",
            "REGEN_WEBHOOK_JDBC_URL", "jdbc:h2:file:" + database);
    byte[] alert = payload("alert.json");
    String alertId;
    String incidentId;

    try (ReceiverProcess receiver =
        ReceiverProcess.start("h2-signed", environment, "--bind", "127.0.0.1", "--port", "0")) {
      assertThat(receiver.output()).contains("jdbc:h2:file:" + database);
      assertThat(receiver.output()).contains("2 secrets");

      HttpResponse<String> unsigned = post(receiver, alert, null);
      assertThat(unsigned.statusCode()).isEqualTo(401);
      HttpResponse<String> wronglySigned = post(receiver, alert, "not-the-secret");
      assertThat(wronglySigned.statusCode()).isEqualTo(401);
      assertThat(getJson(receiver, ALERTS_OF_SAMPLE).get("alerts")).isEmpty();

      HttpResponse<String> created = post(receiver, alert, "old-secret-4711");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(202);
      alertId = mapper.readTree(created.body()).get("results").get(0).get("alert_id").asText();

      SendResult resend = send(receiver, "new-secret-0815", PAYLOADS.resolve("alert.json"));
      assertThat(resend.exitCode()).as(resend.output()).isZero();
      assertThat(resend.output()).contains("HTTP 202").contains("\"updated\"");
      JsonNode alerts = getJson(receiver, ALERTS_OF_SAMPLE).get("alerts");
      assertThat(alerts).hasSize(1);
      assertThat(alerts.get(0).get("event_count").asLong()).isEqualTo(2);

      SendResult unsignedSend = send(receiver, null, PAYLOADS.resolve("resolve.json"));
      assertThat(unsignedSend.exitCode()).isEqualTo(SendCommand.EXIT_REJECTED);
      assertThat(unsignedSend.output()).contains("HTTP 401");

      HttpResponse<String> resolved = post(receiver, payload("resolve.json"), "new-secret-0815");
      assertThat(resolved.statusCode()).as(resolved.body()).isEqualTo(202);
      assertThat(mapper.readTree(resolved.body()).get("results").get(0).get("outcome").asText())
          .isEqualTo("resolved");
      incidentId = getJson(receiver, "/api/v1/alerts/" + alertId).get("incident_id").asText();
      assertIncidentFlagged(receiver, incidentId, alertId);

      receiver.terminate();
      assertThat(receiver.output()).contains("Receiver stopped");
      assertThat(receiver.output()).doesNotContain("old-secret-4711", "new-secret-0815");
    }

    Map<String, String> databaseOnly = Map.of("REGEN_WEBHOOK_JDBC_URL", "jdbc:h2:file:" + database);
    try (ReceiverProcess restarted =
        ReceiverProcess.start(
            "h2-restarted",
            databaseOnly,
            "--bind", "127.0.0.1", "--port", "0", "--secret", "new-secret-0815")) {
      assertThat(restarted.output()).contains("1 secret");
      JsonNode persisted = getJson(restarted, "/api/v1/alerts/" + alertId);
      assertThat(persisted.get("status").asText()).isEqualTo("resolved");
      assertThat(persisted.get("event_count").asLong()).isEqualTo(3);
      JsonNode incident = getJson(restarted, "/api/v1/incidents/" + incidentId);
      assertThat(incident.get("state").asText()).isEqualTo("resolution_pending");

      HttpResponse<String> oldSecret = post(restarted, alert, "old-secret-4711");
      assertThat(oldSecret.statusCode()).isEqualTo(401);
      // The sample alert starts before the stored resolve, so the store recognises it as late.
      HttpResponse<String> late = post(restarted, alert, "new-secret-0815");
      assertThat(late.statusCode()).as(late.body()).isEqualTo(202);
      assertThat(mapper.readTree(late.body()).get("results").get(0).get("outcome").asText())
          .isEqualTo("stale");
    }
  }

  @Test
  void helpListsOptionsWithoutSecrets() throws Exception {
    try (ReceiverProcess help =
        ReceiverProcess.launch(
            "help",
            Map.of(
                "REGEN_WEBHOOK_SECRETS", "hidden-4711",
                "REGEN_WEBHOOK_JDBC_PASSWORD", "pw-0815"),
            "--help")) {
      assertThat(help.awaitExit(Duration.ofSeconds(30))).isZero();
      String output = help.output();
      for (String option :
          new String[] {
            "--port", "--bind", "--secret", "--memory", "--jdbc-url", "--jdbc-user",
            "--jdbc-password", "--reopen-window", "--stop-timeout", "send"
          }) {
        assertThat(output).contains(option);
      }
      for (String variable :
          new String[] {
            "REGEN_WEBHOOK_PORT", "REGEN_WEBHOOK_SECRETS", "REGEN_WEBHOOK_JDBC_URL",
            "REGEN_WEBHOOK_JDBC_USER", "REGEN_WEBHOOK_JDBC_PASSWORD"
          }) {
        assertThat(output).contains(variable);
      }
      assertThat(output).contains("0.0.0.0");
      assertThat(output).doesNotContain("hidden-4711", "pw-0815");
    }
  }

  @Test
  void unusableDatabaseExitsWithoutPassword() throws Exception {
    try (ReceiverProcess receiver =
        ReceiverProcess.launch(
            "no-database",
            Map.of("REGEN_WEBHOOK_JDBC_PASSWORD", "pw-0815"),
            "--jdbc-url", "jdbc:nosuchdriver://127.0.0.1/alerts?password=url-4711",
            "--port", "0")) {
      assertThat(receiver.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
      assertThat(receiver.output()).contains("Could not open the store");
      assertThat(receiver.output()).doesNotContain("url-4711", "pw-0815");
    }
  }

  private void assertIncidentFlagged(ReceiverProcess receiver, String incidentId, String alertId)
      throws Exception {
    JsonNode incidents = getJson(receiver, "/api/v1/incidents").get("incidents");
    JsonNode incident = null;
    for (JsonNode candidate : incidents) {
      if (candidate.get("id").asText().equals(incidentId)) {
        incident = candidate;
      }
    }
    assertThat(incident).as("incident %s in %s", incidentId, incidents).isNotNull();
    assertThat(incident.get("state").asText()).isEqualTo("resolution_pending");
    assertThat(incident.get("flagged_at").isNull()).isFalse();
    assertThat(incident.get("alert_ids").toString()).contains(alertId);
    receiver.awaitOutput(
        Pattern.compile("Incident " + Pattern.quote(incidentId) + " flagged for resolution"),
        LOG_TIMEOUT);
  }

  private HttpResponse<String> post(ReceiverProcess receiver, byte[] body, String secret)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(receiver.uri("/api/v1/webhooks/generic"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (secret != null) {
      request.header("X-Regen-Signature", Signatures.sign(secret, body));
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(ReceiverProcess receiver, String path)
      throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(receiver.uri(path)).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(ReceiverProcess receiver, String path)
      throws IOException, InterruptedException {
    HttpResponse<String> response = get(receiver, path);
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return mapper.readTree(response.body());
  }

  private static SendResult send(ReceiverProcess receiver, String secret, Path file)
      throws IOException, InterruptedException {
    String url = receiver.uri("/api/v1/webhooks/generic").toString();
    String[] arguments =
        secret == null
            ? new String[] {"send", "--url", url, file.toAbsolutePath().toString()}
            : new String[] {
              "send", "--url", url, "--secret", secret, file.toAbsolutePath().toString()
            };
    try (ReceiverProcess sender = ReceiverProcess.launch("send", Map.of(), arguments)) {
      int exitCode = sender.awaitExit(Duration.ofSeconds(30));
      return new SendResult(exitCode, sender.output());
    }
  }

  private static byte[] payload(String name) throws IOException {
    return Files.readAllBytes(PAYLOADS.resolve(name));
  }

  private record SendResult(int exitCode, String output) {}
}
