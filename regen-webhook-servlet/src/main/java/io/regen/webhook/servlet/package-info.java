/**
 * Jakarta Servlet 6 binding of the generic webhook: {@link
 * io.regen.webhook.servlet.RegenWebhookServlet} passes requests to a {@link
 * io.regen.webhook.WebhookHandler} and writes its responses back unchanged.
 *
 * <p>Each snippet below serves the webhook at {@code /hooks/api/v1/webhooks/generic} and its
 * schema at {@code /hooks/api/v1/webhooks/generic/schema}, with a handler such as this one:
 *
 * <pre>{@code
 * WebhookHandler handler =
 *     WebhookHandler.builder(WebhookConfig.defaults()).store(new InMemoryAlertStore()).build();
 * }</pre>
 *
 * <p>Embedded Jetty 12 (ee10):
 *
 * <pre>{@code
 * Server server = new Server(8080);
 * ServletContextHandler context = new ServletContextHandler("/");
 * context.addServlet(new ServletHolder(new RegenWebhookServlet(handler)), "/hooks/*");
 * server.setHandler(context);
 * server.start();
 * }</pre>
 *
 * <p>Embedded Tomcat 11:
 *
 * <pre>{@code
 * Tomcat tomcat = new Tomcat();
 * tomcat.setPort(8080);
 * tomcat.getConnector();
 * Context context = tomcat.addContext("", null);
 * Tomcat.addServlet(context, "regen-webhook", new RegenWebhookServlet(handler));
 * context.addServletMapping("/hooks/*", "regen-webhook");
 * tomcat.start();
 * }</pre>
 *
 * <p>Spring Boot 3, as a bean in a {@code @Configuration} class:
 *
 * <pre>{@code
 * @Bean
 * ServletRegistrationBean<RegenWebhookServlet> regenWebhook(WebhookHandler handler) {
 *   return new ServletRegistrationBean<>(new RegenWebhookServlet(handler), "/hooks/*");
 * }
 * }</pre>
 *
 * <p>In any container, a {@link jakarta.servlet.ServletContainerInitializer} or a {@code
 * web.xml}-declared context listener can call {@link
 * io.regen.webhook.servlet.RegenWebhookServlet#register} instead. A filter in front of the
 * servlet must not read the request body, its parameters or its reader, because the signature
 * covers the raw body bytes.
 *
 * <p>Parameters and return values are non-null unless their documentation says otherwise.
 */
package io.regen.webhook.servlet;
