package io.regen.webhook.servlet;

import io.regen.webhook.WebhookHandler;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;

/** Runs the servlet suite on embedded Tomcat 11. */
class TomcatWebhookServletTest extends WebhookServletSuite {
  private Tomcat tomcat;
  private Path baseDirectory;

  @Override
  int startContainer(
      ServletContainerInitializer initializer,
      WebhookHandler rootHandler,
      ServletContainerInitializer otherInitializer)
      throws Exception {
    baseDirectory = Files.createTempDirectory("regen-webhook-tomcat");
    tomcat = new Tomcat();
    tomcat.setBaseDir(baseDirectory.toString());
    Connector connector = new Connector();
    connector.setProperty("address", "127.0.0.1");
    connector.setPort(0);
    tomcat.setConnector(connector);

    StandardContext context = addContext(CONTEXT_PATH, initializer);
    Tomcat.addServlet(context, "root", new RegenWebhookServlet(rootHandler));
    context.addServletMapping("/*", "root");
    addContext(OTHER_CONTEXT_PATH, otherInitializer);

    tomcat.start();
    return connector.getLocalPort();
  }

  private StandardContext addContext(String path, ServletContainerInitializer initializer) {
    StandardContext context = (StandardContext) tomcat.addContext(path, baseDirectory.toString());
    // Leak detection on stop needs JDK internals opened; the tests load no web application.
    context.setClearReferencesThreadLocals(false);
    context.setClearReferencesRmiTargets(false);
    context.addServletContainerInitializer(initializer, null);
    return context;
  }

  @Override
  void stopContainer() throws Exception {
    tomcat.stop();
    tomcat.destroy();
    try (Stream<Path> paths = Files.walk(baseDirectory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(TomcatWebhookServletTest::delete);
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
