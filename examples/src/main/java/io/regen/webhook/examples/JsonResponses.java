package io.regen.webhook.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes JSON bodies and RFC 9457 problem details to servlet responses. */
final class JsonResponses {

  static final String JSON = "application/json";
  static final String PROBLEM_JSON = "application/problem+json";

  private final JsonViews views;

  JsonResponses(JsonViews views) {
    this.views = views;
  }

  /** Writes a 200 response with a JSON body. */
  void ok(HttpServletResponse response, JsonNode body) throws IOException {
    write(response, HttpServletResponse.SC_OK, JSON, views.toBytes(body));
  }

  /**
   * Writes problem details: {@code type} is {@code about:blank}, {@code title} the standard
   * phrase of the status, and {@code detail} the given explanation.
   */
  void problem(HttpServletResponse response, int status, String detail) throws IOException {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("type", "about:blank");
    fields.put("title", title(status));
    ObjectNode body = views.fields(fields);
    body.put("status", status);
    body.put("detail", detail);
    write(response, status, PROBLEM_JSON, views.toBytes(body));
  }

  /** Shortens a value taken from a request so that an error message never echoes long input. */
  static String quote(String value) {
    int maxLength = 64;
    if (value.codePointCount(0, value.length()) <= maxLength) {
      return "'" + value + "'";
    }
    return "'" + value.substring(0, value.offsetByCodePoints(0, maxLength)) + "...'";
  }

  private static void write(HttpServletResponse response, int status, String type, byte[] body)
      throws IOException {
    response.setStatus(status);
    response.setContentType(type);
    response.setHeader("Cache-Control", "no-store");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  private static String title(int status) {
    return switch (status) {
      case HttpServletResponse.SC_BAD_REQUEST -> "Bad Request";
      case HttpServletResponse.SC_NOT_FOUND -> "Not Found";
      case HttpServletResponse.SC_METHOD_NOT_ALLOWED -> "Method Not Allowed";
      case HttpServletResponse.SC_SERVICE_UNAVAILABLE -> "Service Unavailable";
      default -> "Internal Server Error";
    };
  }
}
