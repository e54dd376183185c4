package io.regen.webhook.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.regen.webhook.internal.Sha256Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Derives the deduplication key of an alert that has no {@code external_id}.
 *
 * <p>The key is {@value #PREFIX} followed by the lower-case hex SHA-256 of the compact JSON array
 * {@code [source, title, [[key, value], ...]]}, where {@code source} is {@code null} when absent
 * and the labels are sorted by key in {@link String#compareTo} order. JSON quoting makes the
 * encoding unambiguous: no two different inputs give the same text. Only identifying fields enter
 * the key; timestamps, description, annotations, severity and status never do.
 *
 * <p>An {@code external_id} that starts with {@value #RESERVED_PREFIX} is rejected by the schema,
 * so a derived key can never equal an {@code external_id}. Thread-safe.
 */
public final class DedupKeys {

  /** Prefix of every derived key. */
  public static final String PREFIX = "derived:sha256:";

  /** Prefix that no {@code external_id} may start with. */
  public static final String RESERVED_PREFIX = "derived:";

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private DedupKeys() {}

  /**
   * Returns the derived key.
   *
   * @param source the alert's source, or {@code null}
   * @param title the alert's title
   * @param labels the alert's labels as stored text, or {@code null} for none
   */
  public static String derive(String source, String title, Map<String, String> labels) {
    ByteArrayOutputStream canonical = new ByteArrayOutputStream();
    try (JsonGenerator generator = JSON.createGenerator(canonical)) {
      generator.writeStartArray();
      generator.writeString(source);
      generator.writeString(title);
      generator.writeStartArray();
      for (String key : sortedKeys(labels)) {
        generator.writeStartArray();
        generator.writeString(key);
        generator.writeString(labels.get(key));
        generator.writeEndArray();
      }
      generator.writeEndArray();
      generator.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return PREFIX + Sha256Hex.of(canonical.toByteArray());
  }

  /** Returns the label keys in {@link String#compareTo} order, none for {@code null} labels. */
  private static String[] sortedKeys(Map<String, String> labels) {
    if (labels == null) {
      return new String[0];
    }
    String[] keys = labels.keySet().toArray(new String[0]);
    Arrays.sort(keys);
    return keys;
  }
}
