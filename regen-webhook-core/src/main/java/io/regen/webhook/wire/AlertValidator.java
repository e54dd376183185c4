package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks one alert of a parsed body against the rules of the served schema and the binder's own
 * rules in one pass over the tree, and reads its values in the same pass.
 *
 * <p>It accepts exactly the alerts that pass the everit validator of the alert schema, the check
 * for forbidden characters ({@link TextCheck}) and the size limit of the annotations; a property
 * test of the module compares both on generated alerts. It reports no errors: for an alert it
 * rejects, the binder runs the schema validator and reports that validator's errors.
 *
 * <p>The limits, enum values, patterns and the resolve condition are read from the schema text, so
 * a change of those in the schema reaches this class too. The types and the structure of the rules
 * are written here, and the property test fails when the schema changes them.
 *
 * <p>Immutable and thread-safe.
 */
final class AlertValidator {

  private static final String ALERT = "/definitions/alert";
  private static final String PROPERTIES = ALERT + "/properties";

  private final int maxAnnotationsBytes;
  private final int maxTitleLength;
  private final Pattern titlePattern;
  private final int maxDescriptionLength;
  private final Map<String, Severity> severities;
  private final boolean severityMayBeNull;
  private final Map<String, AlertStatus> statuses;
  private final boolean statusMayBeNull;
  private final int minExternalIdLength;
  private final int maxExternalIdLength;
  private final Pattern forbiddenExternalId;
  private final int maxSourceLength;
  private final int maxLabels;
  private final int minLabelKeyLength;
  private final int maxLabelKeyLength;
  private final int maxLabelValueLength;
  private final int maxAnnotations;
  private final String statusThatWaivesTitle;

  /**
   * Creates a validator for a schema.
   *
   * @param maxAnnotationsBytes the size limit of the annotations as compact UTF-8 JSON, which the
   *     schema states only in a description
   * @throws IllegalStateException if the schema lacks a value that the validator reads
   */
  AlertValidator(WebhookSchema schema, int maxAnnotationsBytes) {
    this.maxAnnotationsBytes = maxAnnotationsBytes;
    JsonNode root = readSchema(schema);
    maxTitleLength = integer(root, PROPERTIES + "/title/maxLength");
    titlePattern = Pattern.compile(text(root, PROPERTIES + "/title/pattern"));
    maxDescriptionLength = integer(root, PROPERTIES + "/description/maxLength");
    severities = enumValues(root, PROPERTIES + "/severity/enum", Severity::fromWireName);
    severityMayBeNull = enumHasNull(root, PROPERTIES + "/severity/enum");
    statuses = enumValues(root, PROPERTIES + "/status/enum", AlertStatus::fromWireName);
    statusMayBeNull = enumHasNull(root, PROPERTIES + "/status/enum");
    minExternalIdLength = integer(root, PROPERTIES + "/external_id/minLength");
    maxExternalIdLength = integer(root, PROPERTIES + "/external_id/maxLength");
    forbiddenExternalId = Pattern.compile(text(root, PROPERTIES + "/external_id/not/pattern"));
    maxSourceLength = integer(root, PROPERTIES + "/source/maxLength");
    maxLabels = integer(root, PROPERTIES + "/labels/maxProperties");
    minLabelKeyLength = integer(root, PROPERTIES + "/labels/propertyNames/minLength");
    maxLabelKeyLength = integer(root, PROPERTIES + "/labels/propertyNames/maxLength");
    maxLabelValueLength =
        integer(root, PROPERTIES + "/labels/additionalProperties/maxLength");
    maxAnnotations = integer(root, PROPERTIES + "/annotations/maxProperties");
    statusThatWaivesTitle = text(root, ALERT + "/if/properties/status/const");
  }

  /**
   * Checks an alert and returns its values, or returns {@code null} if it breaks any rule.
   *
   * @param alert one element of the body's {@code alerts} array
   */
  ValidAlert validate(JsonNode alert) {
    if (!alert.isObject()) {
      return null;
    }
    Values values = new Values();
    for (Map.Entry<String, JsonNode> field : alert.properties()) {
      String key = field.getKey();
      if (TextCheck.findProblem(key) != null || !read(key, field.getValue(), values)) {
        return null;
      }
    }
    if (values.title == null && requiresTitle(values)) {
      return null;
    }
    return values.build();
  }

