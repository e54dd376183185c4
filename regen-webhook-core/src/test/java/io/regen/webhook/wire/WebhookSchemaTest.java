package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.regen.webhook.WebhookConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.everit.json.schema.ValidationException;
import org.json.JSONObject;
import org.json.JSONTokener;
import org.junit.jupiter.api.Test;

class WebhookSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode tree(WebhookSchema schema) throws IOException {
    return JSON.readTree(schema.bytes());
  }

  @Test
  void publishesConfiguredLimits() throws IOException {
    WebhookConfig config =
        WebhookConfig.builder()
            .maxAlerts(7)
            .maxTitleLength(11)
            .maxDescriptionLength(12)
            .maxExternalIdLength(13)
            .maxSourceLength(14)
            .maxLabels(15)
            .maxLabelKeyLength(16)
            .maxLabelValueLength(17)
            .maxAnnotations(18)
            .maxAnnotationsBytes(1900)
            .build();

    JsonNode schema = tree(WebhookSchema.forConfig(config));

    assertThat(schema.at("/$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
    assertThat(schema.at("/properties/alerts/maxItems").asInt()).isEqualTo(7);
    assertThat(schema.at("/properties/alerts/minItems").asInt()).isEqualTo(1);
    JsonNode alert = schema.at("/definitions/alert/properties");
    assertThat(alert.at("/title/maxLength").asInt()).isEqualTo(11);
    assertThat(alert.at("/description/maxLength").asInt()).isEqualTo(12);
    assertThat(alert.at("/external_id/maxLength").asInt()).isEqualTo(13);
    assertThat(alert.at("/source/maxLength").asInt()).isEqualTo(14);
    assertThat(alert.at("/labels/maxProperties").asInt()).isEqualTo(15);
    assertThat(alert.at("/labels/propertyNames/maxLength").asInt()).isEqualTo(16);
    assertThat(alert.at("/labels/additionalProperties/maxLength").asInt()).isEqualTo(17);
    assertThat(alert.at("/annotations/maxProperties").asInt()).isEqualTo(18);
    assertThat(alert.at("/annotations/description").asText()).contains("1900 bytes");
    assertThat(alert.at("/started_at/format").asText()).isEqualTo("date-time");
    assertThat(alert.at("/external_id/description").asText()).contains("derived:");
    assertThat(alert.at("/severity/enum").toString())
        .isEqualTo("[\"critical\",\"warning\",\"info\",null]");
  }

  @Test
  void defaultsArePublished() throws IOException {
    JsonNode schema = tree(WebhookSchema.forConfig(WebhookConfig.defaults()));

    assertThat(schema.at("/properties/alerts/maxItems").asInt()).isEqualTo(100);
    assertThat(schema.at("/definitions/alert/properties/title/maxLength").asInt()).isEqualTo(500);
    assertThat(schema.at("/description").asText()).contains("1048576 bytes", "32 levels");
  }

  @Test
  void etagIsQuotedHashOfBytes() throws Exception {
    WebhookSchema schema = WebhookSchema.forConfig(WebhookConfig.defaults());
    String hash =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(schema.bytes()));

    assertThat(schema.etag()).isEqualTo("\"" + hash + "\"");
    assertThat(WebhookSchema.forConfig(WebhookConfig.builder().maxAlerts(5).build()).etag())
        .isNotEqualTo(schema.etag());
  }

  @Test
  void alertSchemaIsPartOfRootSchema() {
    WebhookSchema schema = WebhookSchema.forConfig(WebhookConfig.defaults());
    JSONObject bad = new JSONObject("{\"alerts\":[{\"title\":\"t\",\"severity\":\"x\"}]}");

    assertThatThrownBy(() -> schema.rootSchema().validate(bad))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () -> schema.alertSchema().validate(new JSONObject("{\"title\":\"t\",\"severity\":1}")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void servedSchemaAgreesWithTopLevelChecks() {
    WebhookSchema schema =
        WebhookSchema.forConfig(WebhookConfig.builder().maxAlerts(2).build());
    String[] invalid = {
      "{}", "{\"alerts\":null}", "{\"alerts\":{}}", "{\"alerts\":[]}",
      "{\"alerts\":[{\"title\":\"a\"},{\"title\":\"b\"},{\"title\":\"c\"}]}",
    };

    for (String body : invalid) {
      JSONObject document = new JSONObject(new JSONTokener(body));
      assertThatThrownBy(() -> schema.rootSchema().validate(document))
          .as(body)
          .isInstanceOf(ValidationException.class);
    }
    JSONObject valid = new JSONObject("{\"alerts\":[{\"title\":\"a\"}],\"extra\":1}");
    assertThatNoException().isThrownBy(() -> schema.rootSchema().validate(valid));
  }

  @Test
  void servedSchemaRejectsDerivedExternalId() {
    WebhookSchema schema = WebhookSchema.forConfig(WebhookConfig.defaults());
    JSONObject alert = new JSONObject("{\"title\":\"t\",\"external_id\":\"derived:sha256:0\"}");

    assertThatThrownBy(() -> schema.alertSchema().validate(alert))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void schemaBytesAreUtf8Json() {
    WebhookSchema schema = WebhookSchema.forConfig(WebhookConfig.defaults());
    String text = new String(schema.bytes(), StandardCharsets.UTF_8);

    assertThat(text).doesNotContain("{{");
    assertThatNoException().isThrownBy(() -> JSON.readTree(schema.bytes()));
  }
}
