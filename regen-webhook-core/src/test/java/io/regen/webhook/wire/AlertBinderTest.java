package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.AlertStatus;
import io.regen.webhook.EventResult;
import io.regen.webhook.FieldError;
import io.regen.webhook.Severity;
import io.regen.webhook.WebhookConfig;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertBinderTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  private WebhookConfig config = WebhookConfig.defaults();

  private BindResult bind(String body) {
    JsonBodyParser parser = new JsonBodyParser(config.maxNestingDepth(), config.maxBodyBytes());
    AlertBinder binder = new AlertBinder(config, WebhookSchema.forConfig(config), parser.mapper());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    JsonNode root = parser.parse(new BodyBytes(bytes, bytes.length));
    return binder.bind(root, NOW);
  }

  private AlertEvent bindOne(String alert) {
    BindResult result = bind("{\"alerts\":[" + alert + "]}");
    assertThat(result.rejected()).as("rejected alerts").isEmpty();
    assertThat(result.events()).hasSize(1);
    return result.events().get(0);
  }

  private List<FieldError> errorsOf(String alert) {
    BindResult result = bind("{\"alerts\":[" + alert + "]}");
    assertThat(result.events()).as("accepted events").isEmpty();
    assertThat(result.rejected()).hasSize(1);
    return result.rejected().get(0).errors();
  }

  private FieldError onlyError(String alert) {
    List<FieldError> errors = errorsOf(alert);
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  @Test
  void bindsEveryField() {
    AlertEvent event =
        bindOne(
            "{\"title\":\"Redis memory above 90%\",\"description\":\"91.2% used\","
                + "\"severity\":\"critical\",\"status\":\"firing\",\"external_id\":\"redis-1\","
                + "\"source\":\"script\",\"labels\":{\"service\":\"redis\",\"shard\":3,"
                + "\"ratio\":1.50,\"primary\":true},"
                + "\"annotations\":{\"runbook\": \"https://wiki/r\", \"n\": [1, {\"x\": null}]},"
                + "\"started_at\":\"2024-01-15T10:30:00Z\"}");

    assertThat(event.index()).isZero();
    assertThat(event.title()).isEqualTo("Redis memory above 90%");
    assertThat(event.description()).isEqualTo("91.2% used");
    assertThat(event.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(event.externalId()).isEqualTo("redis-1");
    assertThat(event.dedupKey()).isEqualTo("redis-1");
    assertThat(event.source()).isEqualTo("script");
    assertThat(event.labels())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("service", "redis", "shard", "3", "ratio", "1.50", "primary", "true"));
    assertThat(event.annotationsJson())
        .isEqualTo("{\"runbook\":\"https://wiki/r\",\"n\":[1,{\"x\":null}]}");
    assertThat(event.startedAt()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
    assertThat(event.receivedAt()).isEqualTo(NOW);
  }

  @Test
  void appliesDefaultsAndTreatsNullAsAbsent() {
    AlertEvent event =
        bindOne(
            "{\"title\":\"t\",\"description\":null,\"severity\":null,\"status\":null,"
                + "\"external_id\":null,\"source\":null,\"labels\":{\"a\":null,\"b\":\"x\"},"
                + "\"annotations\":null,\"started_at\":null}");

    assertThat(event.status()).isEqualTo(AlertStatus.FIRING);
    assertThat(event.severity()).isNull();
    assertThat(event.description()).isNull();
    assertThat(event.externalId()).isNull();
    assertThat(event.source()).isNull();
    assertThat(event.labels()).containsExactlyEntriesOf(Map.of("b", "x"));
    assertThat(event.annotationsJson()).isNull();
    assertThat(event.startedAt()).isNull();
    assertThat(event.effectiveStartedAt()).isEqualTo(NOW);
  }

  @Test
  void absentLabelsStayNull() {
    assertThat(bindOne("{\"title\":\"t\"}").labels()).isNull();
    assertThat(bindOne("{\"title\":\"t\",\"labels\":{}}").labels()).isEmpty();
  }

  @Test
  void ignoresUnknownFields() {
    BindResult result =
        bind("{\"version\":2,\"alerts\":[{\"title\":\"t\",\"fingerprint\":{\"deep\":[1]}}]}");

    assertThat(result.events()).hasSize(1);
  }

  @Test
  void titleIsRequiredForFiring() {
    FieldError error = onlyError("{\"external_id\":\"x\"}");

    assertThat(error.pointer()).isEqualTo("/alerts/0/title");
    assertThat(error.message()).isEqualTo(SchemaErrors.TITLE_REQUIRED);
    assertThat(onlyError("{\"title\":null,\"external_id\":\"x\"}").message())
        .isEqualTo(SchemaErrors.TITLE_REQUIRED);
  }

  @Test
  void resolveByExternalIdNeedsNoTitle() {
    AlertEvent event = bindOne("{\"status\":\"resolved\",\"external_id\":\"redis-1\"}");

    assertThat(event.isResolve()).isTrue();
    assertThat(event.title()).isNull();
    assertThat(event.dedupKey()).isEqualTo("redis-1");
  }

  @Test
  void resolveWithoutExternalIdNeedsTitle() {
    assertThat(onlyError("{\"status\":\"resolved\"}").message())
        .isEqualTo(SchemaErrors.TITLE_REQUIRED);
    assertThat(onlyError("{\"status\":\"resolved\",\"external_id\":null}").pointer())
        .isEqualTo("/alerts/0/title");
  }

  @Test
  void resolveWithoutExternalIdUsesDerivedKey() {
    AlertEvent firing = bindOne("{\"title\":\"t\",\"source\":\"s\",\"labels\":{\"a\":\"1\"}}");
    AlertEvent resolve =
        bindOne(
            "{\"title\":\"t\",\"source\":\"s\",\"labels\":{\"a\":\"1\"},\"status\":\"resolved\"}");

    assertThat(resolve.dedupKey()).isEqualTo(firing.dedupKey()).startsWith(DedupKeys.PREFIX);
  }

  @ParameterizedTest
  @ValueSource(strings = {"\\u00a0", "\\u3000\\u2003", "\\u2028", "\\ufeff \\u202f"})
  void titleOfUnicodeSpacesIsBlank(String title) {
    FieldError error = onlyError("{\"title\":\"" + title + "\"}");

    assertThat(error.pointer()).isEqualTo("/alerts/0/title");
    assertThat(error.message()).isEqualTo("title must not be blank");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"\"", "\"   \"", "\"\\t\\n\""})
  void blankTitleIsRejected(String title) {
    FieldError error = onlyError("{\"title\":" + title + "}");

    assertThat(error.pointer()).isEqualTo("/alerts/0/title");
    assertThat(error.message()).isEqualTo("title must not be blank");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"title\":1}|/alerts/0/title|title must be a string",
        "{\"title\":\"t\",\"description\":[]}|/alerts/0/description|description must be a string",
        "{\"title\":\"t\",\"severity\":\"Critical\"}|/alerts/0/severity|"
            + "severity must be one of: critical, warning, info",
        "{\"title\":\"t\",\"severity\":2}|/alerts/0/severity|"
            + "severity must be one of: critical, warning, info",
        "{\"title\":\"t\",\"status\":\"RESOLVED\"}|/alerts/0/status|"
            + "status must be one of: firing, resolved",
        "{\"title\":\"t\",\"source\":false}|/alerts/0/source|source must be a string",
        "{\"title\":\"t\",\"labels\":[]}|/alerts/0/labels|labels must be an object",
        "{\"title\":\"t\",\"labels\":\"a=b\"}|/alerts/0/labels|labels must be an object",
        "{\"title\":\"t\",\"labels\":{\"k\":{}}}|/alerts/0/labels/k|"
            + "labels.k must be a string, number or boolean",
        "{\"title\":\"t\",\"labels\":{\"k\":[\"v\"]}}|/alerts/0/labels/k|"
            + "labels.k must be a string, number or boolean",
        "{\"title\":\"t\",\"labels\":{\"a/b~c\":[]}}|/alerts/0/labels/a~1b~0c|"
            + "labels.a/b~c must be a string, number or boolean",
        "{\"title\":\"t\",\"annotations\":[]}|/alerts/0/annotations|annotations must be an object",
        "{\"title\":\"t\",\"external_id\":\"\"}|/alerts/0/external_id|"
            + "external_id must not be empty",
        "{\"title\":\"t\",\"external_id\":7}|/alerts/0/external_id|external_id must be a string",
        "{\"title\":\"t\",\"labels\":{\"\":\"v\"}}|/alerts/0/labels/|"
            + "labels key must not be empty",
        "{\"title\":\"t\",\"started_at\":1700000000}|/alerts/0/started_at|"
            + "started_at must be a string",
        "7|/alerts/0|alert must be an object",
        "null|/alerts/0|alert must be an object",
      })
  void reportsFieldRuleAndAllowedValues(String alert, String pointer, String message) {
    assertThat(errorsOf(alert)).contains(new FieldError(pointer, message));
  }

  @Test
  void externalIdMustNotUseDerivedPrefix() {
    FieldError error = onlyError("{\"title\":\"t\",\"external_id\":\"derived:sha256:abc\"}");

    assertThat(error.pointer()).isEqualTo("/alerts/0/external_id");
    assertThat(error.message())
        .isEqualTo(
            "external_id must not start with \"derived:\", a prefix reserved for derived keys");
    assertThat(bindOne("{\"title\":\"t\",\"external_id\":\"Derived:x\"}").dedupKey())
        .isEqualTo("Derived:x");
  }

  @Test
  void rejectedResultEchoesOnlyValidExternalId() {
    BindResult result =
        bind(
            "{\"alerts\":[{\"external_id\":\"id-1\"},"
                + "{\"external_id\":\"" + "x".repeat(256) + "\"}]}");

    List<EventResult> rejected = result.rejected();
    assertThat(rejected.get(0).externalId()).isEqualTo("id-1");
    assertThat(rejected.get(1).externalId()).isNull();
  }

  @Test
  void lengthsCountCodePoints() {
    config = WebhookConfig.builder().maxTitleLength(3).build();
    String threeEmoji = "😀😀😀";

    assertThat(bindOne("{\"title\":\"" + threeEmoji + "\"}").title()).isEqualTo(threeEmoji);
    FieldError error = onlyError("{\"title\":\"" + threeEmoji + "é\"}");
    assertThat(error.pointer()).isEqualTo("/alerts/0/title");
    assertThat(error.message())
        .isEqualTo("title must be at most 3 characters (Unicode code points) long");
  }

  @Test
  void overLongStringsAreRejectedWithoutEcho() {
    String longValue = "v".repeat(1025);
    List<FieldError> errors =
        errorsOf(
            "{\"title\":\"" + "t".repeat(501) + "\",\"description\":\"" + "d".repeat(5001)
                + "\",\"source\":\"" + "s".repeat(256) + "\",\"external_id\":\""
                + "e".repeat(256) + "\",\"labels\":{\"" + "k".repeat(129) + "\":\"v\","
                + "\"long\":\"" + longValue + "\"}}");

    assertThat(errors)
        .extracting(FieldError::pointer)
        .contains(
            "/alerts/0/title",
            "/alerts/0/description",
            "/alerts/0/source",
            "/alerts/0/external_id",
            "/alerts/0/labels/" + "k".repeat(129),
            "/alerts/0/labels/long");
    assertThat(errors)
        .extracting(FieldError::message)
        .contains(
            "title must be at most 500 characters (Unicode code points) long",
            "labels.long must be at most 1024 characters (Unicode code points) long",
            "labels key must be at most 128 characters (Unicode code points) long")
        .allSatisfy(
            message -> assertThat(message).doesNotContain("vvvvvvvvvv").hasSizeLessThan(200));
  }

  @Test
  void tooManyLabelsAndAnnotations() {
    config = WebhookConfig.builder().maxLabels(2).maxAnnotations(1).build();

    List<FieldError> errors =
        errorsOf(
            "{\"title\":\"t\",\"labels\":{\"a\":1,\"b\":2,\"c\":3},"
                + "\"annotations\":{\"x\":1,\"y\":2}}");

    assertThat(errors)
        .containsExactlyInAnyOrder(
            new FieldError("/alerts/0/labels", "labels must have at most 2 entries"),
            new FieldError("/alerts/0/annotations", "annotations must have at most 1 entries"));
  }

  @Test
  void annotationsSizeIsCountedAsCompactJson() {
    config = WebhookConfig.builder().maxAnnotationsBytes(20).build();
    // {"a":"0123456789ab"} is 20 bytes; the spaces of the body do not count.
    String fits = "{\"title\":\"t\",\"annotations\":{ \"a\" : \"0123456789ab\" }}";
    String tooBig = "{\"title\":\"t\",\"annotations\":{\"a\":\"0123456789abc\"}}";

    assertThat(bindOne(fits).annotationsJson()).isEqualTo("{\"a\":\"0123456789ab\"}");
    assertThat(onlyError(tooBig))
        .isEqualTo(
            new FieldError(
                "/alerts/0/annotations",
                "annotations must be at most 20 bytes as compact JSON, found 21"));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-15T10:30:00Z, 2024-01-15T10:30:00Z",
    "2024-01-15t10:30:00z, 2024-01-15T10:30:00Z",
    "2024-01-15T12:30:00+02:00, 2024-01-15T10:30:00Z",
    "2024-01-15T05:00:00-05:30, 2024-01-15T10:30:00Z",
    "2024-01-15T10:30:00-00:00, 2024-01-15T10:30:00Z",
    "2024-01-15T10:30:00.5Z, 2024-01-15T10:30:00.500Z",
    "2024-01-15T10:30:00.123456789+00:00, 2024-01-15T10:30:00.123456789Z",
    "2024-01-15T10:30:00.1234567891Z, 2024-01-15T10:30:00.123456789Z",
    "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
  })
  void startedAtAcceptsOffsetsAndFractions(String value, String expected) {
    AlertEvent event = bindOne("{\"title\":\"t\",\"started_at\":\"" + value + "\"}");

    assertThat(event.startedAt()).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-01-15T23:30:00+23:00, 2024-01-15T00:30:00Z",
    "2024-01-14T10:31:00-23:59, 2024-01-15T10:30:00Z",
    "2024-01-15T05:30:00+19:00, 2024-01-14T10:30:00Z",
  })
  void startedAtAcceptsOffsetsBeyond18Hours(String value, String expected) {
    AlertEvent event = bindOne("{\"title\":\"t\",\"started_at\":\"" + value + "\"}");

    assertThat(event.startedAt()).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0000-12-31T23:59:59Z",
        "0001-01-01T00:30:00+01:00",
        "9999-12-31T23:59:59-00:01",
        "9999-12-31T23:00:00-23:59"
      })
  void startedAtOutsideYears1To9999IsRejected(String value) {
    FieldError error = onlyError("{\"title\":\"t\",\"started_at\":\"" + value + "\"}");

    assertThat(error.pointer()).isEqualTo("/alerts/0/started_at");
    assertThat(error.message()).isEqualTo("started_at " + Rfc3339.OUT_OF_RANGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z"})
  void startedAtAtEdgesOfYears1To9999IsAccepted(String value) {
    AlertEvent event = bindOne("{\"title\":\"t\",\"started_at\":\"" + value + "\"}");

    assertThat(event.startedAt()).isEqualTo(Instant.parse(value));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "2024-01-15T10:30:00|" + Rfc3339.NO_OFFSET,
        "2024-01-15T10:30:00.25|" + Rfc3339.NO_OFFSET,
        "2024-02-30T10:30:00Z|" + Rfc3339.NOT_ON_CALENDAR,
        "2023-02-29T10:30:00Z|" + Rfc3339.NOT_ON_CALENDAR,
        "2024-13-01T10:30:00Z|" + Rfc3339.NOT_ON_CALENDAR,
        "2024-01-15T24:00:00Z|" + Rfc3339.NOT_ON_CALENDAR,
        "2024-01-15T23:59:60Z|" + Rfc3339.NOT_ON_CALENDAR,
        "2024-01-15T10:30:00+24:00|" + Rfc3339.NOT_ON_CALENDAR,
        "2024-01-15 10:30:00Z|" + Rfc3339.BAD_SHAPE,
        "2024-01-15|" + Rfc3339.BAD_SHAPE,
        "2024-01-15T10:30Z|" + Rfc3339.BAD_SHAPE,
        "2024-01-15T10:30:00+0200|" + Rfc3339.BAD_SHAPE,
        "yesterday|" + Rfc3339.BAD_SHAPE,
        "１２３４-01-15T10:30:00Z|" + Rfc3339.BAD_SHAPE,
      })
  void startedAtRejectsInvalidTimes(String value, String rule) {
    FieldError error = onlyError("{\"title\":\"t\",\"started_at\":\"" + value + "\"}");

    assertThat(error.pointer()).isEqualTo("/alerts/0/started_at");
    assertThat(error.message()).isEqualTo("started_at " + rule);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"title\":\"bell \\u0007\"}|/alerts/0/title|title: value contains the control character"
            + " U+0007, which is not allowed",
        "{\"title\":\"nul \\u0000\"}|/alerts/0/title|title: value contains the control character"
            + " U+0000, which is not allowed",
        "{\"title\":\"del \\u007f\"}|/alerts/0/title|title: value contains the control character"
            + " U+007F, which is not allowed",
        "{\"title\":\"nel \\u0085\"}|/alerts/0/title|title: value contains the control character"
            + " U+0085, which is not allowed",
        "{\"title\":\"lone \\ud800\"}|/alerts/0/title|title: value contains an unpaired surrogate"
            + " U+D800",
        "{\"title\":\"low \\udc00 first\"}|/alerts/0/title|title: value contains an unpaired"
            + " surrogate U+DC00",
        "{\"title\":\"t\",\"labels\":{\"k\\u001b\":\"v\"}}|'/alerts/0/labels/k\u001b'|labels.k?:"
            + " key contains the control character U+001B, which is not allowed",
        "{\"title\":\"t\",\"annotations\":{\"a\":[{\"b\":\"\\u0001\"}]}}|"
            + "/alerts/0/annotations/a/0/b|annotations.a.0.b: value contains the control character"
            + " U+0001, which is not allowed",
        "{\"title\":\"t\",\"unknown\":\"\\u0002\"}|/alerts/0/unknown|unknown: value contains the"
            + " control character U+0002, which is not allowed",
      })
  void forbiddenCharactersRejectAlert(String alert, String pointer, String message) {
    assertThat(errorsOf(alert)).containsExactly(new FieldError(pointer, message));
  }

  @Test
  void tabNewlineAndCarriageReturnAreAllowed() {
    AlertEvent event = bindOne("{\"title\":\"a\\tb\",\"description\":\"line 1\\r\\nline 2\\n\"}");

    assertThat(event.description()).isEqualTo("line 1\r\nline 2\n");
  }

  @Test
  void eachAlertIsValidatedOnItsOwn() {
    BindResult result =
        bind(
            "{\"alerts\":[{\"title\":\"ok\"},{\"title\":\"\\u0007\",\"severity\":\"x\"},"
                + "{\"severity\":\"info\"},{\"title\":\"ok too\",\"severity\":\"info\"}]}");

    assertThat(result.events()).extracting(AlertEvent::index).containsExactly(0, 3);
    assertThat(result.rejected()).extracting(EventResult::index).containsExactly(1, 2);
    assertThat(result.rejected().get(0).errors())
        .extracting(FieldError::pointer)
        .containsExactlyInAnyOrder("/alerts/1/severity", "/alerts/1/title");
    assertThat(result.rejected().get(1).errors())
        .containsExactly(new FieldError("/alerts/2/title", SchemaErrors.TITLE_REQUIRED));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[]|''|body must be a JSON object with an \"alerts\" array",
        "{}|/alerts|alerts is required",
        "{\"alerts\":null}|/alerts|alerts is required",
        "{\"alerts\":{\"title\":\"t\"}}|/alerts|alerts must be an array",
        "{\"alerts\":[]}|/alerts|alerts must contain at least 1 alert",
      })
  void rejectsRequestWithoutAlertsArray(String body, String pointer, String message) {
    BindResult result = bind(body);

    assertThat(result.requestErrors()).containsExactly(new FieldError(pointer, message));
    assertThat(result.events()).isEmpty();
    assertThat(result.rejected()).isEmpty();
  }

  @Test
  void rejectsTooManyAlerts() {
    config = WebhookConfig.builder().maxAlerts(1).build();

    assertThat(bind("{\"alerts\":[{\"title\":\"a\"},{\"title\":\"b\"}]}").requestErrors())
        .containsExactly(
            new FieldError("/alerts", "alerts must contain at most 1 alerts, found 2"));
  }

  @Test
  void deepestAllowedNestingBinds() {
    config =
        WebhookConfig.builder()
            .maxNestingDepth(WebhookConfig.MAX_NESTING_DEPTH)
            .maxAnnotationsBytes(1_000_000)
            .build();
    int depth = WebhookConfig.MAX_NESTING_DEPTH - 4;
    String nested = "[".repeat(depth) + "\"\\u0001\"" + "]".repeat(depth);

    List<FieldError> errors = errorsOf("{\"title\":\"t\",\"annotations\":{\"a\":" + nested + "}}");

    assertThat(errors).hasSize(1);
    assertThat(errors.get(0).pointer()).endsWith("/0/0/0");
  }

  @Test
  void keylessEventWithoutDerivationHasNoKey() {
    config = WebhookConfig.builder().deriveKeys(false).build();

    assertThat(bindOne("{\"title\":\"t\"}").dedupKey()).isNull();
    assertThat(bindOne("{\"title\":\"t\",\"external_id\":\"e\"}").dedupKey()).isEqualTo("e");
  }

  @Test
  void derivedKeyIgnoresVolatileFields() {
    String base = "\"title\":\"t\",\"source\":\"s\",\"labels\":{\"b\":2,\"a\":\"1\"}";
    AlertEvent plain = bindOne("{" + base + "}");
    AlertEvent changed =
        bindOne(
            "{" + base + ",\"description\":\"d\",\"severity\":\"info\",\"status\":\"resolved\","
                + "\"annotations\":{\"x\":1},\"started_at\":\"2024-01-01T00:00:00Z\"}");
    AlertEvent reordered =
        bindOne("{\"labels\":{\"a\":\"1\",\"b\":\"2\"},\"source\":\"s\",\"title\":\"t\"}");

    assertThat(changed.dedupKey()).isEqualTo(plain.dedupKey());
    assertThat(reordered.dedupKey()).isEqualTo(plain.dedupKey());
    assertThat(bindOne("{\"title\":\"t\",\"source\":\"s\"}").dedupKey())
        .isNotEqualTo(plain.dedupKey());
  }
}
