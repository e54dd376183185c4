package io.regen.webhook.wire;

import io.regen.webhook.WebhookConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.ArraySchema;
import org.everit.json.schema.ObjectSchema;
import org.everit.json.schema.ReferenceSchema;
import org.everit.json.schema.Schema;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * The JSON Schema (draft-07) of a request, with the configured limits filled in.
 *
 * <p>The served bytes and the validator come from the same text: the validator is loaded once from
 * {@link #bytes()}, so what a sender downloads is exactly what the handler enforces. A few rules
 * that JSON Schema cannot state are enforced by the binder and named in the schema's descriptions:
 * forbidden control characters and the size of the annotations. Immutable and thread-safe.
 */
public final class WebhookSchema {

  /** Media type of the served schema. */
  public static final String MEDIA_TYPE = "application/schema+json";

  private static final String TEMPLATE = "webhook-schema.json";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{(\\w+)}}");

  private final byte[] bytes;
  private final String etag;
  private final Schema rootSchema;
  private final Schema alertSchema;

  private WebhookSchema(byte[] bytes) {
    this.bytes = bytes;
    this.etag = "\"" + HexFormat.of().formatHex(sha256(bytes)) + "\"";
    String text = new String(bytes, StandardCharsets.UTF_8);
    this.rootSchema =
        SchemaLoader.builder()
            .schemaJson(new JSONObject(new JSONTokener(text)))
            .draftV7Support()
            .enableOverrideOfBuiltInFormatValidators()
            .addFormatValidator(new Rfc3339())
            .build()
            .load()
            .build();
    this.alertSchema = findAlertSchema(rootSchema);
  }

  /** Builds the schema for a configuration. */
  public static WebhookSchema forConfig(WebhookConfig config) {
    Map<String, Integer> limits =
        Map.ofEntries(
            Map.entry("maxBodyBytes", config.maxBodyBytes()),
            Map.entry("maxNestingDepth", config.maxNestingDepth()),
            Map.entry("maxAlerts", config.maxAlerts()),
            Map.entry("maxTitleLength", config.maxTitleLength()),
            Map.entry("maxDescriptionLength", config.maxDescriptionLength()),
            Map.entry("maxExternalIdLength", config.maxExternalIdLength()),
            Map.entry("maxSourceLength", config.maxSourceLength()),
            Map.entry("maxLabels", config.maxLabels()),
            Map.entry("maxLabelKeyLength", config.maxLabelKeyLength()),
            Map.entry("maxLabelValueLength", config.maxLabelValueLength()),
            Map.entry("maxAnnotations", config.maxAnnotations()),
            Map.entry("maxAnnotationsBytes", config.maxAnnotationsBytes()));
    Matcher matcher = PLACEHOLDER.matcher(loadTemplate());
    StringBuilder text = new StringBuilder();
    while (matcher.find()) {
      Integer value = limits.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("schema template names unknown limit " + matcher.group());
      }
      matcher.appendReplacement(text, value.toString());
    }
    matcher.appendTail(text);
    return new WebhookSchema(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Returns the schema as served, UTF-8 JSON; callers must not modify the array. */
  public byte[] bytes() {
    return bytes;
  }

  /** Returns the strong entity tag of {@link #bytes()}: a quoted SHA-256 hex digest. */
  public String etag() {
    return etag;
  }

  /** Returns the validator of a whole request body. */
  public Schema rootSchema() {
    return rootSchema;
  }

  /** Returns the validator of one element of {@code alerts}, taken from {@link #rootSchema()}. */
  public Schema alertSchema() {
    return alertSchema;
  }

  private static Schema findAlertSchema(Schema root) {
    Schema alerts = ((ObjectSchema) root).getPropertySchemas().get("alerts");
    Schema items = ((ArraySchema) alerts).getAllItemSchema();
    return items instanceof ReferenceSchema ? ((ReferenceSchema) items).getReferredSchema() : items;
  }

  private static String loadTemplate() {
    try (InputStream in = WebhookSchema.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("schema template " + TEMPLATE + " is missing");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
