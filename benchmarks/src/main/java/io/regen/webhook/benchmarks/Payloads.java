package io.regen.webhook.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * Request bodies of the benchmarks: alerts shaped like a monitoring tool's, with a title,
 * description, severity, status, external_id, source, three labels, two annotations and a start
 * time, about 450 bytes each.
 *
 * <p>Alert {@code i} of a body gets the external_id {@code <keyPrefix>-<i>} and one of {@value
 * #SERVICES} services, so a request spreads over that many incident groups. The same prefix gives
 * the same keys, so sending a body again updates its alerts.
 */
public final class Payloads {

  /** Number of distinct {@code service} label values, and so of incident groups per source. */
  public static final int SERVICES = 10;

  private Payloads() {}

  /** Returns a generic webhook body of {@code alerts} firing alerts, as UTF-8 JSON. */
  public static byte[] webhookBody(int alerts, String keyPrefix) {
    return webhookBody(alerts, keyPrefix, "firing");
  }

  /** Returns a generic webhook body of {@code alerts} alerts with this status. */
  public static byte[] webhookBody(int alerts, String keyPrefix, String status) {
    StringBuilder json = new StringBuilder(alerts * 480 + 16);
    json.append("{\"alerts\":[");
    for (int i = 0; i < alerts; i++) {
      if (i > 0) {
        json.append(',');
      }
      appendAlert(json, keyPrefix + "-" + i, i % SERVICES, status);
    }
    json.append("]}");
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void appendAlert(StringBuilder json, String key, int service, String status) {
    json.append("{\"title\":\"Redis memory usage above 90% on redis-").append(service)
        .append("\",\"description\":\"Instance redis-").append(service)
        .append(" uses 91.2% of its available memory.\",\"severity\":\"critical\",\"status\":\"")
        .append(status)
        .append("\",\"external_id\":\"").append(key)
        .append("\",\"source\":\"bench-monitor\",\"labels\":{\"service\":\"redis-").append(service)
        .append("\",\"environment\":\"production\",\"region\":\"us-east-1\"},")
        .append("\"annotations\":{\"runbook\":\"https://wiki.example.com/runbooks/redis-memory\",")
        .append("\"dashboard\":\"https://grafana.example.com/d/redis\"},")
        .append("\"started_at\":\"2026-01-15T10:30:00Z\"}");
  }

  /**
   * Returns a Prometheus Alertmanager {@code POST /api/v2/alerts} body with the same content:
   * the key becomes {@code alertname}, the labels stay labels, and title, description, runbook
   * and dashboard become annotations.
   */
  public static byte[] alertmanagerBody(int alerts, String keyPrefix) {
    StringBuilder json = new StringBuilder(alerts * 480 + 16);
    json.append('[');
    for (int i = 0; i < alerts; i++) {
      if (i > 0) {
        json.append(',');
      }
      int service = i % SERVICES;
      json.append("{\"labels\":{\"alertname\":\"").append(keyPrefix).append('-').append(i)
          .append("\",\"service\":\"redis-").append(service)
          .append("\",\"environment\":\"production\",\"region\":\"us-east-1\",")
          .append("\"severity\":\"critical\"},")
          .append("\"annotations\":{\"summary\":\"Redis memory usage above 90% on redis-")
          .append(service)
          .append("\",\"description\":\"Instance redis-").append(service)
          .append(" uses 91.2% of its available memory.\",")
          .append("\"runbook\":\"https://wiki.example.com/runbooks/redis-memory\",")
          .append("\"dashboard\":\"https://grafana.example.com/d/redis\"},")
          .append("\"startsAt\":\"2026-01-15T10:30:00Z\"}");
    }
    json.append(']');
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
