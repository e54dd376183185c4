package io.regen.webhook.wire;

import io.regen.webhook.AlertStatus;
import io.regen.webhook.Severity;
import java.time.Instant;
import java.util.Map;

/**
 * The values of an alert that {@link AlertValidator} accepted, read in the same pass. Fields the
 * sender left out or sent as {@code null} are {@code null}, status included.
 *
 * @param labels labels with numbers and booleans as their JSON text and null values left out, or
 *     {@code null} when absent; a mutable map that the event copies
 * @param annotationsJson the annotations as compact JSON, or {@code null} when absent
 * @param startedAt {@code started_at} parsed once, or {@code null} when absent
 */
record ValidAlert(
    String title,
    String description,
    Severity severity,
    AlertStatus status,
    String externalId,
    String source,
    Map<String, String> labels,
    String annotationsJson,
    Instant startedAt) {}
