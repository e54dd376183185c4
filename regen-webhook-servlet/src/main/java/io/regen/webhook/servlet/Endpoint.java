package io.regen.webhook.servlet;

import io.regen.webhook.WebhookHandler;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.Optional;

/**
 * The two paths the servlet serves, and how a request path is matched against them.
 *
 * <p>The base of an endpoint is the part of the path that the servlet mapping fixes: the servlet
 * path of a path mapping such as {@code /hooks/*} or of an exact mapping, and the context root for
 * the default mapping {@code /}. A request matches an endpoint when its path within the context is
 * the base followed by the endpoint path, or ends with the endpoint path inside the base (an exact
 * mapping or a mapping such as {@code /hooks/api/v1/webhooks/generic/*}). The remainder beyond the
 * base never contains a prefix of its own, so {@code /hooks/x/api/v1/webhooks/generic} does not
 * match under {@code /hooks/*}.
 */
enum Endpoint {
  /** {@link WebhookHandler#WEBHOOK_PATH}, handled by {@link WebhookHandler#handle}. */
  WEBHOOK(WebhookHandler.WEBHOOK_PATH),

  /** {@link WebhookHandler#SCHEMA_PATH}, handled by {@link WebhookHandler#handleSchema}. */
  SCHEMA(WebhookHandler.SCHEMA_PATH);

  private final String path;

  Endpoint(String path) {
    this.path = path;
  }

  /** Every endpoint, so that a lookup does not copy the array that {@link #values()} returns. */
  private static final Endpoint[] ALL = values();

  /** Finds the endpoint that a request addresses, from its servlet path, path info and mapping. */
  static Optional<Endpoint> of(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    // The default mapping leaves no path info, and it changes the result only for a servlet path
    // longer than the endpoint path. Only then is the mapping looked up, because a container may
    // build a new mapping object on each call, as Jetty 12 does for a mapping such as /hooks/*.
    boolean mayBeDefault = pathInfo == null && !isEndpointPath(servletPath);
    return of(servletPath, pathInfo, mayBeDefault && isDefaultMapping(request));
  }

  /**
   * Finds the endpoint for a servlet path and path info as the container decoded them.
   *
   * @param servletPath the servlet path, empty for a {@code /*} mapping
   * @param pathInfo the path info, or {@code null} when the mapping left none
   * @param defaultMapping whether the request matched the default mapping {@code /}, whose servlet
   *     path is the whole path within the context
   */
  static Optional<Endpoint> of(String servletPath, String pathInfo, boolean defaultMapping) {
    String path = pathInfo == null ? servletPath : servletPath + pathInfo;
    int baseLength = defaultMapping ? 0 : servletPath.length();
    for (Endpoint endpoint : ALL) {
      int prefixLength = path.length() - endpoint.path.length();
      if (path.endsWith(endpoint.path) && prefixLength <= baseLength) {
        return Optional.of(endpoint);
      }
    }
    return Optional.empty();
  }

  private static boolean isEndpointPath(String path) {
    for (Endpoint endpoint : ALL) {
      if (endpoint.path.equals(path)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDefaultMapping(HttpServletRequest request) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    return mapping != null && mapping.getMappingMatch() == MappingMatch.DEFAULT;
  }
}
