package io.regen.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Settings of one webhook endpoint: limits, signature secrets, key derivation and timing.
 * Immutable and thread-safe; created with {@link #builder()} and validated when built.
 *
 * <p>Defaults:
 *
 * <ul>
 *   <li>{@code maxBodyBytes}: 1 MiB (1,048,576 bytes)
 *   <li>{@code maxAlerts}: 100 alerts per request
 *   <li>{@code maxTitleLength}: 500 characters
 *   <li>{@code maxDescriptionLength}: 5,000 characters
 *   <li>{@code maxExternalIdLength}: 255 characters
 *   <li>{@code maxSourceLength}: 255 characters
 *   <li>{@code maxLabels}: 64 entries
 *   <li>{@code maxLabelKeyLength}: 128 characters
 *   <li>{@code maxLabelValueLength}: 1,024 characters
 *   <li>{@code maxAnnotations}: 64 entries
 *   <li>{@code maxAnnotationsBytes}: 16 KiB (16,384 bytes) of compact JSON, UTF-8 encoded
 *   <li>{@code maxNestingDepth}: 32 levels of JSON objects and arrays, the body's own included
 *   <li>{@code resolveRetention}: 24 hours
 *   <li>{@code reopenWindow}: zero, which switches reopening off
 *   <li>{@code secrets}: none, so unsigned requests are accepted
 *   <li>{@code deriveKeys}: {@code true}
 *   <li>{@code clock}: {@link Clock#systemUTC()}
 *   <li>{@code incidentLabelKeys}: {@code service}, {@code environment}
 *   <li>{@code retryAfter}: 5 seconds
 * </ul>
 *
 * <p>Lengths are counted in Unicode code points. {@link #toString()} shows the number of secrets
 * and their lengths, never the secrets.
 */
public final class WebhookConfig {

  /** Smallest accepted {@link #maxNestingDepth()}: body, alerts array, alert, labels object. */
  public static final int MIN_NESTING_DEPTH = 4;

  /**
   * Largest accepted {@link #maxNestingDepth()}, because validation and binding recurse once per
   * level and must stay well within a thread's stack.
   */
  public static final int MAX_NESTING_DEPTH = 1000;

  /**
   * Largest accepted {@link #maxBodyBytes()}: the body is buffered in one byte array together with
   * one extra byte that detects an oversized body.
   */
  public static final int MAX_BODY_BYTES = Integer.MAX_VALUE - 16;

  private final int maxBodyBytes;
  private final int maxAlerts;
  private final int maxTitleLength;
  private final int maxDescriptionLength;
  private final int maxExternalIdLength;
  private final int maxSourceLength;
  private final int maxLabels;
  private final int maxLabelKeyLength;
  private final int maxLabelValueLength;
  private final int maxAnnotations;
  private final int maxAnnotationsBytes;
  private final int maxNestingDepth;
  private final Duration resolveRetention;
  private final Duration reopenWindow;
  private final List<String> secrets;
  private final boolean deriveKeys;
  private final Clock clock;
  private final List<String> incidentLabelKeys;
  private final Duration retryAfter;

  private WebhookConfig(Builder builder) {
    maxBodyBytes = positive("maxBodyBytes", builder.maxBodyBytes);
    if (maxBodyBytes > MAX_BODY_BYTES) {
      throw new IllegalArgumentException(
          "maxBodyBytes must be at most " + MAX_BODY_BYTES + ": " + maxBodyBytes);
    }
    maxAlerts = positive("maxAlerts", builder.maxAlerts);
    maxTitleLength = positive("maxTitleLength", builder.maxTitleLength);
    maxDescriptionLength = positive("maxDescriptionLength", builder.maxDescriptionLength);
    maxExternalIdLength = positive("maxExternalIdLength", builder.maxExternalIdLength);
    maxSourceLength = positive("maxSourceLength", builder.maxSourceLength);
    maxLabels = positive("maxLabels", builder.maxLabels);
    maxLabelKeyLength = positive("maxLabelKeyLength", builder.maxLabelKeyLength);
    maxLabelValueLength = positive("maxLabelValueLength", builder.maxLabelValueLength);
    maxAnnotations = positive("maxAnnotations", builder.maxAnnotations);
    maxAnnotationsBytes = positive("maxAnnotationsBytes", builder.maxAnnotationsBytes);

    maxNestingDepth = builder.maxNestingDepth;
    if (maxNestingDepth < MIN_NESTING_DEPTH || maxNestingDepth > MAX_NESTING_DEPTH) {
      throw new IllegalArgumentException(
          "maxNestingDepth must be between " + MIN_NESTING_DEPTH + " and " + MAX_NESTING_DEPTH
              + ": " + maxNestingDepth);
    }

    resolveRetention = Objects.requireNonNull(builder.resolveRetention, "resolveRetention");
    if (resolveRetention.isNegative() || resolveRetention.isZero()) {
      throw new IllegalArgumentException("resolveRetention must be positive: " + resolveRetention);
    }
    reopenWindow = Objects.requireNonNull(builder.reopenWindow, "reopenWindow");
    if (reopenWindow.isNegative()) {
      throw new IllegalArgumentException("reopenWindow must not be negative: " + reopenWindow);
    }

    secrets = List.copyOf(builder.secrets);
    for (int i = 0; i < secrets.size(); i++) {
      checkSecret(i, secrets.get(i));
    }

    deriveKeys = builder.deriveKeys;
    clock = Objects.requireNonNull(builder.clock, "clock");
    incidentLabelKeys = List.copyOf(builder.incidentLabelKeys);
    for (String key : incidentLabelKeys) {
      if (key.isBlank()) {
        throw new IllegalArgumentException("incidentLabelKeys must not contain a blank key");
      }
    }

    retryAfter = Objects.requireNonNull(builder.retryAfter, "retryAfter");
    if (retryAfter.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("retryAfter must be at least 1 second: " + retryAfter);
    }
  }

  /** Returns a builder that starts from the defaults listed in the class documentation. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns the configuration with every default. */
  public static WebhookConfig defaults() {
    return builder().build();
  }

  /** Returns the maximum body size in bytes. */
  public int maxBodyBytes() {
    return maxBodyBytes;
  }

  /** Returns the maximum number of alerts per request. */
  public int maxAlerts() {
    return maxAlerts;
  }

  /** Returns the maximum length of {@code title}, in code points. */
  public int maxTitleLength() {
    return maxTitleLength;
  }

  /** Returns the maximum length of {@code description}, in code points. */
  public int maxDescriptionLength() {
    return maxDescriptionLength;
  }

  /** Returns the maximum length of {@code external_id}, in code points. */
  public int maxExternalIdLength() {
    return maxExternalIdLength;
  }

  /** Returns the maximum length of {@code source}, in code points. */
  public int maxSourceLength() {
    return maxSourceLength;
  }

  /** Returns the maximum number of labels of one alert. */
  public int maxLabels() {
    return maxLabels;
  }

  /** Returns the maximum length of a label key, in code points. */
  public int maxLabelKeyLength() {
    return maxLabelKeyLength;
  }

  /** Returns the maximum length of a string label value, in code points. */
  public int maxLabelValueLength() {
    return maxLabelValueLength;
  }

  /** Returns the maximum number of top-level annotation entries of one alert. */
  public int maxAnnotations() {
    return maxAnnotations;
  }

  /** Returns the maximum size of an alert's annotations as compact UTF-8 JSON, in bytes. */
  public int maxAnnotationsBytes() {
    return maxAnnotationsBytes;
  }

  /** Returns the maximum nesting depth of JSON objects and arrays in a body. */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /** Returns how long a resolve without a matching open alert is remembered. */
  public Duration resolveRetention() {
    return resolveRetention;
  }

  /** Returns the reopen window; zero means a firing event after a resolve creates a new alert. */
  public Duration reopenWindow() {
    return reopenWindow;
  }

  /** Returns the signature secrets; empty when unsigned requests are accepted. */
  public List<String> secrets() {
    return secrets;
  }

  /** Returns whether keys are derived for alerts without {@code external_id}. */
  public boolean deriveKeys() {
    return deriveKeys;
  }

  /** Returns the clock that gives the time of receipt. */
  public Clock clock() {
    return clock;
  }

  /** Returns the label keys that, with {@code source}, group alerts into one incident. */
  public List<String> incidentLabelKeys() {
    return incidentLabelKeys;
  }

  /** Returns the delay sent in {@code Retry-After} when the store is unavailable. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Returns the settings, with the number and lengths of the secrets but never the secrets. */
  @Override
  public String toString() {
    String secretLengths =
        secrets.stream()
            .map(secret -> String.valueOf(secret.getBytes(StandardCharsets.UTF_8).length))
            .collect(Collectors.joining(", ", "[", "]"));
    return "WebhookConfig{maxBodyBytes=" + maxBodyBytes
        + ", maxAlerts=" + maxAlerts
        + ", maxTitleLength=" + maxTitleLength
        + ", maxDescriptionLength=" + maxDescriptionLength
        + ", maxExternalIdLength=" + maxExternalIdLength
        + ", maxSourceLength=" + maxSourceLength
        + ", maxLabels=" + maxLabels
        + ", maxLabelKeyLength=" + maxLabelKeyLength
        + ", maxLabelValueLength=" + maxLabelValueLength
        + ", maxAnnotations=" + maxAnnotations
        + ", maxAnnotationsBytes=" + maxAnnotationsBytes
        + ", maxNestingDepth=" + maxNestingDepth
        + ", resolveRetention=" + resolveRetention
        + ", reopenWindow=" + reopenWindow
        + ", secrets=" + secrets.size() + " with byte lengths " + secretLengths
        + ", deriveKeys=" + deriveKeys
        + ", clock=" + clock
        + ", incidentLabelKeys=" + incidentLabelKeys
        + ", retryAfter=" + retryAfter
        + "}";
  }

  private static int positive(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1: " + value);
    }
    return value;
  }

  private static void checkSecret(int index, String secret) {
    if (secret.isEmpty()) {
      throw new IllegalArgumentException("secret " + index + " is empty");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < secret.length()
          && Character.isLowSurrogate(secret.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        // Such a string has no UTF-8 encoding, so the key would silently differ from the sender's.
        throw new IllegalArgumentException("secret " + index + " contains an unpaired surrogate");
      }
    }
  }

  /** Builder of {@link WebhookConfig}; not thread-safe. Every setter rejects {@code null}. */
  public static final class Builder {
    private int maxBodyBytes = 1024 * 1024;
    private int maxAlerts = 100;
    private int maxTitleLength = 500;
    private int maxDescriptionLength = 5000;
    private int maxExternalIdLength = 255;
    private int maxSourceLength = 255;
    private int maxLabels = 64;
    private int maxLabelKeyLength = 128;
    private int maxLabelValueLength = 1024;
    private int maxAnnotations = 64;
    private int maxAnnotationsBytes = 16 * 1024;
    private int maxNestingDepth = 32;
    private Duration resolveRetention = Duration.ofHours(24);
    private Duration reopenWindow = Duration.ZERO;
    private final List<String> secrets = new ArrayList<>();
    private boolean deriveKeys = true;
    private Clock clock = Clock.systemUTC();
    private List<String> incidentLabelKeys = List.of("service", "environment");
    private Duration retryAfter = Duration.ofSeconds(5);

    private Builder() {}

    /** Sets the maximum body size in bytes, at most {@link WebhookConfig#MAX_BODY_BYTES}. */
    public Builder maxBodyBytes(int value) {
      maxBodyBytes = value;
      return this;
    }

    /** Sets the maximum number of alerts per request. */
    public Builder maxAlerts(int value) {
      maxAlerts = value;
      return this;
    }

    /** Sets the maximum length of {@code title}, in code points. */
    public Builder maxTitleLength(int value) {
      maxTitleLength = value;
      return this;
    }

    /** Sets the maximum length of {@code description}, in code points. */
    public Builder maxDescriptionLength(int value) {
      maxDescriptionLength = value;
      return this;
    }

    /** Sets the maximum length of {@code external_id}, in code points. */
    public Builder maxExternalIdLength(int value) {
      maxExternalIdLength = value;
      return this;
    }

    /** Sets the maximum length of {@code source}, in code points. */
    public Builder maxSourceLength(int value) {
      maxSourceLength = value;
      return this;
    }

    /** Sets the maximum number of labels of one alert. */
    public Builder maxLabels(int value) {
      maxLabels = value;
      return this;
    }

    /** Sets the maximum length of a label key, in code points. */
    public Builder maxLabelKeyLength(int value) {
      maxLabelKeyLength = value;
      return this;
    }

    /** Sets the maximum length of a string label value, in code points. */
    public Builder maxLabelValueLength(int value) {
      maxLabelValueLength = value;
      return this;
    }

    /** Sets the maximum number of top-level annotation entries of one alert. */
    public Builder maxAnnotations(int value) {
      maxAnnotations = value;
      return this;
    }

    /** Sets the maximum size of an alert's annotations as compact UTF-8 JSON, in bytes. */
    public Builder maxAnnotationsBytes(int value) {
      maxAnnotationsBytes = value;
      return this;
    }

    /** Sets the maximum nesting depth of JSON objects and arrays, from 4 to 1,000. */
    public Builder maxNestingDepth(int value) {
      maxNestingDepth = value;
      return this;
    }

    /** Sets how long a resolve without a matching open alert is remembered; positive. */
    public Builder resolveRetention(Duration value) {
      resolveRetention = Objects.requireNonNull(value, "resolveRetention");
      return this;
    }

    /** Sets the reopen window; zero switches reopening off. */
    public Builder reopenWindow(Duration value) {
      reopenWindow = Objects.requireNonNull(value, "reopenWindow");
      return this;
    }

    /**
     * Replaces the signature secrets. Each is used as its UTF-8 bytes, verbatim; an empty secret
     * is rejected when the configuration is built. Any of them may sign a request, so a secret can
     * be rotated by configuring the old and the new one for a while.
     */
    public Builder secrets(List<String> values) {
      secrets.clear();
      for (String value : values) {
        secrets.add(Objects.requireNonNull(value, "secret"));
      }
      return this;
    }

    /** Adds one signature secret, as {@link #secrets(List)} describes. */
    public Builder addSecret(String value) {
      secrets.add(Objects.requireNonNull(value, "secret"));
      return this;
    }

    /** Sets whether keys are derived for alerts without {@code external_id}. */
    public Builder deriveKeys(boolean value) {
      deriveKeys = value;
      return this;
    }

    /** Sets the clock that gives the time of receipt. */
    public Builder clock(Clock value) {
      clock = Objects.requireNonNull(value, "clock");
      return this;
    }

    /** Sets the label keys that, with {@code source}, group alerts into one incident. */
    public Builder incidentLabelKeys(List<String> values) {
      incidentLabelKeys = List.copyOf(values);
      return this;
    }

    /** Sets the delay sent in {@code Retry-After} when the store is unavailable; at least 1 s. */
    public Builder retryAfter(Duration value) {
      retryAfter = Objects.requireNonNull(value, "retryAfter");
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a value is out of range or a secret is empty
     */
    public WebhookConfig build() {
      return new WebhookConfig(this);
    }
  }
}