  /** Checks one property of an alert and keeps its value, or returns false if it breaks a rule. */
  private boolean read(String key, JsonNode value, Values values) {
    switch (key) {
      case "title":
        values.title = value.textValue();
        return isNullOrString(value, 0, maxTitleLength)
            && (values.title == null || titlePattern.matcher(values.title).find());
      case "description":
        values.description = value.textValue();
        return isNullOrString(value, 0, maxDescriptionLength);
      case "severity":
        values.severity = enumValue(value, severities);
        return values.severity != null || value.isNull() && severityMayBeNull;
      case "status":
        values.statusText = value.textValue();
        values.status = enumValue(value, statuses);
        return values.status != null || value.isNull() && statusMayBeNull;
      case "external_id":
        values.externalId = value.textValue();
        return isNullOrString(value, minExternalIdLength, maxExternalIdLength)
            && (values.externalId == null
                || !forbiddenExternalId.matcher(values.externalId).find());
      case "source":
        values.source = value.textValue();
        return isNullOrString(value, 0, maxSourceLength);
      case "labels":
        return value.isNull() || readLabels(value, values);
      case "annotations":
        return value.isNull() || readAnnotations(value, values);
      case "started_at":
        return value.isNull() || readStartedAt(value, values);
      default:
        // A field the schema does not name is ignored, but its text must still be clean.
        return TextCheck.isClean(value);
    }
  }

  /**
   * Returns whether the alert needs a title: it does unless its status is the one that the
   * schema's {@code if} names (resolved) and its external_id is a string.
   */
  private boolean requiresTitle(Values values) {
    return !(statusThatWaivesTitle.equals(values.statusText) && values.externalId != null);
  }

  /**
   * Returns whether the value is null or a string of allowed characters within the code point
   * limits.
   */
  private static boolean isNullOrString(JsonNode value, int minLength, int maxLength) {
    if (value.isNull()) {
      return true;
    }
    if (!value.isTextual()) {
      return false;
    }
    String text = value.textValue();
    return hasLength(text, minLength, maxLength) && TextCheck.findProblem(text) == null;
  }

  /** Returns whether the text has from min to max code points, as the schema counts length. */
  private static boolean hasLength(String text, int minLength, int maxLength) {
    int chars = text.length();
    if (chars <= maxLength && chars >= 2 * minLength) {
      // Each code point takes one or two chars, so the count is within the limits too.
      return true;
    }
    int codePoints = text.codePointCount(0, chars);
    return codePoints >= minLength && codePoints <= maxLength;
  }

  /** Returns the constant that a string names, or null for any other value. */
  private static <T> T enumValue(JsonNode value, Map<String, T> allowed) {
    return value.isTextual() ? allowed.get(value.textValue()) : null;
  }

