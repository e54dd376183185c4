package io.regen.webhook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EndpointTest {

  @ParameterizedTest(name = "servlet path ''{0}'', path info ''{1}''")
  @CsvSource(
      nullValues = "null",
      value = {
        "/hooks, /api/v1/webhooks/generic, WEBHOOK",
        "/hooks, /api/v1/webhooks/generic/schema, SCHEMA",
        "'', /api/v1/webhooks/generic, WEBHOOK",
        "'', /api/v1/webhooks/generic/schema, SCHEMA",
        "/api/v1/webhooks/generic, null, WEBHOOK",
        "/base/api/v1/webhooks/generic, null, WEBHOOK",
        "/base/api/v1/webhooks/generic/schema, null, SCHEMA",
        "/base/api/v1/webhooks/generic, /schema, SCHEMA",
      })
  void pathMappingServesEndpoint(String servletPath, String pathInfo, Endpoint expected) {
    assertThat(Endpoint.of(servletPath, pathInfo, false)).contains(expected);
  }

  @ParameterizedTest(name = "servlet path ''{0}'', path info ''{1}''")
  @CsvSource(
      nullValues = "null",
      value = {
        "/hooks, null",
        "/hooks, /",
        "/hooks, /api/v1/webhooks",
        "/hooks, /api/v1/webhooks/generic/",
        "/hooks, /api/v1/webhooks/generic/schema/",
        "/hooks, /api/v1/webhooks/generic/other",
        "/hooks, /x/api/v1/webhooks/generic",
        "/hooks, /api/v1/webhooks/generic/x/api/v1/webhooks/generic/schema",
        "'', /x/api/v1/webhooks/generic",
        "'', /API/V1/WEBHOOKS/GENERIC",
        "/base/api/v1/webhooks/generic, /other",
      })
  void pathMappingRejectsOtherPath(String servletPath, String pathInfo) {
    assertThat(Endpoint.of(servletPath, pathInfo, false)).isEmpty();
  }

  @Test
  void defaultMappingServesContextRoot() {
    assertThat(Endpoint.of("/api/v1/webhooks/generic", null, true)).contains(Endpoint.WEBHOOK);
    assertThat(Endpoint.of("/api/v1/webhooks/generic/schema", null, true))
        .contains(Endpoint.SCHEMA);
  }

  @Test
  void defaultMappingRejectsPrefix() {
    Optional<Endpoint> endpoint = Endpoint.of("/x/api/v1/webhooks/generic", null, true);

    assertThat(endpoint).isEmpty();
  }
}
