package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.regen.webhook.wire.WebhookSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WebhookSchemaEndpointTest {

  private final WebhookHandler handler =
      new WebhookHandler(WebhookConfig.builder().maxAlerts(9).build(), new RecordingEngine());
  private final WebhookSchema expected =
      WebhookSchema.forConfig(WebhookConfig.builder().maxAlerts(9).build());

  @Test
  void getReturnsSchemaWithEtag() {
    WebhookResponse response = handler.handleSchema(Requests.method("GET").build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers())
        .containsEntry("Content-Type", "application/schema+json")
        .containsEntry("ETag", expected.etag());
    assertThat(response.body()).isEqualTo(expected.bytes());
    assertThat(response.bodyText()).contains("\"maxItems\": 9");
  }

  @Test
  void getReturnsSameBytesEachTime() {
    WebhookResponse first = handler.handleSchema(Requests.method("GET").build());
    WebhookResponse second = handler.handleSchema(Requests.method("GET").build());

    assertThat(second.body()).isSameAs(first.body());
  }

  @Test
  void headReturnsHeadersOnly() {
    WebhookResponse response = handler.handleSchema(Requests.method("HEAD").build());

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.headers()).containsEntry("ETag", expected.etag());
    assertThat(response.body()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "W/", "\"other\", "})
  void matchingIfNoneMatchAnswers304(String prefix) {
    WebhookResponse response =
        handler.handleSchema(
            Requests.method("GET").header("If-None-Match", prefix + expected.etag()).build());

    assertThat(response.status()).isEqualTo(304);
    assertThat(response.headers()).containsEntry("ETag", expected.etag());
    assertThat(response.body()).isEmpty();
  }

  @Test
  void wildcardIfNoneMatchAnswers304() {
    WebhookResponse response =
        handler.handleSchema(Requests.method("GET").header("If-None-Match", "*").build());

    assertThat(response.status()).isEqualTo(304);
  }

  @Test
  void staleIfNoneMatchAnswers200() {
    WebhookResponse response =
        handler.handleSchema(Requests.method("GET").header("If-None-Match", "\"old\"").build());

    assertThat(response.status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "get"})
  void otherMethodsAnswer405(String method) {
    WebhookResponse response = handler.handleSchema(Requests.method(method).build());

    assertThat(response.status()).isEqualTo(405);
    assertThat(response.headers()).containsEntry("Allow", "GET, HEAD");
    assertThat(response.headers()).containsEntry("Content-Type", "application/problem+json");
  }
}
