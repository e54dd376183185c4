package io.regen.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class WebhookConfigTest {

  @Test
  void defaultsMatchDocumentation() {
    WebhookConfig config = WebhookConfig.defaults();

    assertThat(config.maxBodyBytes()).isEqualTo(1_048_576);
    assertThat(config.maxAlerts()).isEqualTo(100);
    assertThat(config.maxTitleLength()).isEqualTo(500);
    assertThat(config.maxDescriptionLength()).isEqualTo(5000);
    assertThat(config.maxExternalIdLength()).isEqualTo(255);
    assertThat(config.maxSourceLength()).isEqualTo(255);
    assertThat(config.maxLabels()).isEqualTo(64);
    assertThat(config.maxLabelKeyLength()).isEqualTo(128);
    assertThat(config.maxLabelValueLength()).isEqualTo(1024);
    assertThat(config.maxAnnotations()).isEqualTo(64);
    assertThat(config.maxAnnotationsBytes()).isEqualTo(16_384);
    assertThat(config.maxNestingDepth()).isEqualTo(32);
    assertThat(config.resolveRetention()).isEqualTo(Duration.ofHours(24));
    assertThat(config.reopenWindow()).isEqualTo(Duration.ZERO);
    assertThat(config.secrets()).isEmpty();
    assertThat(config.deriveKeys()).isTrue();
    assertThat(config.clock()).isEqualTo(Clock.systemUTC());
    assertThat(config.incidentLabelKeys()).containsExactly("service", "environment");
    assertThat(config.retryAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void toStringHidesSecrets() {
    WebhookConfig config =
        WebhookConfig.builder().secrets(List.of("topsecret-one", "é-two")).build();

    assertThat(config.toString())
        .contains("secrets=2 with byte lengths [13, 6]")
        .doesNotContain("topsecret", "two");
  }

  @Test
  void secretsAreKeptVerbatim() {
    WebhookConfig config = WebhookConfig.builder().addSecret(" padded ").addSecret("b").build();

    assertThat(config.secrets()).containsExactly(" padded ", "b");
  }

  @Test
  void emptySecretIsConfigurationError() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WebhookConfig.builder().addSecret("").build())
        .withMessage("secret 0 is empty");
  }

  @Test
  void secretWithoutUtf8FormIsRejected() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> WebhookConfig.builder().addSecret("a\ud800").build())
        .withMessageContaining("unpaired surrogate");
  }

  @Test
  void outOfRangeValuesAreRejected() {
    List<UnaryOperator<WebhookConfig.Builder>> invalid =
        List.of(
            b -> b.maxBodyBytes(0),
            b -> b.maxAlerts(0),
            b -> b.maxTitleLength(-1),
            b -> b.maxDescriptionLength(0),
            b -> b.maxExternalIdLength(0),
            b -> b.maxSourceLength(0),
            b -> b.maxLabels(0),
            b -> b.maxLabelKeyLength(0),
            b -> b.maxLabelValueLength(0),
            b -> b.maxAnnotations(0),
            b -> b.maxAnnotationsBytes(0),
            b -> b.maxNestingDepth(3),
            b -> b.maxNestingDepth(1001),
            b -> b.maxBodyBytes(Integer.MAX_VALUE),
            b -> b.resolveRetention(Duration.ZERO),
            b -> b.reopenWindow(Duration.ofSeconds(-1)),
            b -> b.retryAfter(Duration.ofMillis(999)),
            b -> b.incidentLabelKeys(List.of(" ")));

    for (UnaryOperator<WebhookConfig.Builder> change : invalid) {
      WebhookConfig.Builder builder = change.apply(WebhookConfig.builder());
      assertThatIllegalArgumentException().isThrownBy(builder::build);
    }
  }

  @Test
  void builderCopiesLists() {
    List<String> keys = new java.util.ArrayList<>(List.of("service"));
    WebhookConfig.Builder builder = WebhookConfig.builder().incidentLabelKeys(keys);
    keys.add("team");

    assertThat(builder.build().incidentLabelKeys()).containsExactly("service");
  }
}
