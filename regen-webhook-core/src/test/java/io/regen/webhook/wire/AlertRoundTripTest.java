package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.Severity;
import io.regen.webhook.WebhookConfig;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class AlertRoundTripTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC_3339 =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSSxxx");

  private final WebhookConfig config = WebhookConfig.defaults();
  private final JsonBodyParser parser =
      new JsonBodyParser(config.maxNestingDepth(), config.maxBodyBytes());
  private final AlertBinder binder =
      new AlertBinder(config, WebhookSchema.forConfig(config), parser.mapper());

  /** A generated alert with the event the binder must produce for it. */
  record Sample(ObjectNode json, AlertEvent expected) {}

  @Property(tries = 300)
  void validAlertBindsToEqualEvent(@ForAll("alerts") Sample sample) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("alerts").add(sample.json());
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);

    BindResult result = binder.bind(parser.parse(new BodyBytes(bytes, bytes.length)), NOW);

    assertThat(result.rejected()).isEmpty();
    assertThat(result.events()).containsExactly(sample.expected());
  }

  /** The generated fields that JSON Schema types as strings or enums. */
  record Scalars(
      String title,
      String description,
      Severity severity,
      AlertStatus status,
      String externalId,
      String source) {}

  @Provide
  Arbitrary<Sample> alerts() {
    Arbitrary<Scalars> scalars =
        Combinators.combine(
                text(40).map(value -> "t" + value),
                text(60).injectNull(0.3),
                Arbitraries.of(Severity.class).injectNull(0.3),
                Arbitraries.of(AlertStatus.class).injectNull(0.3),
                text(30).map(value -> "id-" + value).injectNull(0.5),
                text(20).injectNull(0.3))
            .as(Scalars::new);
    return Combinators.combine(
            scalars,
            labels().injectNull(0.3),
            annotations().injectNull(0.3),
            startedAt().injectNull(0.3))
        .as(AlertRoundTripTest::sample);
  }

  private static Sample sample(
      Scalars scalars,
      Map<String, Object> labels,
      Map<String, String> annotations,
      OffsetDateTime startedAt) {
    String title = scalars.title();
    String description = scalars.description();
    Severity severity = scalars.severity();
    AlertStatus status = scalars.status();
    String externalId = scalars.externalId();
    String source = scalars.source();
    ObjectNode json = JSON.createObjectNode();
    json.put("title", title);
    json.put("description", description);
    json.put("severity", severity == null ? null : severity.wireName());
    json.put("status", status == null ? null : status.wireName());
    json.put("external_id", externalId);
    json.put("source", source);
    Map<String, String> labelText = null;
    if (labels != null) {
      labelText = new LinkedHashMap<>();
      ObjectNode labelsNode = json.putObject("labels");
      for (Map.Entry<String, Object> label : labels.entrySet()) {
        labelsNode.putPOJO(label.getKey(), label.getValue());
        labelText.put(label.getKey(), String.valueOf(label.getValue()));
      }
    }
    String annotationsJson = null;
    if (annotations != null) {
      ObjectNode annotationsNode = json.putObject("annotations");
      annotations.forEach(annotationsNode::put);
      annotationsJson = annotationsNode.toString();
    }
    json.put("started_at", startedAt == null ? null : RFC_3339.format(startedAt));
    String dedupKey =
        externalId != null ? externalId : DedupKeys.derive(source, title, labelText);
    AlertEvent expected =
        new AlertEvent(
            0, dedupKey, externalId, title, description, severity,
            status == null ? AlertStatus.FIRING : status, source, labelText, annotationsJson,
            startedAt == null ? null : startedAt.toInstant(), NOW);
    return new Sample(json, expected);
  }

  /** Strings of letters, quotes, backslashes, allowed white space, non-ASCII and emoji. */
  private static Arbitrary<String> text(int maxCodePoints) {
    return Arbitraries.of("a", "Z", "7", " ", "\"", "\\", "/", "\t", "\n", "\r", "é", "€", "中",
            "😀", "\u2028", "ä")
        .list()
        .ofMaxSize(maxCodePoints)
        .map(parts -> String.join("", parts));
  }

  private static Arbitrary<Map<String, Object>> labels() {
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            text(20).map(Object.class::cast),
            Arbitraries.bigIntegers()
                .between(BigInteger.valueOf(-1_000_000), BigInteger.valueOf(1_000_000))
                .map(Object.class::cast),
            Arbitraries.integers().between(-100_000, 100_000)
                .map(unscaled -> (Object) BigDecimal.valueOf(unscaled, 2)),
            Arbitraries.of(true, false).map(Object.class::cast));
    return Arbitraries.maps(text(12).map(key -> "k" + key), value).ofMaxSize(8);
  }

  private static Arbitrary<Map<String, String>> annotations() {
    return Arbitraries.maps(text(10).map(key -> "a" + key), text(30)).ofMaxSize(5);
  }

  private static Arbitrary<OffsetDateTime> startedAt() {
    Arbitrary<Instant> instants =
        Arbitraries.longs()
            .between(0, 4_000_000_000L)
            .flatMap(seconds -> Arbitraries.integers().between(0, 999_999_999)
                .map(nanos -> Instant.ofEpochSecond(seconds, nanos)));
    Arbitrary<ZoneOffset> offsets =
        Arbitraries.integers().between(-18 * 60, 18 * 60)
            .map(minutes -> ZoneOffset.ofTotalSeconds(minutes * 60));
    return Combinators.combine(instants, offsets).as(OffsetDateTime::ofInstant);
  }
}
