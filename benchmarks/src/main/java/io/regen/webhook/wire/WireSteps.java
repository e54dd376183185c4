package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.FieldError;
import io.regen.webhook.WebhookConfig;
import java.util.List;
import java.util.function.Function;

/**
 * Reaches the package-private steps of binding, so that the benchmarks can time them one by one.
 * It lives in the library's package only for that reason and adds no behaviour.
 */
public final class WireSteps {

  private WireSteps() {}

  /** Copies one alert into the org.json values that the schema validator reads. */
  public static Object toOrgJson(JsonNode alert) {
    return OrgJson.convert(alert);
  }

  /**
   * Returns the one-pass validator that the binder runs on each alert before the schema
   * validator. The function returns the alert's values, or null for an alert that breaks a rule.
   */
  public static Function<JsonNode, Object> alertValidator(
      WebhookConfig config, WebhookSchema schema) {
    AlertValidator validator = new AlertValidator(schema, config.maxAnnotationsBytes());
    return validator::validate;
  }

  /** Checks every key and string of one alert for forbidden characters. */
  public static void checkText(JsonNode alert, String pointer, List<FieldError> errors) {
    TextCheck.check(alert, pointer, errors);
  }
}
