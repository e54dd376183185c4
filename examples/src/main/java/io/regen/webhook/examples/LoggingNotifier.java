package io.regen.webhook.examples;

import io.regen.webhook.Incident;
import io.regen.webhook.spi.IncidentNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs one line at INFO when an incident is flagged for resolution, and one when a flagged
 * incident becomes active again. A real host would page someone or close the incident here.
 * Thread-safe.
 */
final class LoggingNotifier implements IncidentNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(LoggingNotifier.class);

  @Override
  public void incidentFlagged(Incident incident) {
    LOG.info(
        "Incident {} flagged for resolution: all its alerts are resolved (group {})",
        incident.id(),
        groupOf(incident));
  }

  @Override
  public void incidentActiveAgain(Incident incident) {
    LOG.info(
        "Incident {} active again: a new alert joined it (group {})",
        incident.id(),
        groupOf(incident));
  }

  private static String groupOf(Incident incident) {
    return incident.groupKey() == null ? "none" : incident.groupKey();
  }
}
