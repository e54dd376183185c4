package io.regen.webhook;

import io.regen.webhook.signature.SignatureVerifier;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as an adapter hands it to the {@link WebhookHandler}: the method, the headers
 * and the raw body stream, unread.
 *
 * <p>{@link #toString()} shows the signature header's values as {@code (hidden)}, so that a
 * logged request never reveals a signature.
 *
 * @param method the HTTP method, such as {@code POST}; compared case-sensitively, as HTTP does
 * @param headers header values by name; names are stored in lower case, and the values of each
 *     name keep the order in which they arrived
 * @param body the raw body bytes exactly as received. The handler reads at most the configured
 *     limit plus a bounded rest to drain, and it does not close the stream
 */
public record WebhookRequest(String method, Map<String, List<String>> headers, InputStream body) {

  public WebhookRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(body, "body");
    // A name sent once, the usual case, keeps its copied list. Only repeated names are merged.
    Map<String, List<String>> normalized = new HashMap<>(2 * headers.size());
    for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
      String name = entry.getKey().toLowerCase(Locale.ROOT);
      List<String> values = List.copyOf(entry.getValue());
      List<String> earlier = normalized.putIfAbsent(name, values);
      if (earlier != null) {
        List<String> merged = new ArrayList<>(earlier);
        merged.addAll(values);
        normalized.put(name, List.copyOf(merged));
      }
    }
    headers = Map.copyOf(normalized);
  }

  private static final String HIDDEN = "(hidden)";

  /** Returns every value of the header with this name, matched case-insensitively. */
  public List<String> headerValues(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  /** Returns the first value of the header with this name, matched case-insensitively. */
  public Optional<String> header(String name) {
    List<String> values = headerValues(name);
    return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** Returns the method and the headers, with every signature value replaced; never the body. */
  @Override
  public String toString() {
    Map<String, List<String>> shown = new TreeMap<>(headers);
    shown.computeIfPresent(
        SignatureVerifier.HEADER.toLowerCase(Locale.ROOT),
        (name, values) -> Collections.nCopies(values.size(), HIDDEN));
    return "WebhookRequest[method=" + method + ", headers=" + shown + "]";
  }
}
