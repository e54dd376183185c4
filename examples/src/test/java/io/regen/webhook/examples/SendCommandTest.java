package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SendCommandTest {

  // Deliberately not canonical JSON: the signature must cover these exact bytes.
  private static final String PAYLOAD =
      "{ \"alerts\": [ {\"title\": \"Disk full \u2013 /var\", \"external_id\": \"disk-1\"} ] }\n";

  private final List<Received> received = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private int status = 202;

  @TempDir Path directory;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/api/v1/webhooks/generic",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  exchange.getRequestHeaders().get("X-Regen-Signature"),
                  body));
          byte[] answer = "{\"results\":[]}".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  @Test
  void sendSignsExactFileBytes() throws IOException {
    Path file = Files.writeString(directory.resolve("alert.json"), PAYLOAD);

    int exitCode = run("--url", url(), "--secret", "top-secret", file.toString());

    assertThat(exitCode).isZero();
    assertThat(received).hasSize(1);
    Received request = received.get(0);
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.contentType()).isEqualTo("application/json");
    assertThat(request.body()).isEqualTo(PAYLOAD.getBytes(StandardCharsets.UTF_8));
    assertThat(request.signatures())
        .containsExactly(Signatures.sign("top-secret", PAYLOAD.getBytes(StandardCharsets.UTF_8)));
    assertThat(out.toString()).startsWith("HTTP 202").contains("{\"results\":[]}");
    assertThat(out.toString()).doesNotContain("top-secret");
  }

  @Test
  void sendWithoutSecretIsUnsigned() throws IOException {
    Path file = Files.writeString(directory.resolve("alert.json"), PAYLOAD);

    int exitCode = run("--url", url(), file.toString());

    assertThat(exitCode).isZero();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).signatures()).isNull();
  }

  @Test
  void sendReadsStandardInput() {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(PAYLOAD.getBytes(StandardCharsets.UTF_8)));
    int exitCode;
    try {
      exitCode = run("--url", url(), "--secret", "s", "-");
    } finally {
      System.setIn(original);
    }

    assertThat(exitCode).isZero();
    assertThat(received).hasSize(1);
    assertThat(received.get(0).body()).isEqualTo(PAYLOAD.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void sendReportsRejectedStatus() throws IOException {
    status = 401;
    Path file = Files.writeString(directory.resolve("alert.json"), PAYLOAD);

    int exitCode = run("--url", url(), file.toString());

    assertThat(exitCode).isEqualTo(SendCommand.EXIT_REJECTED);
    assertThat(out.toString()).startsWith("HTTP 401");
  }

  @Test
  void sendFailsOnMissingFile() {
    int exitCode = run("--url", url(), directory.resolve("absent.json").toString());

    assertThat(exitCode).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("Could not read the payload");
    assertThat(received).isEmpty();
  }

  @Test
  void sendFailsWithoutServer() throws IOException {
    Path file = Files.writeString(directory.resolve("alert.json"), PAYLOAD);
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }

    int exitCode = run("--url", "http://127.0.0.1:" + closedPort + "/", file.toString());

    assertThat(exitCode).isEqualTo(SendCommand.EXIT_FAILED);
    assertThat(err.toString()).contains("failed");
  }

  @Test
  void sendRejectsEmptySecret() throws IOException {
    Path file = Files.writeString(directory.resolve("alert.json"), PAYLOAD);

    int exitCode = run("--url", url(), "--secret", "", file.toString());

    assertThat(exitCode).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("secret is empty");
    assertThat(received).isEmpty();
  }

  @Test
  void sendRejectsUrlWithoutHttp() throws IOException {
    Path file = Files.writeString(directory.resolve("alert.json"), PAYLOAD);

    int exitCode = run("--url", "ftp://127.0.0.1/x", file.toString());

    assertThat(exitCode).isEqualTo(SendCommand.EXIT_USAGE);
    assertThat(err.toString()).contains("Invalid --url");
  }

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new SendCommand());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/webhooks/generic";
  }

  private record Received(
      String method, String contentType, List<String> signatures, byte[] body) {}
}
