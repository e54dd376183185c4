package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Severity;
import io.regen.webhook.WebhookConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class AlertValidatorTest {

  /** The keywords whose rules AlertValidator implements, and the annotation-only ones. */
  private static final Set<String> KNOWN_KEYWORDS =
      Set.of("$schema", "title", "description", "type", "required", "properties", "definitions",
          "$ref", "minItems", "maxItems", "items", "maxLength", "minLength", "pattern", "enum",
          "not", "maxProperties", "propertyNames", "additionalProperties", "format", "if",
          "else", "const");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebhookConfig config =
      WebhookConfig.builder().maxTitleLength(3).maxLabelKeyLength(2).build();
  private final JsonBodyParser parser =
      new JsonBodyParser(config.maxNestingDepth(), config.maxBodyBytes());
  private final AlertValidator validator =
      new AlertValidator(WebhookSchema.forConfig(config), config.maxAnnotationsBytes());

  private ValidAlert validate(String alert) {
    byte[] bytes = alert.getBytes(StandardCharsets.UTF_8);
    return validator.validate(parser.parse(new BodyBytes(bytes, bytes.length)));
  }

  @Test
  void generatorsCoverEverySchemaProperty() throws IOException {
    Set<String> names = new TreeSet<>();
    collectPropertyNames(schemaTree(), names);

    Set<String> generated = new TreeSet<>(AlertValidatorPropertyTest.FIELDS.keySet());
    generated.add("alerts");
    assertThat(generated).containsAll(names);
  }

  @Test
  void schemaUsesOnlyImplementedKeywords() throws IOException {
    Set<String> keywords = new TreeSet<>();
    collectKeywords(schemaTree(), keywords);

    assertThat(KNOWN_KEYWORDS).containsAll(keywords);
  }

  @Test
  void readsValuesInOnePass() {
    ValidAlert alert =
        validate(
            "{\"title\":\"t\",\"severity\":\"info\",\"status\":\"resolved\",\"external_id\":\"e\","
                + "\"labels\":{\"n\":1.50,\"b\":true,\"x\":null},\"annotations\":{\"a\":[1e5]},"
                + "\"started_at\":\"2024-01-15T12:30:00+02:00\"}");

    assertThat(alert).isNotNull();
    assertThat(alert.severity()).isEqualTo(Severity.INFO);
    assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
    assertThat(alert.labels()).isEqualTo(Map.of("n", "1.50", "b", "true"));
    assertThat(alert.annotationsJson()).isEqualTo("{\"a\":[1e5]}");
    assertThat(alert.startedAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
  }

  @Test
  void writesAnnotationsAsJacksonDoes() {
    String annotations =
        "{\"q\\\"k\": \"a\\\"b\\\\c\\td\\ne\\rf\\u2028\u00e9\ud83d\ude00/\","
            + " \"n\": [1e5, -0, 2.50, true, false, null, {}], \"o\": {\"x\": []}}";
    byte[] bytes = annotations.getBytes(StandardCharsets.UTF_8);
    JsonNode tree = parser.parse(new BodyBytes(bytes, bytes.length));

    ValidAlert alert = validate("{\"title\":\"t\",\"annotations\":" + annotations + "}");

    assertThat(alert).isNotNull();
    assertThat(alert.annotationsJson())
        .isEqualTo(NumberTextNodes.compactJson(parser.mapper().getFactory(), tree));
  }

  @Test
  void countsLengthInCodePoints() {
    assertThat(validate("{\"title\":\"\ud83d\ude00\ud83d\ude00\ud83d\ude00\"}")).isNotNull();
    assertThat(validate("{\"title\":\"\ud83d\ude00\ud83d\ude00\ud83d\ude00a\"}")).isNull();
    assertThat(validate("{\"title\":\"t\",\"labels\":{\"\u00e9\u00e9\":\"v\"}}")).isNotNull();
    assertThat(validate("{\"title\":\"t\",\"labels\":{\"\u00e9\u00e9\u00e9\":\"v\"}}")).isNull();
  }

  @Test
  void resolveByExternalIdNeedsNoTitle() {
    assertThat(validate("{\"status\":\"resolved\",\"external_id\":\"e\"}")).isNotNull();
    assertThat(validate("{\"status\":\"resolved\",\"external_id\":null}")).isNull();
    assertThat(validate("{\"status\":\"firing\",\"external_id\":\"e\"}")).isNull();
    assertThat(validate("{\"status\":\"resolved\",\"external_id\":\"e\",\"title\":null}"))
        .isNotNull();
  }

  @Test
  void rejectsWhatTheSchemaRejects() {
    assertThat(validate("{\"title\":\" \u3000\"}")).as("blank title").isNull();
    assertThat(validate("{\"title\":\"t\",\"external_id\":\"derived:x\"}")).as("prefix").isNull();
    assertThat(validate("{\"title\":\"t\",\"started_at\":\"2023-02-29T00:00:00Z\"}"))
        .as("date")
        .isNull();
    assertThat(validate("{\"title\":\"t\",\"extra\":{\"k\":[\"\\u0001\"]}}"))
        .as("control character in an unknown field")
        .isNull();
    assertThat(validate("[]")).as("not an object").isNull();
  }

  private static JsonNode schemaTree() throws IOException {
    return JSON.readTree(WebhookSchema.forConfig(WebhookConfig.defaults()).bytes());
  }

  /** Collects the names under every "properties" keyword, at any depth. */
  private static void collectPropertyNames(JsonNode node, Set<String> names) {
    JsonNode properties = node.get("properties");
    if (properties != null && properties.isObject()) {
      properties.fieldNames().forEachRemaining(names::add);
    }
    node.forEach(child -> collectPropertyNames(child, names));
  }

  /** Collects the keywords of a schema object and of every schema inside it. */
  private static void collectKeywords(JsonNode schema, Set<String> keywords) {
    for (Map.Entry<String, JsonNode> entry : schema.properties()) {
      String keyword = entry.getKey();
      keywords.add(keyword);
      JsonNode value = entry.getValue();
      switch (keyword) {
        case "properties", "definitions" ->
            value.forEach(child -> collectKeywords(child, keywords));
        case "items", "not", "if", "else", "propertyNames", "additionalProperties" ->
            collectKeywords(value, keywords);
        default -> {
          // Other keywords hold data, such as enum values or names, not schemas.
        }
      }
    }
  }
}
