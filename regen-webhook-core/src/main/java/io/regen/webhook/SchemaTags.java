package io.regen.webhook;

import java.util.List;

/** Evaluates {@code If-None-Match} against the schema's entity tag (RFC 9110, section 13.1.2). */
final class SchemaTags {

  private SchemaTags() {}

  /**
   * Returns whether any header value lists {@code *} or the tag. The comparison is weak, as
   * {@code If-None-Match} requires, so {@code W/"x"} matches {@code "x"}.
   */
  static boolean matches(List<String> headerValues, String etag) {
    for (String headerValue : headerValues) {
      for (String candidate : headerValue.split(",", -1)) {
        String tag = candidate.strip();
        if (tag.startsWith("W/")) {
          tag = tag.substring(2);
        }
        if (tag.equals("*") || tag.equals(etag)) {
          return true;
        }
      }
    }
    return false;
  }
}
