package io.regen.webhook.servlet;

import io.regen.webhook.WebhookHandler;
import io.regen.webhook.WebhookRequest;
import io.regen.webhook.WebhookResponse;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Servlet that binds a {@link WebhookHandler} to a Jakarta Servlet 6 container.
 *
 * <p>It serves {@code POST {base}/api/v1/webhooks/generic} and {@code GET
 * {base}/api/v1/webhooks/generic/schema}, where the base is the context path plus the part of the
 * path that the servlet mapping fixes: with the mapping {@code /hooks/*}, the webhook is {@code
 * /hooks/api/v1/webhooks/generic}. Every other path below the mapping gets 404 with problem
 * details. Every method of a served path reaches the handler, which returns 405 with {@code
 * Allow} itself.
 *
 * <p>The servlet hands the handler the method, every value of every header and the raw body
 * stream from {@link HttpServletRequest#getInputStream()}. It never reads the body as characters
 * or as form parameters, so the bytes that a signature covers reach the handler unchanged. When
 * the container hides a declared {@code Content-Length} from the header list, the servlet adds it
 * from {@link HttpServletRequest#getContentLengthLong()} so that the handler can reject an
 * oversized body before reading it.
 *
 * <p>The handler's status, headers and body are written unchanged with {@code setStatus}, never
 * {@code sendError}, so no container error page replaces them. The servlet sets {@code
 * Content-Length} to the body's length, except on 204 and 304 and on a HEAD response for which the
 * handler returned no body. The handler does not throw for any request input, but the body stream
 * is unavailable when a filter has read the body as characters. In that case, and if the handler
 * throws all the same, the servlet logs the exception and returns 500 with problem details that
 * contain no internals.
 *
 * <p>Thread-safe: one instance serves concurrent requests. See the package documentation for
 * set-ups on Jetty, Tomcat and Spring Boot.
 */
public final class RegenWebhookServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final Logger LOG = LoggerFactory.getLogger(RegenWebhookServlet.class);

  private static final String PROBLEM_JSON = "application/problem+json";

  private static final String CONTENT_LENGTH = "content-length";

  private static final WebhookResponse NOT_FOUND =
      problem(
          404,
          "Not Found",
          "no webhook endpoint at this path; the webhook is at "
              + WebhookHandler.WEBHOOK_PATH
              + " and its schema at "
              + WebhookHandler.SCHEMA_PATH
              + " below the servlet mapping");

  private static final WebhookResponse INTERNAL_ERROR =
      problem(
          500,
          "Internal Server Error",
          "the request could not be processed because of an error");

  /** Transient because handlers are not serializable, so a deserialized servlet has none. */
  private final transient WebhookHandler handler;

  /**
   * Creates a servlet that passes every request on a served path to the handler.
   *
   * @param handler the handler of the requests, shared by all threads that serve them
   */
  public RegenWebhookServlet(WebhookHandler handler) {
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  /**
   * Registers a servlet for the handler with the context, under one URL pattern.
   *
   * <p>Call it while the context initializes, for example from a {@link
   * jakarta.servlet.ServletContainerInitializer}, as the Servlet specification requires for
   * {@link ServletContext#addServlet}. The servlet is named after the mapping, so a host may
   * register one endpoint per sender under different mappings.
   *
   * @param context the context being initialized
   * @param mapping a URL pattern, such as {@code /hooks/*}
   * @param handler the handler of the requests
   * @return the registration, for further settings such as the load-on-startup order
   * @throws IllegalStateException if a servlet of that name exists, or the pattern is mapped to
   *     another servlet already
   */
  public static ServletRegistration.Dynamic register(
      ServletContext context, String mapping, WebhookHandler handler) {
    Objects.requireNonNull(mapping, "mapping");
    String name = "regen-webhook " + mapping;
    ServletRegistration.Dynamic registration =
        context.addServlet(name, new RegenWebhookServlet(handler));
    if (registration == null) {
      throw new IllegalStateException(
          "A servlet named '" + name + "' is registered already; use another mapping");
    }
    Set<String> conflicts = registration.addMapping(mapping);
    if (!conflicts.isEmpty()) {
      throw new IllegalStateException(
          "URL pattern " + mapping + " is mapped to another servlet already; use another mapping");
    }
    return registration;
  }

  /** Passes a request of any method to the handler and writes its response back unchanged. */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<Endpoint> endpoint = Endpoint.of(request);
    if (endpoint.isEmpty()) {
      write(NOT_FOUND, false, response);
      return;
    }

    WebhookResponse webhookResponse;
    try {
      // getInputStream throws IllegalStateException when a filter has called getReader already.
      WebhookRequest webhookRequest =
          new WebhookRequest(request.getMethod(), headers(request), request.getInputStream());
      webhookResponse =
          endpoint.get() == Endpoint.SCHEMA
              ? handler.handleSchema(webhookRequest)
              : handler.handle(webhookRequest);
    } catch (RuntimeException e) {
      LOG.error(
          "Webhook request failed unexpectedly: {} {}",
          request.getMethod(),
          request.getRequestURI(),
          e);
      webhookResponse = INTERNAL_ERROR;
    }
    write(webhookResponse, request.getMethod().equals("HEAD"), response);
  }

  /**
   * Collects every value of every header under its lower-case name, which is how {@link
   * WebhookRequest} stores names, and adds the declared content length when the container keeps it
   * out of the header list. A header that arrives once, as most do, gets an immutable one-element
   * list.
   */
  private static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new HashMap<>();
    Enumeration<String> names = request.getHeaderNames();
    if (names != null) {
      while (names.hasMoreElements()) {
        String name = names.nextElement().toLowerCase(Locale.ROOT);
        // getHeaders matches the name case-insensitively, so a name that the container lists
        // twice in different cases has all its values already.
        if (!headers.containsKey(name)) {
          headers.put(name, values(request.getHeaders(name)));
        }
      }
    }
    long contentLength = request.getContentLengthLong();
    if (contentLength >= 0 && !headers.containsKey(CONTENT_LENGTH)) {
      headers.put(CONTENT_LENGTH, List.of(Long.toString(contentLength)));
    }
    return headers;
  }

  private static List<String> values(Enumeration<String> values) {
    if (values == null || !values.hasMoreElements()) {
      return List.of();
    }
    String first = values.nextElement();
    if (!values.hasMoreElements()) {
      return List.of(first);
    }
    List<String> all = new ArrayList<>();
    all.add(first);
    while (values.hasMoreElements()) {
      all.add(values.nextElement());
    }
    return all;
  }

  /**
   * Writes the response and flushes it, so that the client has the whole response even while the
   * container goes on to drain or discard a body that the handler left unread.
   */
  private static void write(
      WebhookResponse webhookResponse, boolean head, HttpServletResponse response)
      throws IOException {
    int status = webhookResponse.status();
    byte[] body = webhookResponse.body();
    response.setStatus(status);
    webhookResponse.headers().forEach(response::setHeader);
    // A HEAD response without a body leaves the length to the container, because a length of 0
    // would claim that GET returns an empty body.
    if (mayHaveBody(status) && !(head && body.length == 0)) {
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
    response.flushBuffer();
  }

  /** Returns whether HTTP allows a body, and so a content length, with this status. */
  private static boolean mayHaveBody(int status) {
    return status >= 200 && status != 204 && status != 304;
  }

  private static WebhookResponse problem(int status, String title, String detail) {
    String json =
        "{\"type\":\"about:blank\",\"title\":\""
            + title
            + "\",\"status\":"
            + status
            + ",\"detail\":\""
            + detail
            + "\"}";
    return new WebhookResponse(
        status, Map.of("Content-Type", PROBLEM_JSON), json.getBytes(StandardCharsets.UTF_8));
  }
}
