package io.regen.webhook;

import java.util.Locale;

/** Checks the {@code Content-Type} of a webhook request: {@code application/json} in UTF-8. */
final class ContentTypes {

  static final String JSON = "application/json";

  private ContentTypes() {}

  /**
   * Returns whether the header value is {@code application/json}, matched case-insensitively, with
   * any parameters, and with a {@code charset} parameter, if present, naming UTF-8. A quoted value
   * is unquoted first; {@code utf-8} is the only name accepted, in any case.
   */
  static boolean isJsonUtf8(String headerValue) {
    String[] parts = headerValue.split(";", -1);
    if (!parts[0].strip().toLowerCase(Locale.ROOT).equals(JSON)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String parameter = parts[i].strip();
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      if (equals < 0) {
        return false;
      }
      String name = parameter.substring(0, equals).strip();
      if (name.equalsIgnoreCase("charset") && !isUtf8(parameter.substring(equals + 1).strip())) {
        return false;
      }
    }
    return true;
  }

  private static boolean isUtf8(String value) {
    String unquoted = value;
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      unquoted = value.substring(1, value.length() - 1);
    }
    return unquoted.equalsIgnoreCase("utf-8");
  }
}
