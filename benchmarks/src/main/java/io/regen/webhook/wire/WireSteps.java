package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.FieldError;
import java.util.List;

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

  /** Checks every key and string of one alert for forbidden characters. */
  public static void checkText(JsonNode alert, String pointer, List<FieldError> errors) {
    TextCheck.check(alert, pointer, errors);
  }
}
