package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.FieldError;
import java.util.List;
import java.util.Map;

/**
 * Finds characters that no alert string may contain, in values and in keys at any depth. These are
 * the C0 controls U+0000 to U+001F other than tab, LF and CR, and DEL with the C1 controls (U+007F
 * to U+009F). Unpaired surrogates are rejected too, because they have no UTF-8 form and would be
 * stored garbled.
 */
final class TextCheck {

  private TextCheck() {}

  /** Adds one error per offending key or string value under {@code node} to {@code errors}. */
  static void check(JsonNode node, String pointer, List<FieldError> errors) {
    if (node.isTextual()) {
      checkString(node.textValue(), pointer, "value", errors);
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), pointer + "/" + i, errors);
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        String child = pointer + "/" + Pointers.escape(field.getKey());
        checkString(field.getKey(), child, "key", errors);
        check(field.getValue(), child, errors);
      }
    }
  }

  /**
   * Returns whether no key or string value under {@code node} contains a forbidden character; the
   * same verdict as {@link #check} finding no error, without building pointers.
   */
  static boolean isClean(JsonNode node) {
    if (node.isTextual()) {
      return findProblem(node.textValue()) == null;
    }
    if (node.isArray()) {
      for (JsonNode element : node) {
        if (!isClean(element)) {
          return false;
        }
      }
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        if (findProblem(field.getKey()) != null || !isClean(field.getValue())) {
          return false;
        }
      }
    }
    return true;
  }

  private static void checkString(
      String text, String pointer, String what, List<FieldError> errors) {
    String problem = findProblem(text);
    if (problem != null) {
      errors.add(new FieldError(pointer, Pointers.describe(pointer) + ": " + what + " " + problem));
    }
  }

  /** Returns what is wrong with the text, or null if it contains no forbidden character. */
  static String findProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "contains an unpaired surrogate U+" + hex(c);
      } else if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7F && c <= 0x9F) {
        return "contains the control character U+" + hex(c) + ", which is not allowed";
      }
    }
    return null;
  }

  private static String hex(char c) {
    return String.format("%04X", (int) c);
  }
}
