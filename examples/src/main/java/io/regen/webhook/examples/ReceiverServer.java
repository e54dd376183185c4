package io.regen.webhook.examples;

import io.regen.webhook.WebhookHandler;
import io.regen.webhook.servlet.RegenWebhookServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.servlet.ServletMapping;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The embedded Jetty server of the receiver: the webhook servlet, the query API and the health
 * check in one servlet context at {@code /}.
 *
 * <p>A stop is graceful: the connector stops accepting, requests in progress get up to the stop
 * timeout to finish, and only then are remaining connections closed.
 */
final class ReceiverServer {

  private final Server server;
  private final ServerConnector connector;
  private final GracefulHandler graceful;

  ReceiverServer(ReceiverSettings settings, WebhookHandler handler, QueryApiServlet queryApi) {
    // Jetty's default pool of up to 200 threads is kept although the in-memory store runs one
    // unit of work at a time. The servlets read bodies with blocking I/O, so a few slow senders
    // would hold every thread of a pool sized to the cores, and a JDBC store waits on the database.
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("regen-http");
    server = new Server(threads);
    server.setStopTimeout(settings.stopTimeout().toMillis());
    server.setStopAtShutdown(false);

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    connector = new ServerConnector(server, new HttpConnectionFactory(http));
    connector.setHost(settings.bindAddress());
    connector.setPort(settings.port());
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    addServlet(
        context,
        new ServletHolder("regen-webhook", new RegenWebhookServlet(handler)),
        WebhookHandler.WEBHOOK_PATH,
        WebhookHandler.SCHEMA_PATH);
    // The query API also takes the default mapping "/", so that unknown paths get problem details.
    addServlet(
        context,
        new ServletHolder("query-api", queryApi),
        QueryApiServlet.ALERTS_PATH + "/*",
        QueryApiServlet.INCIDENTS_PATH + "/*",
        QueryApiServlet.HEALTH_PATH,
        "/");

    // GracefulHandler counts the requests in progress, which a graceful stop waits for and
    // requestsInProgress() reports. So no StatisticsHandler is added, which would count each
    // request a second time.
    graceful = new GracefulHandler();
    graceful.setHandler(context);
    server.setHandler(graceful);
  }

  private static void addServlet(
      ServletContextHandler context, ServletHolder holder, String... pathSpecs) {
    context.getServletHandler().addServlet(holder);
    ServletMapping mapping = new ServletMapping();
    mapping.setServletName(holder.getName());
    mapping.setPathSpecs(pathSpecs);
    context.getServletHandler().addServletMapping(mapping);
  }

  /** Starts listening; throws when the address cannot be bound. */
  void start() throws Exception {
    server.start();
  }

  /** Returns the local port, which differs from the configured one when that was 0. */
  int port() {
    return connector.getLocalPort();
  }

  /** Returns the number of requests that have arrived and not yet completed. */
  long requestsInProgress() {
    return graceful.getCurrentRequestCount();
  }

  /** Stops gracefully within the stop timeout; blocks until the server stopped. */
  void stop() throws Exception {
    server.stop();
  }

  /** Blocks until the server stopped. */
  void join() throws InterruptedException {
    server.join();
  }
}
