package io.regen.webhook.wire;

/** JSON Pointer (RFC 6901) helpers and the field names that error messages use. */
final class Pointers {

  private static final int MAX_NAME_LENGTH = 60;

  private Pointers() {}

  /** Escapes one reference token: {@code ~} becomes {@code ~0} and {@code /} becomes {@code ~1}. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /**
   * Describes the field at a pointer into the request body for a message, such as {@code title}
   * or {@code labels.region}; the {@code /alerts/<n>} prefix is dropped, and long names are cut
   * so that a message never echoes a long key. Control characters (tab and line breaks included)
   * and unpaired surrogates in a key are shown as {@code ?}.
   */
  static String describe(String pointer) {
    String path = pointer.replaceFirst("^/alerts/\\d+", "");
    if (path.isEmpty()) {
      return pointer.startsWith("/alerts/") ? "alert" : "body";
    }
    StringBuilder name = new StringBuilder();
    for (String token : path.substring(1).split("/", -1)) {
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(token.replace("~1", "/").replace("~0", "~"));
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isISOControl(c) || Character.isSurrogate(c) && !isPaired(name, i)) {
        name.setCharAt(i, '?');
      }
    }
    if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      int end = name.offsetByCodePoints(0, MAX_NAME_LENGTH);
      return name.substring(0, end) + "...";
    }
    return name.toString();
  }

  private static boolean isPaired(CharSequence text, int index) {
    char c = text.charAt(index);
    if (Character.isHighSurrogate(c)) {
      return index + 1 < text.length() && Character.isLowSurrogate(text.charAt(index + 1));
    }
    return index > 0 && Character.isHighSurrogate(text.charAt(index - 1));
  }
}
