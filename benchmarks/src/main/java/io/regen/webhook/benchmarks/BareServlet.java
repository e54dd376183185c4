package io.regen.webhook.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline of the load test: Jetty 12 with the receiver's connector settings and one servlet
 * that reads the whole request body, discards it and returns 202. Whatever the receiver does
 * beyond this is the library's cost.
 *
 * <p>By default the 202 has no body. Given a response size, the servlet responds with a JSON body
 * of exactly that many bytes instead, so that the cost of the receiver's response body can be
 * measured apart from the handler's work.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.regen.webhook.benchmarks.BareServlet PORT
 * [RESPONSE_BYTES]}; it listens on 127.0.0.1 only and runs until it is killed.
 */
public final class BareServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final String JSON_START = "{\"padding\":\"";
  private static final String JSON_END = "\"}";

  /** The response body, empty for none. */
  private final byte[] responseBody;

  private BareServlet(byte[] responseBody) {
    this.responseBody = responseBody;
  }

  /** Reads and discards the body, then returns 202. */
  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    byte[] buffer = new byte[8192];
    try (InputStream in = request.getInputStream()) {
      while (in.read(buffer) >= 0) {
        // The body is read only so that its cost is part of the baseline.
      }
    }
    response.setStatus(202);
    response.setContentLength(responseBody.length);
    if (responseBody.length > 0) {
      response.setContentType("application/json");
      response.getOutputStream().write(responseBody);
    }
  }

  /** Returns a JSON object of exactly {@code size} bytes, or no bytes for a size of 0. */
  static byte[] jsonBody(int size) {
    if (size == 0) {
      return new byte[0];
    }
    int padding = size - JSON_START.length() - JSON_END.length();
    if (padding < 0) {
      throw new IllegalArgumentException(
          "A response body must be 0 or at least "
              + (JSON_START.length() + JSON_END.length())
              + " bytes, not "
              + size);
    }
    return (JSON_START + "x".repeat(padding) + JSON_END).getBytes(StandardCharsets.US_ASCII);
  }

  /** Starts the server on 127.0.0.1, the port and the response size given as arguments. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1 || args.length > 2) {
      System.err.println("usage: BareServlet PORT [RESPONSE_BYTES]");
      System.exit(2);
    }
    byte[] responseBody = jsonBody(args.length == 2 ? Integer.parseInt(args[1]) : 0);
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("bare-http");
    Server server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(Integer.parseInt(args[0]));
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    context.addServlet(new ServletHolder("bare", new BareServlet(responseBody)), "/*");
    server.setHandler(context);
    server.start();
    System.out.println(
        "Bare servlet listening on 127.0.0.1:"
            + connector.getLocalPort()
            + ", answering with "
            + responseBody.length
            + " body bytes");
    server.join();
  }
}
