package io.regen.webhook.lifecycle;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.internal.Sha256Hex;
import io.regen.webhook.spi.IncidentLinker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link IncidentLinker}: alerts that share {@code source} and the values of a list of
 * label keys join one incident, and an alert that has none of those labels gets an incident of its
 * own.
 *
 * <p>The group key is {@code "labels:"} followed by the lower-case hex SHA-256 of an unambiguous
 * encoding of the source and of each configured label's value, where a missing label differs from
 * every value. Its length is therefore fixed at 71 characters whatever the label values, so that
 * stores can index it. Immutable and thread-safe.
 */
public final class LabelIncidentLinker implements IncidentLinker {

  /** The label keys that {@link #defaults()} groups by: {@code service} and {@code environment}. */
  public static final List<String> DEFAULT_LABEL_KEYS = List.of("service", "environment");

  private static final String PREFIX = "labels:";

  private final List<String> labelKeys;

  private LabelIncidentLinker(List<String> labelKeys) {
    this.labelKeys = labelKeys;
  }

  /** Returns a linker that groups by source and the labels {@link #DEFAULT_LABEL_KEYS}. */
  public static LabelIncidentLinker defaults() {
    return of(DEFAULT_LABEL_KEYS);
  }

  /**
   * Returns a linker that groups by source and the values of these label keys, in this order.
   *
   * @throws IllegalArgumentException if the list is empty or contains a duplicate
   */
  public static LabelIncidentLinker of(List<String> labelKeys) {
    List<String> keys = List.copyOf(labelKeys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("labelKeys must not be empty");
    }
    if (keys.stream().distinct().count() != keys.size()) {
      throw new IllegalArgumentException("labelKeys must not contain duplicates: " + keys);
    }
    return new LabelIncidentLinker(keys);
  }

  /** Returns the label keys this linker groups by. */
  public List<String> labelKeys() {
    return labelKeys;
  }

  /** Returns the group of the event's source and label values, or empty if it has none of them. */
  @Override
  public Optional<String> groupKey(AlertEvent event) {
    Map<String, String> labels = event.labels() == null ? Map.of() : event.labels();
    if (!hasAnyLabel(labels)) {
      return Optional.empty();
    }
    StringBuilder encoded = new StringBuilder();
    append(encoded, event.source());
    for (String key : labelKeys) {
      append(encoded, labels.get(key));
    }
    byte[] text = encoded.toString().getBytes(StandardCharsets.UTF_8);
    return Optional.of(PREFIX + Sha256Hex.of(text));
  }

  /** Returns whether the labels contain any of the keys; a loop, because it runs per event. */
  private boolean hasAnyLabel(Map<String, String> labels) {
    for (String key : labelKeys) {
      if (labels.containsKey(key)) {
        return true;
      }
    }
    return false;
  }

  /** Appends a value as its length and text, or a dash when it is missing. */
  private static void append(StringBuilder encoded, String value) {
    if (value == null) {
      encoded.append('-');
    } else {
      encoded.append(value.length()).append(':').append(value);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LabelIncidentLinker that && labelKeys.equals(that.labelKeys);
  }

  @Override
  public int hashCode() {
    return Objects.hash(labelKeys);
  }

  @Override
  public String toString() {
    return "LabelIncidentLinker" + labelKeys;
  }
}
