package io.regen.webhook.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.WebhookConfig;
import io.regen.webhook.RetentionPurger;
import io.regen.webhook.WebhookHandler;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the receiver: opens the store, starts Jetty, logs how to reach it and blocks until a
 * shutdown hook has stopped it.
 *
 * <p>On SIGINT or SIGTERM the hook stops Jetty gracefully, so requests in progress finish within
 * the stop timeout, and then closes the store's connection pool.
 */
final class ExampleReceiver {

  private static final Logger LOG = LoggerFactory.getLogger(ExampleReceiver.class);

  private ExampleReceiver() {}

  /**
   * Starts the receiver and waits until it stops.
   *
   * @return the exit code: 0 after a stop, 1 when the store or the server could not start
   */
  static int run(ReceiverSettings settings) throws InterruptedException {
    Storage storage;
    try {
      storage = Storage.open(settings);
    } catch (RuntimeException e) {
      LOG.error(
          "Could not open the store at {}: {}. Check --jdbc-url, --jdbc-user and --jdbc-password,"
              + " or use --memory",
          JdbcUrls.redact(settings.jdbcUrl()),
          redact(withRootCause(e), settings));
      return 1;
    }

    WebhookConfig config =
        WebhookConfig.builder()
            .secrets(settings.secrets())
            .reopenWindow(settings.reopenWindow())
            .build();
    QueryApiServlet queryApi =
        new QueryApiServlet(storage.store(), new JsonViews(new ObjectMapper()));
    ReceiverServer server = new ReceiverServer(settings, handler(config, storage), queryApi);
    try {
      server.start();
    } catch (Exception e) {
      LOG.error(
          "Could not listen on {}:{}: {}. Choose another --port or --bind address",
          settings.bindAddress(),
          settings.port(),
          withRootCause(e));
      stopQuietly(server);
      storage.close();
      return 1;
    }

    ScheduledExecutorService purger = startPurger(storage, config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> shutdown(server, purger, storage, settings.stopTimeout()),
                "regen-webhook-shutdown"));
    StartupBanner.log(settings, storage, server.port());
    server.join();
    return 0;
  }

  /** Builds the webhook handler with the default incident linker and a notifier that logs. */
  private static WebhookHandler handler(WebhookConfig config, Storage storage) {
    return WebhookHandler.builder(config)
        .store(storage.store())
        .notifier(new LoggingNotifier())
        .build();
  }

  /**
   * Deletes expired remembered resolves every ten minutes. They only serve to recognise late
   * events, so without the purge the store would keep one for every unmatched resolve.
   */
  private static ScheduledExecutorService startPurger(Storage storage, WebhookConfig config) {
    RetentionPurger retention = new RetentionPurger(storage.store(), config);
    ScheduledExecutorService purger =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "regen-webhook-purge");
              thread.setDaemon(true);
              return thread;
            });
    purger.scheduleWithFixedDelay(() -> purge(retention), 1, 10, TimeUnit.MINUTES);
    return purger;
  }

  private static void purge(RetentionPurger retention) {
    try {
      int deleted = retention.purgeExpiredResolves();
      if (deleted > 0) {
        LOG.info("Purged {} expired remembered resolves", deleted);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Purging expired remembered resolves failed; retrying in 10 minutes: {}", e.toString());
    }
  }

  private static void shutdown(
      ReceiverServer server, ScheduledExecutorService purger, Storage storage, Duration timeout) {
    long inProgress = server.requestsInProgress();
    LOG.info(
        "Stopping: waiting up to {} ms for {} {} in progress",
        timeout.toMillis(),
        inProgress,
        inProgress == 1 ? "request" : "requests");
    purger.shutdownNow();
    stopQuietly(server);
    storage.close();
    LOG.info("Receiver stopped");
  }

  // Drivers and the pool may quote the JDBC URL, and with it a password, in their messages.
  private static String redact(String message, ReceiverSettings settings) {
    String redacted = JdbcUrls.redact(message);
    String password = settings.jdbcPassword();
    return password == null || password.isEmpty() ? redacted : redacted.replace(password, "***");
  }

  /** Returns the exception's text, followed by the message of its root cause when it has one. */
  private static String withRootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == error ? error.toString() : error + " (" + root.getMessage() + ")";
  }

  private static void stopQuietly(ReceiverServer server) {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("Stopping the HTTP server failed: {}", e.toString());
    }
  }
}
