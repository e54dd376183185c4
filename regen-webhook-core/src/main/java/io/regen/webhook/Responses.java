package io.regen.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes response bodies: RFC 9457 problem details for errors and the {@code results} document
 * for accepted requests. Thread-safe.
 */
final class Responses {

  static final String PROBLEM_JSON = "application/problem+json";

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();
  private static final byte[] EMPTY = new byte[0];

  private Responses() {}

  /** Returns a problem response with {@code type} {@code about:blank} and the status's title. */
  static WebhookResponse problem(int status, String detail) {
    return problem(status, detail, List.of(), Map.of());
  }

  /** Returns a problem response with field errors and extra headers. */
  static WebhookResponse problem(
      int status, String detail, List<FieldError> errors, Map<String, String> headers) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", title(status));
    body.put("status", status);
    body.put("detail", detail);
    if (!errors.isEmpty()) {
      body.set("errors", errorsNode(errors));
    }
    Map<String, String> allHeaders = new HashMap<>(headers);
    allHeaders.put("Content-Type", PROBLEM_JSON);
    return new WebhookResponse(status, allHeaders, write(body));
  }

  /**
   * Returns a 202 or 207 response that lists one result per event. The body is streamed, not built
   * as a tree first, because it grows with every alert of the request.
   */
  static WebhookResponse results(int status, List<EventResult> results) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 200 * results.size());
    try (JsonGenerator json = MAPPER.createGenerator(out)) {
      json.writeStartObject();
      json.writeArrayFieldStart("results");
      for (EventResult result : results) {
        writeResult(json, result);
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("a response body could not be written", e);
    }
    return new WebhookResponse(
        status, Map.of("Content-Type", ContentTypes.JSON), out.toByteArray());
  }

  private static void writeResult(JsonGenerator json, EventResult result) throws IOException {
    json.writeStartObject();
    json.writeNumberField("index", result.index());
    writeIfPresent(json, "external_id", result.externalId());
    writeIfPresent(json, "dedup_key", result.dedupKey());
    json.writeStringField("outcome", result.outcome().wireName());
    writeIfPresent(json, "alert_id", result.alertId());
    writeIfPresent(json, "incident_id", result.incidentId());
    if (!result.errors().isEmpty()) {
      json.writeArrayFieldStart("errors");
      for (FieldError error : result.errors()) {
        json.writeStartObject();
        json.writeStringField("pointer", error.pointer());
        json.writeStringField("message", error.message());
        json.writeEndObject();
      }
      json.writeEndArray();
    }
    json.writeEndObject();
  }

  private static void writeIfPresent(JsonGenerator json, String name, String value)
      throws IOException {
    if (value != null) {
      json.writeStringField(name, value);
    }
  }

  /** Returns a response without a body. */
  static WebhookResponse empty(int status, Map<String, String> headers) {
    return new WebhookResponse(status, headers, EMPTY);
  }

  private static ArrayNode errorsNode(List<FieldError> errors) {
    ArrayNode array = MAPPER.createArrayNode();
    for (FieldError error : errors) {
      array.addObject().put("pointer", error.pointer()).put("message", error.message());
    }
    return array;
  }

  private static byte[] write(ObjectNode body) {
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a response body could not be written", e);
    }
  }

  private static String title(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 405:
        return "Method Not Allowed";
      case 413:
        return "Content Too Large";
      case 415:
        return "Unsupported Media Type";
      case 500:
        return "Internal Server Error";
      case 503:
        return "Service Unavailable";
      default:
        return "HTTP " + status;
    }
  }
}
