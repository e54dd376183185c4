package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.FieldError;
import io.regen.webhook.Severity;
import io.regen.webhook.WebhookConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.everit.json.schema.ValidationException;

/**
 * Validates each alert of a parsed body and binds the valid ones to {@link AlertEvent}s.
 *
 * <p>The body must be an object whose {@code alerts} is an array of 1 to {@code maxAlerts}
 * elements; otherwise the whole request is rejected. Each alert is then checked on its own
 * against the alert schema and against the rules the schema cannot state (forbidden characters in
 * any key or string at any depth, the size of the annotations), and every error is reported with
 * a JSON Pointer such as {@code /alerts/1/severity}.
 *
 * <p>Each alert is first checked by {@link AlertValidator}, which reads its values in the same pass.
 * Only an alert that it rejects is copied into org.json and validated with everit, and the errors
 * of that validation are reported.
 *
 * <p>Binding rules. {@code null} fields and {@code null} label values count as absent. Label
 * numbers and booleans keep their JSON text, so {@code 1.50} stays {@code "1.50"} and {@code true}
 * stays {@code "true"}. Annotations are kept as compact JSON text. {@code status} defaults to
 * {@code firing}, while severity stays {@code null} when absent, because its default applies only
 * when an alert is created. The dedup key is {@code external_id} when given, otherwise the {@link
 * DedupKeys derived key} when derivation is on, otherwise {@code null}. Thread-safe.
 *
 * <p>Numbers keep the literal text the sender wrote, exponent and sign of zero included: {@code
 * 1e5} stays {@code "1e5"} and {@code -0} stays {@code "-0"}, in labels and in the annotations text
 * alike.
 */
public final class AlertBinder {

  private final WebhookConfig config;
  private final WebhookSchema schema;
  private final ObjectMapper mapper;
  private final AlertValidator validator;

  /** Creates a binder; {@code mapper} writes the compact annotations text. */
  public AlertBinder(WebhookConfig config, WebhookSchema schema, ObjectMapper mapper) {
    this(config, schema, mapper, true);
  }

  /**
   * Creates a binder that checks each alert with {@link AlertValidator} first when {@code
   * fastPath} is true, or always with the schema validator, so that tests can compare both.
   */
  AlertBinder(WebhookConfig config, WebhookSchema schema, ObjectMapper mapper, boolean fastPath) {
    this.config = config;
    this.schema = schema;
    this.mapper = mapper;
    this.validator =
        fastPath ? new AlertValidator(schema, config.maxAnnotationsBytes()) : null;
  }

  /**
   * Validates and binds every alert of a body.
   *
   * @param root the parsed body
   * @param receivedAt the time of receipt, shared by every event of the request
   */
  public BindResult bind(JsonNode root, Instant receivedAt) {
    if (!root.isObject()) {
      return BindResult.requestError(
          new FieldError("", "body must be a JSON object with an \"alerts\" array"));
    }
    JsonNode alerts = root.get("alerts");
    if (alerts == null || alerts.isNull()) {
      return BindResult.requestError(new FieldError("/alerts", "alerts is required"));
    }
    if (!alerts.isArray()) {
      return BindResult.requestError(new FieldError("/alerts", "alerts must be an array"));
    }
    if (alerts.isEmpty()) {
      return BindResult.requestError(
          new FieldError("/alerts", "alerts must contain at least 1 alert"));
    }
    if (alerts.size() > config.maxAlerts()) {
      return BindResult.requestError(
          new FieldError(
              "/alerts",
              "alerts must contain at most " + config.maxAlerts() + " alerts, found "
                  + alerts.size()));
    }
    List<AlertEvent> events = new ArrayList<>();
    List<EventResult> rejected = new ArrayList<>();
    for (int index = 0; index < alerts.size(); index++) {
      JsonNode alert = alerts.get(index);
      ValidAlert valid = validator == null ? null : validator.validate(alert);
      if (valid != null) {
        events.add(toEvent(index, valid, receivedAt));
        continue;
      }
      // The schema validator reports the errors of an alert that the fast check rejected.
      String annotationsJson = annotationsJson(alert);
      List<FieldError> errors = validate(index, alert, annotationsJson);
      if (errors.isEmpty()) {
        events.add(toEvent(index, alert, annotationsJson, receivedAt));
      } else {
        rejected.add(EventResult.rejected(index, externalIdOf(alert), errors));
      }
    }
    return new BindResult(List.of(), events, rejected);
  }

