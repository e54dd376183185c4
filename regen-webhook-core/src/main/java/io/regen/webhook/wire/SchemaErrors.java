package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.FieldError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.BooleanSchema;
import org.everit.json.schema.EnumSchema;
import org.everit.json.schema.NullSchema;
import org.everit.json.schema.NumberSchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.StringSchema;
import org.everit.json.schema.ValidationException;

/**
 * Turns the violations that the schema validator reports for one alert into field errors with a
 * JSON Pointer into the body and a message that names the field, the rule and the allowed values.
 *
 * <p>The validator's own texts are not passed on: some are cryptic ("only 1 subschema matches out
 * of 2") and some echo the input. Unions such as {@code ["string", "null"]} are reported as the
 * rule that failed for the value's own type, or as one type error when no type matched.
 */
final class SchemaErrors {

  static final String TITLE_REQUIRED =
      "title is required unless status is resolved and external_id is given";

  private static final List<String> TYPE_ORDER =
      List.of("string", "number", "boolean", "object", "array", "valid value");
  private static final Pattern REQUIRED_KEY = Pattern.compile("required key \\[(.*)] not found");

  private final String basePointer;
  private final JsonNode alert;
  private final Set<FieldError> errors = new LinkedHashSet<>();

  private SchemaErrors(String basePointer, JsonNode alert) {
    this.basePointer = basePointer;
    this.alert = alert;
  }

  /** Returns the errors for a violation of the alert schema by the alert at {@code basePointer}. */
  static List<FieldError> map(ValidationException violation, String basePointer, JsonNode alert) {
    SchemaErrors mapper = new SchemaErrors(basePointer, alert);
    mapper.collect(violation);
    return new ArrayList<>(mapper.errors);
  }

  private void collect(ValidationException violation) {
    String keyword = violation.getKeyword();
    List<ValidationException> causes = violation.getCausingExceptions();
    if (keyword == null || keyword.equals("allOf")) {
      causes.forEach(this::collect);
    } else if (keyword.equals("anyOf")) {
      collectUnion(violation, causes);
    } else if (keyword.equals("else")) {
      // The first cause is the failure of "if", which only explains why "else" applied.
      for (ValidationException cause : causes) {
        String location = cause.getSchemaLocation();
        if (location != null && location.contains("/else")) {
          collect(cause);
        }
      }
    } else {
      add(violation);
    }
  }

  private void collectUnion(ValidationException violation, List<ValidationException> causes) {
    List<ValidationException> ruleFailures =
        causes.stream()
            .filter(cause -> !"type".equals(cause.getKeyword()))
            .collect(Collectors.toList());
    if (!ruleFailures.isEmpty()) {
      ruleFailures.forEach(this::collect);
      return;
    }
    String types =
        causes.stream()
            .map(ValidationException::getViolatedSchema)
            .map(SchemaErrors::typeName)
            .filter(Objects::nonNull)
            .distinct()
            .sorted(Comparator.comparingInt(TYPE_ORDER::indexOf))
            .collect(Collectors.joining(", "));
    String pointer = pointer(violation);
    errors.add(new FieldError(pointer, Pointers.describe(pointer) + " must be " + article(types)));
  }

  private void add(ValidationException violation) {
    String pointer = pointer(violation);
    String field = Pointers.describe(pointer);
    Schema schema = violation.getViolatedSchema();
    if (Objects.toString(violation.getSchemaLocation(), "").contains("propertyNames")) {
      // The pointer names the offending key itself; the message names the object it belongs to.
      field = Pointers.describe(pointer.substring(0, pointer.lastIndexOf('/'))) + " key";
    }
    String message;
    switch (violation.getKeyword()) {
      case "required":
        Matcher matcher = REQUIRED_KEY.matcher(violation.getErrorMessage());
        String key = matcher.matches() ? matcher.group(1) : "a field";
        pointer = pointer + "/" + Pointers.escape(key);
        message = key.equals("title") ? TITLE_REQUIRED : key + " is required";
        break;
      case "type":
        message = isAbsent(pointer) && field.equals("title")
            ? TITLE_REQUIRED
            : field + " must be " + article(typeName(schema));
        break;
      case "enum":
        message = field + " must be one of: " + enumValues(schema);
        break;
      case "maxLength":
        message = field + " must be at most " + maxLength(schema)
            + " characters (Unicode code points) long";
        break;
      case "minLength":
        message = field + " must not be empty";
        break;
      case "pattern":
        // The schema's only pattern is on title: a character that is not white space.
        message = field + " must not be blank";
        break;
      case "not":
        // The schema's only "not" is the reserved prefix of external_id.
        message = field + " must not start with \"" + DedupKeys.RESERVED_PREFIX
            + "\", a prefix reserved for derived keys";
        break;
      case "maxProperties":
        message = field + " must have at most " + maxProperties(schema) + " entries";
        break;
      case "format":
        message = field + " " + violation.getErrorMessage();
        break;
      default:
        message = field + " breaks the schema rule \"" + violation.getKeyword() + "\"";
        break;
    }
    errors.add(new FieldError(pointer, message));
  }

  private boolean isAbsent(String pointer) {
    JsonNode value = alert.at(pointer.substring(basePointer.length()));
    return value.isMissingNode() || value.isNull();
  }

  private String pointer(ValidationException violation) {
    String pointer = violation.getPointerToViolation();
    if (pointer == null || pointer.equals("#")) {
      return basePointer;
    }
    return basePointer + pointer.substring(1);
  }

  private static String enumValues(Schema schema) {
    if (!(schema instanceof EnumSchema)) {
      return "the values the schema lists";
    }
    return ((EnumSchema) schema)
        .getPossibleValuesAsList().stream()
            .filter(value -> value instanceof String)
            .map(String.class::cast)
            .collect(Collectors.joining(", "));
  }

  private static String maxLength(Schema schema) {
    return schema instanceof StringSchema
        ? String.valueOf(((StringSchema) schema).getMaxLength())
        : "the schema's maximum";
  }

  private static String maxProperties(Schema schema) {
    return schema instanceof ObjectSchema
        ? String.valueOf(((ObjectSchema) schema).getMaxProperties())
        : "the schema's maximum";
  }

  /** Returns the JSON type a schema stands for, or null for null, which means absent. */
  private static String typeName(Schema schema) {
    if (schema instanceof StringSchema) {
      return "string";
    } else if (schema instanceof NumberSchema) {
      return "number";
    } else if (schema instanceof BooleanSchema) {
      return "boolean";
    } else if (schema instanceof ObjectSchema) {
      return "object";
    } else if (schema instanceof ArraySchema) {
      return "array";
    } else if (schema instanceof NullSchema) {
      return null;
    }
    return "valid value";
  }

  private static String article(String types) {
    if (types == null || types.isEmpty()) {
      return "absent";
    }
    int last = types.lastIndexOf(", ");
    String joined = types;
    if (last >= 0) {
      joined = types.substring(0, last) + " or " + types.substring(last + 2);
    }
    return (joined.startsWith("a") || joined.startsWith("o") ? "an " : "a ") + joined;
  }
}
