package io.regen.webhook.benchmarks;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The baseline of the load test: Jetty 12 with the receiver's connector settings and one servlet
 * that reads the whole request body, discards it and returns 202 without a body. Whatever the
 * receiver does beyond this is the library's cost.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.regen.webhook.benchmarks.BareServlet PORT}; it
 * listens on 127.0.0.1 only and runs until it is killed.
 */
public final class BareServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

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
    response.setContentLength(0);
  }

  /** Starts the server on 127.0.0.1 and the port given as the only argument. */
  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: BareServlet PORT");
      System.exit(2);
    }
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
    context.addServlet(new ServletHolder("bare", new BareServlet()), "/*");
    server.setHandler(context);
    server.start();
    System.out.println("Bare servlet listening on 127.0.0.1:" + connector.getLocalPort());
    server.join();
  }
}
