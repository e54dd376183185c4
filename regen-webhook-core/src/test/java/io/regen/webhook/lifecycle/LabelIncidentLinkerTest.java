package io.regen.webhook.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.regen.webhook.AlertEvent;
import io.regen.webhook.storekit.EventBuilder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LabelIncidentLinkerTest {

  private static final LabelIncidentLinker LINKER = LabelIncidentLinker.defaults();

  @Test
  void defaultsGroupByServiceAndEnvironment() {
    assertThat(LINKER.labelKeys()).containsExactly("service", "environment");
  }

  @Test
  void sameSourceAndLabelsShareGroup() {
    Optional<String> first = group("s", Map.of("service", "api", "environment", "prod"));
    Optional<String> second =
        group("s", Map.of("service", "api", "environment", "prod", "region", "eu"));

    assertThat(first).isPresent();
    assertThat(second).isEqualTo(first);
  }

  @Test
  void differentValuesMakeDifferentGroups() {
    Optional<String> base = group("s", Map.of("service", "api", "environment", "prod"));

    assertThat(group("t", Map.of("service", "api", "environment", "prod"))).isNotEqualTo(base);
    assertThat(group(null, Map.of("service", "api", "environment", "prod"))).isNotEqualTo(base);
    assertThat(group("s", Map.of("service", "api", "environment", "dev"))).isNotEqualTo(base);
    assertThat(group("s", Map.of("service", "api"))).isNotEqualTo(base);
  }

  @Test
  void missingLabelDiffersFromEmptyValue() {
    assertThat(group("s", Map.of("service", "api")))
        .isNotEqualTo(group("s", Map.of("service", "api", "environment", "")));
  }

  @Test
  void encodingIsUnambiguous() {
    assertThat(group("a", Map.of("service", "1:b")))
        .isNotEqualTo(group("a1:", Map.of("service", "b")));
    assertThat(group(null, Map.of("service", "-")))
        .isNotEqualTo(group("-", Map.of("service", "-")));
  }

  @Test
  void noGroupLabelsMeansOwnIncident() {
    assertThat(group("s", Map.of("region", "eu"))).isEmpty();
    assertThat(group("s", null)).isEmpty();
  }

  @Test
  void groupKeyHasFixedLength() {
    String longValue = "x".repeat(1_024);

    assertThat(group("s", Map.of("service", longValue))).get().asString().hasSize(71);
    assertThat(group("s", Map.of("service", "a"))).get().asString().startsWith("labels:");
  }

  @Test
  void customKeysInOrder() {
    LabelIncidentLinker linker = LabelIncidentLinker.of(List.of("team"));

    assertThat(linker.groupKey(event("s", Map.of("team", "core")))).isPresent();
    assertThat(linker.groupKey(event("s", Map.of("service", "api")))).isEmpty();
  }

  @Test
  void invalidKeyListsRejected() {
    assertThatThrownBy(() -> LabelIncidentLinker.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LabelIncidentLinker.of(List.of("a", "a")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Optional<String> group(String source, Map<String, String> labels) {
    return LINKER.groupKey(event(source, labels));
  }

  private static AlertEvent event(String source, Map<String, String> labels) {
    return EventBuilder.fire("k", "T")
        .source(source)
        .labels(labels)
        .build(0, Instant.parse("2026-01-01T00:00:00Z"));
  }
}