  private boolean readLabels(JsonNode labels, Values values) {
    if (!labels.isObject() || labels.size() > maxLabels) {
      return false;
    }
    Map<String, String> texts = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> label : labels.properties()) {
      String key = label.getKey();
      JsonNode value = label.getValue();
      if (!hasLength(key, minLabelKeyLength, maxLabelKeyLength)
          || TextCheck.findProblem(key) != null) {
        return false;
      }
      if (value.isTextual()) {
        String text = value.textValue();
        if (!hasLength(text, 0, maxLabelValueLength) || TextCheck.findProblem(text) != null) {
          return false;
        }
        texts.put(key, text);
      } else if (value.isNumber() || value.isBoolean()) {
        // Numbers keep the literal text the sender wrote; see NumberTextNodes.
        texts.put(key, value.asText());
      } else if (!value.isNull()) {
        return false;
      }
    }
    values.labels = texts;
    return true;
  }

  private boolean readAnnotations(JsonNode annotations, Values values) {
    if (!annotations.isObject() || annotations.size() > maxAnnotations) {
      return false;
    }
    StringBuilder json = new StringBuilder(64);
    if (!appendCompact(annotations, json)) {
      return false;
    }
    String text = json.toString();
    if (utf8Length(text) > maxAnnotationsBytes) {
      return false;
    }
    values.annotationsJson = text;
    return true;
  }

  /**
   * Appends a value as compact JSON, numbers in the text they were parsed from, or returns false
   * at the first key or string that contains a forbidden character. The text equals what {@link
   * NumberTextNodes#compactJson} writes with Jackson's default escaping, because only quotes,
   * backslashes, tab, LF and CR need escaping in text that passed {@link TextCheck}.
   */
  private static boolean appendCompact(JsonNode node, StringBuilder json) {
    switch (node.getNodeType()) {
      case OBJECT:
        json.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          if (!first) {
            json.append(',');
          }
          first = false;
          if (!appendString(field.getKey(), json)) {
            return false;
          }
          json.append(':');
          if (!appendCompact(field.getValue(), json)) {
            return false;
          }
        }
        json.append('}');
        return true;
      case ARRAY:
        json.append('[');
        for (int i = 0; i < node.size(); i++) {
          if (i > 0) {
            json.append(',');
          }
          if (!appendCompact(node.get(i), json)) {
            return false;
          }
        }
        json.append(']');
        return true;
      case STRING:
        return appendString(node.textValue(), json);
      case NUMBER:
        json.append(node.asText());
        return true;
      case BOOLEAN:
        json.append(node.booleanValue());
        return true;
      case NULL:
        json.append("null");
        return true;
      default:
        return false;
    }
  }

  private static boolean appendString(String text, StringBuilder json) {
    if (TextCheck.findProblem(text) != null) {
      return false;
    }
    json.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> json.append("\\\"");
        case '\\' -> json.append("\\\\");
        case '\t' -> json.append("\\t");
        case '\n' -> json.append("\\n");
        case '\r' -> json.append("\\r");
        default -> json.append(c);
      }
    }
    json.append('"');
    return true;
  }

  private static boolean readStartedAt(JsonNode startedAt, Values values) {
    if (!startedAt.isTextual()) {
      return false;
    }
    values.startedAt = Rfc3339.parseValid(startedAt.textValue());
    return values.startedAt != null;
  }

  /**
   * Returns the length of the text in UTF-8, which equals {@code getBytes(UTF_8).length} for text
   * without unpaired surrogates, the only text that reaches here.
   */
  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /** The values of one alert, filled in while its properties are read. */
  private static final class Values {
    String title;
    String description;
    Severity severity;
    AlertStatus status;
    String statusText;
    String externalId;
    String source;
    Map<String, String> labels;
    String annotationsJson;
    Instant startedAt;

    ValidAlert build() {
      return new ValidAlert(
          title, description, severity, status, externalId, source, labels, annotationsJson,
          startedAt);
    }
  }

  private static JsonNode readSchema(WebhookSchema schema) {
    try {
      return new ObjectMapper().readTree(schema.bytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int integer(JsonNode schema, String pointer) {
    JsonNode value = schema.at(pointer);
    if (!value.canConvertToInt()) {
      throw new IllegalStateException("schema is missing an integer at " + pointer);
    }
    return value.intValue();
  }

  private static String text(JsonNode schema, String pointer) {
    JsonNode value = schema.at(pointer);
    if (!value.isTextual()) {
      throw new IllegalStateException("schema is missing a string at " + pointer);
    }
    return value.textValue();
  }

  private static <T> Map<String, T> enumValues(
      JsonNode schema, String pointer, Function<String, Optional<T>> lookup) {
    JsonNode values = schema.at(pointer);
    if (!values.isArray()) {
      throw new IllegalStateException("schema is missing an enum at " + pointer);
    }
    Map<String, T> result = new HashMap<>();
    for (JsonNode value : values) {
      if (value.isTextual()) {
        String name = value.textValue();
        result.put(
            name,
            lookup.apply(name)
                .orElseThrow(
                    () -> new IllegalStateException(
                        "schema enum at " + pointer + " contains an unknown value: " + name)));
      }
    }
    return Map.copyOf(result);
  }

  private static boolean enumHasNull(JsonNode schema, String pointer) {
    for (JsonNode value : schema.at(pointer)) {
      if (value.isNull()) {
        return true;
      }
    }
    return false;
  }
}
