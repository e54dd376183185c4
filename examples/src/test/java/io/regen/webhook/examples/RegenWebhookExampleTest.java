package io.regen.webhook.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Parses receiver command lines without starting anything. The build removes the {@code
 * REGEN_WEBHOOK_*} variables from the test environment, and the end-to-end tests cover them.
 */
class RegenWebhookExampleTest {

  @Test
  void settingsHaveDocumentedDefaults() {
    ReceiverSettings settings = parse();

    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
    assertThat(settings.secrets()).isEmpty();
    assertThat(settings.memory()).isFalse();
    assertThat(settings.jdbcUrl()).isEqualTo("jdbc:h2:file:./regen-data/regen-webhook");
    assertThat(settings.jdbcUser()).isEqualTo("sa");
    assertThat(settings.jdbcPassword()).isNull();
    assertThat(settings.reopenWindow()).isEqualTo(Duration.ZERO);
    assertThat(settings.stopTimeout()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void secretRepeatsAndSplitsOnCommas() {
    assertThat(parse("--secret", "a", "--secret", "b").secrets()).containsExactly("a", "b");
    assertThat(parse("--secret", "a,b").secrets()).containsExactly("a", "b");
  }

  @Test
  void emptySecretIsRejected() {
    assertThatThrownBy(() -> parse("--secret", "a,,b"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("secret is empty");
  }

  @Test
  void memoryExcludesJdbcUrl() {
    assertThat(parse("--memory").memory()).isTrue();
    assertThatThrownBy(() -> parse("--memory", "--jdbc-url", "jdbc:h2:mem:x"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("exclude each other");
  }

  @Test
  void jdbcUserDefaultsOnlyForH2() {
    assertThat(parse("--jdbc-url", "jdbc:postgresql://db/regen").jdbcUser()).isNull();
    assertThat(parse("--jdbc-url", "jdbc:h2:mem:x").jdbcUser()).isEqualTo("sa");
    assertThat(parse("--jdbc-url", "jdbc:h2:mem:x", "--jdbc-user", "app").jdbcUser())
        .isEqualTo("app");
  }

  @Test
  void durationsAcceptUnits() {
    ReceiverSettings settings = parse("--reopen-window", "10m", "--stop-timeout", "500ms");

    assertThat(settings.reopenWindow()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.stopTimeout()).isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void portOutOfRangeIsRejected() {
    assertThat(parse("--port", "0").port()).isZero();
    assertThatThrownBy(() -> parse("--port", "65536"))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--port");
  }

  @Test
  void settingsTextHidesSecretsAndPassword() {
    ReceiverSettings settings =
        parse(
            "--secret", "s3cret-value",
            "--jdbc-url", "jdbc:postgresql://db/regen?password=url-pass",
            "--jdbc-password", "option-pass");

    assertThat(settings.toString()).doesNotContain("s3cret-value", "url-pass", "option-pass");
    assertThat(settings.toString()).contains("secrets=1");
  }

  private static ReceiverSettings parse(String... args) {
    RegenWebhookExample command = new RegenWebhookExample();
    new CommandLine(command).parseArgs(args);
    return command.settings();
  }
}
