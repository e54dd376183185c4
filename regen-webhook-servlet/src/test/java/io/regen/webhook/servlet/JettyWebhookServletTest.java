package io.regen.webhook.servlet;

import io.regen.webhook.WebhookHandler;
import jakarta.servlet.ServletContainerInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Runs the servlet suite on embedded Jetty 12 (ee10). */
class JettyWebhookServletTest extends WebhookServletSuite {
  private Server server;

  @Override
  int startContainer(
      ServletContainerInitializer initializer,
      WebhookHandler rootHandler,
      ServletContainerInitializer otherInitializer)
      throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler(CONTEXT_PATH);
    context.addServletContainerInitializer(initializer);
    context.addServlet(new ServletHolder(new RegenWebhookServlet(rootHandler)), "/*");
    ServletContextHandler otherContext = new ServletContextHandler(OTHER_CONTEXT_PATH);
    otherContext.addServletContainerInitializer(otherInitializer);
    server.setHandler(new ContextHandlerCollection(context, otherContext));

    server.start();
    return connector.getLocalPort();
  }

  @Override
  void stopContainer() throws Exception {
    server.stop();
  }
}
