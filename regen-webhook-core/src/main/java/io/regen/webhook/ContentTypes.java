package io.regen.webhook;

import java.util.ArrayList;
import java.util.List;
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
    List<String> parts = splitParameters(headerValue);
    if (!parts.get(0).strip().toLowerCase(Locale.ROOT).equals(JSON)) {
      return false;
    }
    for (int i = 1; i < parts.size(); i++) {
      String parameter = parts.get(i).strip();
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

  /**
   * Splits a header value at each semicolon outside a quoted string, since RFC 9110 lets a quoted
   * parameter value contain semicolons and backslash-escaped quotes.
   */
  private static List<String> splitParameters(String headerValue) {
    List<String> parts = new ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i < headerValue.length(); i++) {
      char c = headerValue.charAt(i);
      if (quoted && c == '\\') {
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        parts.add(headerValue.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(headerValue.substring(start));
    return parts;
  }

  private static boolean isUtf8(String value) {
    String unquoted = value;
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      unquoted = value.substring(1, value.length() - 1);
    }
    return unquoted.equalsIgnoreCase("utf-8");
  }
}
