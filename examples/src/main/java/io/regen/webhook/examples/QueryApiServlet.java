package io.regen.webhook.examples;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regen.webhook.Alert;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Incident;
import io.regen.webhook.IncidentState;
import io.regen.webhook.spi.AlertQuery;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentQuery;
import io.regen.webhook.spi.StoreUnavailableException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read-only JSON view of the stored alerts and incidents, and a health check.
 *
 * <ul>
 *   <li>{@code GET /api/v1/alerts}: {@code {"alerts": [...]}}, the most recent event first,
 *       filtered by the query parameters {@code external_id}, {@code status}, {@code incident_id}
 *       and {@code limit} (1 to 1,000, default 100)
 *   <li>{@code GET /api/v1/alerts/{id}}: one alert, or 404
 *   <li>{@code GET /api/v1/incidents}: {@code {"incidents": [...]}}, the newest first, each with
 *       the ids of its alerts, filtered by {@code state} and {@code limit}
 *   <li>{@code GET /api/v1/incidents/{id}}: one incident, or 404
 *   <li>{@code GET /health}: {@code {"status": "up"}} when a query of the store succeeds, 503
 *       otherwise
 * </ul>
 *
 * <p>Errors are problem details ({@code application/problem+json}). Thread-safe.
 */
final class QueryApiServlet extends HttpServlet {

  static final String ALERTS_PATH = "/api/v1/alerts";
  static final String INCIDENTS_PATH = "/api/v1/incidents";
  static final String HEALTH_PATH = "/health";

  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(QueryApiServlet.class);
  private static final int DEFAULT_LIMIT = 100;

  private final transient AlertStore store;
  private final transient JsonViews views;
  private final transient JsonResponses responses;

  QueryApiServlet(AlertStore store, JsonViews views) {
    this.store = store;
    this.views = views;
    this.responses = new JsonResponses(views);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws ServletException, IOException {
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      super.service(request, response);
      return;
    }
    response.setHeader("Allow", "GET, HEAD");
    responses.problem(
        response,
        HttpServletResponse.SC_METHOD_NOT_ALLOWED,
        "This resource is read-only: only GET and HEAD are allowed.");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try {
      route(request, response);
    } catch (InvalidParameterException e) {
      responses.problem(response, HttpServletResponse.SC_BAD_REQUEST, e.getMessage());
    } catch (StoreUnavailableException e) {
      LOG.warn("Store unavailable while serving GET {}: {}", request.getRequestURI(), e.toString());
      response.setHeader("Retry-After", "5");
      responses.problem(
          response,
          HttpServletResponse.SC_SERVICE_UNAVAILABLE,
          "The alert store is unavailable. Retry later.");
    }
  }

  private void route(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String pathInfo = request.getPathInfo();
    Optional<String> id =
        pathInfo == null || pathInfo.equals("/")
            ? Optional.empty()
            : Optional.of(pathInfo.substring(1));
    switch (request.getServletPath()) {
      case ALERTS_PATH -> {
        if (id.isPresent()) {
          showAlert(response, id.get());
        } else {
          listAlerts(request, response);
        }
      }
      case INCIDENTS_PATH -> {
        if (id.isPresent()) {
          showIncident(response, id.get());
        } else {
          listIncidents(request, response);
        }
      }
      case HEALTH_PATH -> health(response);
      default -> responses.problem(
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "No resource at " + JsonResponses.quote(request.getRequestURI()) + ".");
    }
  }

  private void listAlerts(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    AlertQuery query = AlertQuery.all().withLimit(limit(request));
    String externalId = request.getParameter("external_id");
    if (externalId != null) {
      query = query.withExternalId(externalId);
    }
    String status = request.getParameter("status");
    if (status != null) {
      query =
          query.withStatus(
              AlertStatus.fromWireName(status)
                  .orElseThrow(
                      () -> new InvalidParameterException(
                          "Query parameter status must be firing or resolved, not "
                              + JsonResponses.quote(status) + ".")));
    }
    String incidentId = request.getParameter("incident_id");
    if (incidentId != null) {
      query = query.withIncidentId(incidentId);
    }
    List<ObjectNode> alerts = new ArrayList<>();
    for (Alert alert : store.listAlerts(query)) {
      alerts.add(views.alert(alert));
    }
    responses.ok(response, views.list("alerts", alerts));
  }

  private void showAlert(HttpServletResponse response, String alertId) throws IOException {
    Optional<Alert> alert = store.findAlert(alertId);
    if (alert.isEmpty()) {
      responses.problem(
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "No alert with id " + JsonResponses.quote(alertId) + ".");
      return;
    }
    responses.ok(response, views.alert(alert.get()));
  }

  private void listIncidents(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    IncidentQuery query = new IncidentQuery(Optional.empty(), limit(request));
    String state = request.getParameter("state");
    if (state != null) {
      query = query.withState(incidentState(state));
    }
    List<ObjectNode> incidents = new ArrayList<>();
    for (Incident incident : store.listIncidents(query)) {
      incidents.add(incidentView(incident));
    }
    responses.ok(response, views.list("incidents", incidents));
  }

  private void showIncident(HttpServletResponse response, String incidentId) throws IOException {
    Optional<Incident> incident = store.findIncident(incidentId);
    if (incident.isEmpty()) {
      responses.problem(
          response,
          HttpServletResponse.SC_NOT_FOUND,
          "No incident with id " + JsonResponses.quote(incidentId) + ".");
      return;
    }
    responses.ok(response, incidentView(incident.get()));
  }

  // NOTE: one extra store query per incident; fine for a view capped at 1,000 incidents.
  private ObjectNode incidentView(Incident incident) {
    List<String> alertIds = new ArrayList<>();
    for (Alert alert : store.listAlerts(AlertQuery.all().withIncidentId(incident.id()))) {
      alertIds.add(alert.id());
    }
    return views.incident(incident, alertIds);
  }

  private void health(HttpServletResponse response) throws IOException {
    store.listIncidents(new IncidentQuery(Optional.empty(), 1));
    responses.ok(response, views.fields(Map.of("status", "up")));
  }

  private static IncidentState incidentState(String value) {
    for (IncidentState state : IncidentState.values()) {
      if (state.wireName().equals(value)) {
        return state;
      }
    }
    throw new InvalidParameterException(
        "Query parameter state must be active, resolution_pending or resolved, not "
            + JsonResponses.quote(value) + ".");
  }

  private static int limit(HttpServletRequest request) {
    String value = request.getParameter("limit");
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int max = AlertQuery.MAX_LIMIT;
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= max) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // Falls through to the same error as an out-of-range number.
    }
    throw new InvalidParameterException(
        "Query parameter limit must be a whole number from 1 to " + max + ", not "
            + JsonResponses.quote(value) + ".");
  }

  /** Signals a query parameter with an invalid value, which the servlet rejects with 400. */
  private static final class InvalidParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InvalidParameterException(String message) {
      super(message);
    }
  }
}
