package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.WebhookConfig;
import io.regen.webhook.WebhookHandler;
import io.regen.webhook.memory.InMemoryAlertStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class ReceiverServerTest {

  private static final byte[] BODY =
      "{\"alerts\":[{\"title\":\"CPU high\",\"external_id\":\"cpu-1\"}]}"
          .getBytes(StandardCharsets.UTF_8);

  @Test
  @Timeout(60)
  void stopLetsRequestInProgressFinish() throws Exception {
    InMemoryAlertStore store = new InMemoryAlertStore();
    ReceiverServer server = startServer(store);
    int port = server.port();

    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      OutputStream out = socket.getOutputStream();
      String head =
          "POST /api/v1/webhooks/generic HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Content-Type: application/json\r\nContent-Length: " + BODY.length + "\r\n\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      out.write(BODY, 0, 10);
      out.flush();
      awaitRequestInProgress(server);

      CompletableFuture<Void> stop =
          CompletableFuture.runAsync(
              () -> {
                try {
                  server.stop();
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      awaitConnectionsRefused(port);
      assertThat(stop).isNotDone();

      out.write(BODY, 10, BODY.length - 10);
      out.flush();
      String response = readResponse(socket.getInputStream());

      assertThat(response).startsWith("HTTP/1.1 202");
      assertThat(response).contains("\"outcome\":\"created\"");
      stop.get(30, TimeUnit.SECONDS);
    }
    assertThat(store.findOpenAlert("cpu-1")).isPresent();
  }

  private static ReceiverServer startServer(InMemoryAlertStore store) throws Exception {
    WebhookConfig config = WebhookConfig.defaults();
    WebhookHandler handler =
        WebhookHandler.builder(config)
            .store(store)
            .build();
    ReceiverSettings settings =
        new ReceiverSettings(
            "127.0.0.1", 0, List.of(), true, JdbcUrls.DEFAULT_URL, null, null, Duration.ZERO,
            Duration.ofSeconds(30));
    QueryApiServlet queryApi = new QueryApiServlet(store, new JsonViews(new ObjectMapper()));
    ReceiverServer server = new ReceiverServer(settings, handler, queryApi);
    server.start();
    return server;
  }

  private static void awaitRequestInProgress(ReceiverServer server) throws InterruptedException {
    while (server.requestsInProgress() == 0) {
      Thread.sleep(10);
    }
  }

  /** Waits until the connector is closed, which is the first step of a graceful stop. */
  private static void awaitConnectionsRefused(int port) throws InterruptedException {
    while (true) {
      try {
        new Socket(InetAddress.getLoopbackAddress(), port).close();
      } catch (ConnectException e) {
        return;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      Thread.sleep(20);
    }
  }

  /** Reads the response up to the end of its body, as declared by Content-Length. */
  private static String readResponse(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    int contentLength = -1;
    int bodyStart = -1;
    while (bodyStart < 0 || text.length() < bodyStart + contentLength) {
      int next = in.read();
      if (next < 0) {
        break;
      }
      text.append((char) next);
      if (bodyStart < 0 && text.toString().endsWith("\r\n\r\n")) {
        bodyStart = text.length();
        contentLength = contentLength(text.toString());
      }
    }
    return text.toString();
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        return Integer.parseInt(line.substring("content-length:".length()).strip());
      }
    }
    return 0;
  }
}