  /** Returns the annotations as compact JSON when they are an object, otherwise null. */
  private String annotationsJson(JsonNode alert) {
    JsonNode annotations = alert.get("annotations");
    return annotations != null && annotations.isObject()
        ? NumberTextNodes.compactJson(mapper.getFactory(), annotations)
        : null;
  }

  private List<FieldError> validate(int index, JsonNode alert, String annotationsJson) {
    String pointer = "/alerts/" + index;
    List<FieldError> errors = new ArrayList<>();
    try {
      schema.alertSchema().validate(OrgJson.convert(alert));
    } catch (ValidationException e) {
      List<FieldError> schemaErrors = SchemaErrors.map(e, pointer, alert);
      if (schemaErrors.isEmpty()) {
        // Every violation must reject the alert, even one that has no message of its own.
        schemaErrors = List.of(new FieldError(pointer, "alert does not match the schema"));
      }
      errors.addAll(schemaErrors);
    }
    TextCheck.check(alert, pointer, errors);
    if (annotationsJson != null) {
      int size = annotationsJson.getBytes(StandardCharsets.UTF_8).length;
      if (size > config.maxAnnotationsBytes()) {
        errors.add(
            new FieldError(
                pointer + "/annotations",
                "annotations must be at most " + config.maxAnnotationsBytes()
                    + " bytes as compact JSON, found " + size));
      }
    }
    return errors;
  }

  /**
   * Binds a valid alert; {@code annotationsJson} is null when the annotations are absent or null,
   * the only other case that validation lets through.
   */
  private AlertEvent toEvent(
      int index, JsonNode alert, String annotationsJson, Instant receivedAt) {
    String externalId = text(alert, "external_id");
    String title = text(alert, "title");
    String source = text(alert, "source");
    Map<String, String> labels = labels(alert.get("labels"));
    String severity = text(alert, "severity");
    String status = text(alert, "status");
    String startedAt = text(alert, "started_at");
    String dedupKey = externalId;
    if (dedupKey == null && config.deriveKeys()) {
      dedupKey = DedupKeys.derive(source, title, labels);
    }
    return new AlertEvent(
        index,
        dedupKey,
        externalId,
        title,
        text(alert, "description"),
        severity == null ? null : Severity.fromWireName(severity).orElseThrow(),
        status == null ? AlertStatus.FIRING : AlertStatus.fromWireName(status).orElseThrow(),
        source,
        labels,
        annotationsJson,
        startedAt == null ? null : Rfc3339.parse(startedAt),
        receivedAt);
  }

  /** Binds an alert that {@link AlertValidator} accepted. */
  private AlertEvent toEvent(int index, ValidAlert alert, Instant receivedAt) {
    String dedupKey = alert.externalId();
    if (dedupKey == null && config.deriveKeys()) {
      dedupKey = DedupKeys.derive(alert.source(), alert.title(), alert.labels());
    }
    return new AlertEvent(
        index,
        dedupKey,
        alert.externalId(),
        alert.title(),
        alert.description(),
        alert.severity(),
        alert.status() == null ? AlertStatus.FIRING : alert.status(),
        alert.source(),
        alert.labels(),
        alert.annotationsJson(),
        alert.startedAt(),
        receivedAt);
  }

  /** Returns the external_id to echo in a rejected result, unless it is itself invalid. */
  private String externalIdOf(JsonNode alert) {
    JsonNode value = alert.get("external_id");
    if (value == null || !value.isTextual()) {
      return null;
    }
    String text = value.textValue();
    boolean valid =
        !text.isEmpty()
            && text.codePointCount(0, text.length()) <= config.maxExternalIdLength()
            && !text.startsWith(DedupKeys.RESERVED_PREFIX)
            && TextCheck.findProblem(text) == null;
    return valid ? text : null;
  }

  private static String text(JsonNode alert, String field) {
    JsonNode value = alert.get(field);
    return value == null || value.isNull() ? null : value.textValue();
  }

  private static Map<String, String> labels(JsonNode labels) {
    if (labels == null || labels.isNull()) {
      return null;
    }
    Map<String, String> result = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : labels.properties()) {
      JsonNode value = field.getValue();
      if (!value.isNull()) {
        result.put(field.getKey(), value.isTextual() ? value.textValue() : value.asText());
      }
    }
    return result;
  }
}
