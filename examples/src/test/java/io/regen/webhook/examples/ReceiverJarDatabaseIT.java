package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the packaged jar on PostgreSQL (127.0.0.1:5432, user {@code postgres}) and MariaDB
 * (127.0.0.1:3306, user {@code root}), each in a database of its own that the test creates and
 * drops. This checks that the drivers and the migration scripts of both survive shading.
 *
 * <p>A server that cannot be reached skips its test, unless the environment variable {@code
 * REGEN_DB_REQUIRED} or the system property {@code regen.db.required} is {@code true}.
 */
class ReceiverJarDatabaseIT {

  private static final Path PAYLOADS =
      Path.of(System.getProperty("regen.example.payloads", "payloads"));

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();

  /** A database server on this machine, with the URL and user for administration. */
  enum Server {
    POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/", "postgres", "postgres"),
    MARIADB("jdbc:mariadb://127.0.0.1:3306/", "", "root");

    final String baseUrl;
    final String adminDatabase;
    final String user;

    Server(String baseUrl, String adminDatabase, String user) {
      this.baseUrl = baseUrl;
      this.adminDatabase = adminDatabase;
      this.user = user;
    }
  }

  @ParameterizedTest
  @EnumSource(Server.class)
  void receiverStoresAlertsOnServer(Server server) throws Exception {
    String database = "regen_example_" + UUID.randomUUID().toString().replace("-", "");
    try (Connection admin = connect(server)) {
      execute(admin, "CREATE DATABASE " + database);
      try {
        runReceiver(server, database);
      } finally {
        execute(admin, "DROP DATABASE " + database);
      }
    }
  }

  private void runReceiver(Server server, String database) throws Exception {
    String url = server.baseUrl + database;
    try (ReceiverProcess receiver =
        ReceiverProcess.start(
            "database-" + server.name().toLowerCase(Locale.ROOT),
            Map.of(),
            "--jdbc-url", url, "--jdbc-user", server.user, "--bind", "127.0.0.1", "--port", "0")) {
      assertThat(receiver.output()).contains("Store: database " + url);
      assertThat(receiver.output()).containsPattern("\\d+ schema migrations? applied");

      assertThat(post(receiver, "alert.json")).isEqualTo("created");
      assertThat(post(receiver, "alert.json")).isEqualTo("updated");
      assertThat(post(receiver, "resolve.json")).isEqualTo("resolved");

      JsonNode alert = getJson(receiver, "/api/v1/alerts").get("alerts").get(0);
      assertThat(alert.get("event_count").asLong()).isEqualTo(3);
      assertThat(alert.get("status").asText()).isEqualTo("resolved");
      String incidentId = alert.get("incident_id").asText();
      JsonNode incident = getJson(receiver, "/api/v1/incidents/" + incidentId);
      assertThat(incident.get("state").asText()).isEqualTo("resolution_pending");
      receiver.awaitOutput(
          Pattern.compile("Incident " + Pattern.quote(incidentId) + " flagged for resolution"),
          Duration.ofSeconds(10));

      receiver.terminate();
      assertThat(receiver.output()).contains("Receiver stopped");
    }
  }

  private String post(ReceiverProcess receiver, String payload) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(receiver.uri("/api/v1/webhooks/generic"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofFile(PAYLOADS.resolve(payload)))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return mapper.readTree(response.body()).get("results").get(0).get("outcome").asText();
  }

  private JsonNode getJson(ReceiverProcess receiver, String path) throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(receiver.uri(path)).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return mapper.readTree(response.body());
  }

  private static Connection connect(Server server) {
    try {
      return DriverManager.getConnection(server.baseUrl + server.adminDatabase, server.user, "");
    } catch (SQLException e) {
      String reason = server + " is not reachable: " + e.getMessage();
      if (databasesRequired()) {
        fail(reason);
      }
      Assumptions.abort(reason + "; set REGEN_DB_REQUIRED=true to fail instead");
      throw new IllegalStateException("unreachable", e);
    }
  }

  private static boolean databasesRequired() {
    return Boolean.parseBoolean(System.getenv("REGEN_DB_REQUIRED"))
        || Boolean.getBoolean("regen.db.required");
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
