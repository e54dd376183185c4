package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.FieldError;
import io.regen.webhook.WebhookConfig;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import org.everit.json.schema.ValidationException;

/**
 * Compares {@link AlertValidator} with the schema validator that it replaces for valid alerts, on
 * generated alerts and bodies under several limit settings: the validator must accept exactly the
 * alerts that everit, the forbidden-character check and the annotations size limit accept
 * together.
 *
 * <p>An alert starts valid and then gets at most one value from the edge generator of one field,
 * so that its verdict turns on the rule of that value: lengths at the limit and one over it in
 * code points, blank and forbidden characters, wrong types, null, enum near misses, the reserved
 * external_id prefix, label and annotation counts and sizes, date-time edge cases and nested
 * unknown fields. {@link AlertValidatorTest} checks that {@link #FIELDS} names every property of
 * the schema.
 */
class AlertValidatorPropertyTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  /** Limit settings: the defaults, and small limits that generated values reach and pass. */
  private static final List<Setup> SETUPS =
      List.of(
          new Setup("defaults", WebhookConfig.defaults()),
          new Setup(
              "small",
              WebhookConfig.builder()
                  .maxAlerts(3)
                  .maxTitleLength(3)
                  .maxDescriptionLength(4)
                  .maxExternalIdLength(10)
                  .maxSourceLength(2)
                  .maxLabels(2)
                  .maxLabelKeyLength(2)
                  .maxLabelValueLength(3)
                  .maxAnnotations(2)
                  .maxAnnotationsBytes(24)
                  .build()),
          new Setup(
              "tiny",
              WebhookConfig.builder()
                  .maxAlerts(1)
                  .maxTitleLength(1)
                  .maxDescriptionLength(1)
                  .maxExternalIdLength(1)
                  .maxSourceLength(1)
                  .maxLabels(1)
                  .maxLabelKeyLength(1)
                  .maxLabelValueLength(1)
                  .maxAnnotations(1)
                  .maxAnnotationsBytes(9)
                  .maxNestingDepth(12)
                  .build()),
          new Setup(
              "medium",
              WebhookConfig.builder()
                  .maxAlerts(5)
                  .maxTitleLength(9)
                  .maxDescriptionLength(40)
                  .maxExternalIdLength(9)
                  .maxSourceLength(8)
                  .maxLabels(4)
                  .maxLabelKeyLength(5)
                  .maxLabelValueLength(9)
                  .maxAnnotations(3)
                  .maxAnnotationsBytes(60)
                  .build()));

  // Code points the generators draw from. Blank ones are those that the title pattern excludes,
  // forbidden ones those that the forbidden-character check rejects.
  private static final List<Integer> CLEAN =
      List.of((int) 'a', (int) 'Z', (int) '7', (int) '-', (int) '/', (int) '~', (int) '"',
          (int) '\\', (int) ' ', (int) '\t', (int) '\n', (int) '\r', 0xE9, 0x4E2D, 0x1F600,
          0x200B, 0x180E, 0x2060, 0x2028);
  private static final List<Integer> BLANK =
      List.of((int) ' ', (int) '\t', (int) '\n', (int) '\r', 0xA0, 0x1680, 0x2000, 0x2005, 0x200A,
          0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF);
  // The parser rejects unpaired surrogates in keys, so only values get them.
  private static final List<Integer> FORBIDDEN_IN_KEYS =
      List.of(0x00, 0x01, 0x0B, 0x0C, 0x1F, 0x7F, 0x85, 0x9F);
  private static final List<Integer> FORBIDDEN =
      List.of(0x00, 0x01, 0x0B, 0x0C, 0x1F, 0x7F, 0x85, 0x9F, 0xD800, 0xDBFF, 0xDC00, 0xDFFF);

  /** A JSON null, distinct from Java's null, which jqwik does not generate as a value. */
  enum JsonNull {
    NULL
  }

  /** A JSON number written as this literal text. */
  record Num(String text) {}

  /** The valid values of one alert property and the values at the edges of its rules. */
  record Field(
      Function<WebhookConfig, Arbitrary<Object>> valid,
      Function<WebhookConfig, Arbitrary<Object>> edge) {}

  /** Generators of every alert property that the schema names. */
  static final Map<String, Field> FIELDS = fields();

  /** Generated request body with the settings it is checked under. */
  record Case(Setup setup, String json) {}

  @Property(tries = 4000)
  void validatorAcceptsExactlyWhatSchemaAccepts(@ForAll("singleAlertBodies") Case example) {
    Setup setup = example.setup();
    JsonNode alert = setup.parse(example.json()).get("alerts").get(0);

    boolean expected = setup.schemaAccepts(alert);
    boolean actual = setup.validator.validate(alert) != null;

    Statistics.label("accepted").collect(expected);
    Statistics.label("settings").collect(setup.name);
    assertThat(actual).as("validator verdict on %s", alert).isEqualTo(expected);
  }

  @Property(tries = 600)
  void bindersWithAndWithoutValidatorAgree(@ForAll("bodies") Case example) {
    Setup setup = example.setup();
    JsonNode root = setup.parse(example.json());

    BindResult fast = setup.fastBinder.bind(root, NOW);
    BindResult schemaOnly = setup.schemaOnlyBinder.bind(root, NOW);

    Statistics.label("outcome")
        .collect(
            !fast.requestErrors().isEmpty() ? "request error"
                : fast.rejected().isEmpty() ? "all accepted" : "some rejected");
    assertThat(fast).isEqualTo(schemaOnly);
    boolean allAccepted = fast.requestErrors().isEmpty() && fast.rejected().isEmpty();
    assertThat(allAccepted).as("body accepted").isEqualTo(setup.rootSchemaAccepts(root));
  }

  @Provide
  Arbitrary<Case> singleAlertBodies() {
    return Arbitraries.of(SETUPS)
        .flatMap(setup -> alert(setup.config).map(alert -> setup.body(List.of(alert))));
  }

  @Provide
  Arbitrary<Case> bodies() {
    return Arbitraries.of(SETUPS).flatMap(AlertValidatorPropertyTest::body);
  }

  private static Arbitrary<Case> body(Setup setup) {
    int maxAlerts = setup.config.maxAlerts();
    Arbitrary<Integer> counts =
        Arbitraries.frequencyOf(
            Tuple.of(8, Arbitraries.integers().between(1, Math.min(maxAlerts, 4))),
            Tuple.of(2, Arbitraries.of(0, maxAlerts, maxAlerts + 1)));
    Arbitrary<Object> alertList =
        counts.flatMap(count -> alert(setup.config).list().ofSize(count)).map(Object.class::cast);
    Arbitrary<Object> alerts =
        Arbitraries.frequencyOf(
            Tuple.of(12, alertList),
            Tuple.of(1, Arbitraries.of(JsonNull.NULL, "alerts", new Num("1"), Map.of())));
    Arbitrary<Object> objectBody =
        Combinators.combine(alerts.optional(0.95), unknownValue().optional(0.2))
            .as(AlertValidatorPropertyTest::rootObject);
    Arbitrary<Object> otherBody =
        Arbitraries.of(List.of(), "alerts", new Num("0"), JsonNull.NULL, Boolean.TRUE);
    return Arbitraries.frequencyOf(Tuple.of(20, objectBody), Tuple.of(1, otherBody))
        .map(root -> new Case(setup, toJson(root)));
  }

  private static Object rootObject(Optional<Object> alerts, Optional<Object> extra) {
    Map<String, Object> root = new LinkedHashMap<>();
    alerts.ifPresent(value -> root.put("alerts", value));
    extra.ifPresent(value -> root.put("version", value));
    return root;
  }

  /** Returns alerts that start valid and get at most one edge value. */
  static Arbitrary<Object> alert(WebhookConfig config) {
    List<Arbitrary<Optional<Object>>> values = new ArrayList<>();
    for (Map.Entry<String, Field> field : FIELDS.entrySet()) {
      int presentWeight = field.getKey().equals("title") ? 9 : 5;
      values.add(
          Arbitraries.frequencyOf(
              Tuple.of(presentWeight, field.getValue().valid().apply(config).map(Optional::of)),
              Tuple.of(10 - presentWeight, Arbitraries.just(Optional.empty()))));
    }
    Arbitrary<Map<String, Object>> valid =
        Combinators.combine(values).as(AlertValidatorPropertyTest::alertObject);
    Arbitrary<Optional<Edge>> edge = edge(config).optional(0.85);
    Arbitrary<Object> mutated =
        Combinators.combine(valid, edge).as(AlertValidatorPropertyTest::withEdge);
    Arbitrary<Object> notAnObject =
        Arbitraries.of("alert", new Num("1"), JsonNull.NULL, Boolean.FALSE, List.of());
    return Arbitraries.frequencyOf(Tuple.of(40, mutated), Tuple.of(1, notAnObject));
  }

  private static Map<String, Object> alertObject(List<Optional<Object>> values) {
    Map<String, Object> alert = new LinkedHashMap<>();
    int index = 0;
    for (String name : FIELDS.keySet()) {
      Optional<Object> value = values.get(index++);
      value.ifPresent(present -> alert.put(name, present));
    }
    return alert;
  }

  /** One change to an alert: a field set to an edge value, or removed when the value is empty. */
  record Edge(String field, Optional<Object> value) {}

  private static Arbitrary<Edge> edge(WebhookConfig config) {
    List<Arbitrary<Edge>> edges = new ArrayList<>();
    for (Map.Entry<String, Field> field : FIELDS.entrySet()) {
      String name = field.getKey();
      Arbitrary<Object> values = field.getValue().edge().apply(config);
      edges.add(values.map(value -> new Edge(name, Optional.of(value))));
      edges.add(Arbitraries.just(new Edge(name, Optional.empty())));
    }
    edges.add(
        Combinators.combine(unknownKey(), unknownValue())
            .as((key, value) -> new Edge(key, Optional.of(value))));
    edges.add(resolveWithoutTitle(config));
    return Arbitraries.oneOf(edges);
  }

  /** A status and external_id that replace the title: the schema's if/else rule. */
  record Resolve(String status, Object externalId) {}

  private static Arbitrary<Edge> resolveWithoutTitle(WebhookConfig config) {
    Arbitrary<Object> externalIds =
        Arbitraries.oneOf(
            validText(config.maxExternalIdLength(), 1), Arbitraries.just(JsonNull.NULL));
    return Combinators.combine(Arbitraries.of("resolved", "firing", "Resolved"), externalIds)
        .as((status, externalId) -> new Resolve(status, externalId))
        .map(resolve -> new Edge("title", Optional.of(resolve)));
  }

  private static Object withEdge(Map<String, Object> alert, Optional<Edge> edge) {
    if (edge.isEmpty()) {
      return alert;
    }
    Map<String, Object> changed = new LinkedHashMap<>(alert);
    String field = edge.get().field();
    Optional<Object> value = edge.get().value();
    if (value.isPresent() && value.get() instanceof Resolve resolve) {
      changed.remove("title");
      changed.put("status", resolve.status());
      changed.put("external_id", resolve.externalId());
    } else if (value.isPresent()) {
      changed.put(field, value.get());
    } else {
      changed.remove(field);
    }
    return changed;
  }

  private static Map<String, Field> fields() {
    Map<String, Field> fields = new LinkedHashMap<>();
    fields.put(
        "title",
        new Field(
            config -> nonBlankText(config.maxTitleLength()),
            config -> stringEdges(config.maxTitleLength(), 0)));
    fields.put(
        "description",
        new Field(
            config -> validText(config.maxDescriptionLength(), 0),
            config -> stringEdges(config.maxDescriptionLength(), 0)));
    fields.put(
        "severity",
        new Field(
            config -> Arbitraries.of("critical", "warning", "info", JsonNull.NULL),
            config -> Arbitraries.of("Critical", "", "info ", "error", "warning\u0000",
                new Num("1"), Boolean.TRUE, List.of("info"), Map.of(), JsonNull.NULL)));
    fields.put(
        "status",
        new Field(
            config -> Arbitraries.of("firing", "resolved", JsonNull.NULL),
            config -> Arbitraries.of("RESOLVED", "resolve", "", "firing ", new Num("0"),
                Boolean.FALSE, List.of(), Map.of("status", "resolved"), JsonNull.NULL)));
    fields.put(
        "external_id",
        new Field(
            config -> validText(config.maxExternalIdLength(), 1).map(text -> "x" + text)
                .map(text -> clip(text, config.maxExternalIdLength())),
            config -> Arbitraries.oneOf(
                stringEdges(config.maxExternalIdLength(), 1),
                Arbitraries.of("derived:", "derived:sha256:00", "derived", "Derived:x",
                    "xderived:", " derived:x", "derived:\u0001"))));
    fields.put(
        "source",
        new Field(
            config -> validText(config.maxSourceLength(), 0),
            config -> stringEdges(config.maxSourceLength(), 0)));
    fields.put("labels", new Field(AlertValidatorPropertyTest::validLabels,
        AlertValidatorPropertyTest::labelEdges));
    fields.put("annotations", new Field(AlertValidatorPropertyTest::validAnnotations,
        AlertValidatorPropertyTest::annotationEdges));
    fields.put(
        "started_at",
        new Field(
            config -> Arbitraries.of("2024-01-15T10:30:00Z", "2024-01-15t10:30:00.25+02:00",
                "2024-02-29T23:59:59.123456789123-23:59", JsonNull.NULL),
            config -> startedAtEdges()));
    return fields;
  }

  private static String character(int codePoint) {
    return new String(Character.toChars(codePoint));
  }

  private static String clip(String text, int maxCodePoints) {
    int count = text.codePointCount(0, text.length());
    if (count <= maxCodePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
  }

  /** Returns clean text of minLength to at most 6 code points, within maxLength. */
  private static Arbitrary<Object> validText(int maxLength, int minLength) {
    return Arbitraries.integers()
        .between(minLength, Math.max(minLength, Math.min(maxLength, 6)))
        .flatMap(length -> codePoints(CLEAN, length))
        .map(Object.class::cast);
  }

  private static Arbitrary<Object> nonBlankText(int maxLength) {
    return validText(maxLength - 1, 0).map(text -> "T" + text);
  }

  /** Returns strings of exactly this many code points from a pool. */
  private static Arbitrary<String> codePoints(List<Integer> pool, int length) {
    Arbitrary<List<Integer>> prefix = Arbitraries.of(pool).list().ofMaxSize(Math.min(length, 4));
    return Combinators.combine(prefix, Arbitraries.of(pool))
        .as((start, fill) -> text(start, fill, length));
  }

  private static String text(List<Integer> start, int fill, int length) {
    StringBuilder text = new StringBuilder();
    start.forEach(text::appendCodePoint);
    for (int i = start.size(); i < length; i++) {
      text.appendCodePoint(fill);
    }
    return text.toString();
  }

  /**
   * Returns values at the edges of a string rule: lengths of 0, 1, minLength and maxLength - 1 to
   * maxLength + 1 code points, blank and forbidden characters, other JSON types and null.
   */
  private static Arbitrary<Object> stringEdges(int maxLength, int minLength) {
    Arbitrary<Integer> lengths =
        Arbitraries.of(0, 1, minLength, maxLength - 1, maxLength, maxLength + 1)
            .filter(length -> length >= 0);
    Arbitrary<Object> sized =
        lengths.flatMap(length -> Arbitraries.oneOf(codePoints(CLEAN, length),
            codePoints(BLANK, length), codePoints(List.of(0x1F600, (int) 'a'), length)))
            .map(Object.class::cast);
    Arbitrary<Object> forbidden =
        Combinators.combine(
                Arbitraries.of(FORBIDDEN), validText(Math.max(0, maxLength - 1), 0),
                Arbitraries.of(true, false))
            .as((bad, text, first) -> first ? character(bad) + text : text + character(bad));
    Arbitrary<Object> others =
        Arbitraries.of(new Num("1"), new Num("-0.5e3"), Boolean.TRUE, List.of(), List.of("x"),
            Map.of(), Map.of("a", "b"), JsonNull.NULL);
    return Arbitraries.frequencyOf(Tuple.of(6, sized), Tuple.of(2, forbidden),
        Tuple.of(2, others));
  }

  private static Arbitrary<Object> validLabels(WebhookConfig config) {
    Arbitrary<String> keys =
        Arbitraries.integers().between(1, Math.min(config.maxLabelKeyLength(), 4))
            .flatMap(length -> codePoints(CLEAN, length));
    Arbitrary<Object> values =
        Arbitraries.oneOf(validText(config.maxLabelValueLength(), 0),
            Arbitraries.of(new Num("3"), new Num("1.50"), new Num("-0"), new Num("1e5"),
                Boolean.TRUE, Boolean.FALSE, JsonNull.NULL));
    return Arbitraries.maps(keys, values).ofMaxSize(Math.min(config.maxLabels(), 3))
        .map(Object.class::cast);
  }

  private static Arbitrary<Object> labelEdges(WebhookConfig config) {
    int maxLabels = config.maxLabels();
    int maxKey = config.maxLabelKeyLength();
    int maxValue = config.maxLabelValueLength();
    Arbitrary<Object> counts =
        Arbitraries.of(maxLabels, maxLabels + 1).map(AlertValidatorPropertyTest::numberedEntries);
    Arbitrary<Object> keys =
        Arbitraries.of(0, 1, maxKey, maxKey + 1)
            .flatMap(length -> Arbitraries.oneOf(codePoints(CLEAN, length),
                codePoints(List.of(0x1F600), length),
                codePoints(FORBIDDEN_IN_KEYS, Math.max(1, length))))
            .map(key -> Map.of(key, "v"));
    Arbitrary<Object> values =
        Arbitraries.oneOf(stringEdges(maxValue, 0), Arbitraries.of(Map.of("nested", "x"),
                List.of(new Num("1")), new Num("1e308"), new Num("-0.0")))
            .map(value -> Map.of("k", value));
    Arbitrary<Object> others =
        Arbitraries.of("labels", new Num("2"), Boolean.TRUE, List.of(Map.of("k", "v")),
            JsonNull.NULL, Map.of());
    return Arbitraries.oneOf(counts, keys, values, others);
  }

  private static Map<String, Object> numberedEntries(int count) {
    Map<String, Object> entries = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      entries.put(Integer.toString(i % 10) + (i >= 10 ? Integer.toString(i / 10) : ""), "v");
    }
    return entries;
  }

  private static Arbitrary<Object> validAnnotations(WebhookConfig config) {
    Arbitrary<Object> values =
        Arbitraries.oneOf(validText(8, 0),
            Arbitraries.of(new Num("1e5"), Boolean.TRUE, JsonNull.NULL, List.of(new Num("2"))));
    return Arbitraries.maps(validText(4, 0).map(String.class::cast), values)
        .ofMaxSize(Math.min(config.maxAnnotations(), 2))
        .map(Object.class::cast);
  }

  private static Arbitrary<Object> annotationEdges(WebhookConfig config) {
    int maxAnnotations = config.maxAnnotations();
    int maxBytes = config.maxAnnotationsBytes();
    Arbitrary<Object> counts =
        Arbitraries.of(maxAnnotations, maxAnnotations + 1)
            .map(AlertValidatorPropertyTest::numberedEntries);
    // {"a":"..."} takes 8 bytes besides the value; each unit of the value takes its bytes.
    Arbitrary<Object> sizes =
        Combinators.combine(
                Arbitraries.of(maxBytes - 1, maxBytes, maxBytes + 1),
                Arbitraries.of(Tuple.of("x", 1), Tuple.of("\u00e9", 2), Tuple.of("\u4e2d", 3),
                    Tuple.of("\ud83d\ude00", 4), Tuple.of("\"", 2), Tuple.of("\n", 2)))
            .as((target, unit) -> Map.of("a", pad(target - 8, unit.get1(), unit.get2())));
    Arbitrary<Object> nested =
        unknownValue().map(value -> Map.of("deep", value));
    Arbitrary<Object> others =
        Arbitraries.of("runbook", new Num("3"), Boolean.FALSE, List.of(Map.of()), JsonNull.NULL,
            Map.of("\u0001", "x"), Map.of("x", "\ud800"), Map.of("", ""), Map.of("x", "\udc00y"));
    return Arbitraries.oneOf(counts, sizes, nested, others);
  }

  /** Returns a string of about this many UTF-8 bytes: units of unitBytes, then 'x' bytes. */
  private static String pad(int bytes, String unit, int unitBytes) {
    StringBuilder text = new StringBuilder();
    int left = Math.max(0, bytes);
    for (; left >= unitBytes; left -= unitBytes) {
      text.append(unit);
    }
    return text.append("x".repeat(left)).toString();
  }

  private static Arbitrary<Object> startedAtEdges() {
    Arbitrary<Object> fixed =
        Arbitraries.of(
            "2024-01-15T10:30:00Z", "2024-01-15T10:30:00z", "2024-01-15t10:30:00+00:00",
            "2024-01-15T10:30:00", "2024-01-15T10:30:00.5", "2024-01-15 10:30:00Z",
            "2024-01-15T10:30:00+24:00", "2024-01-15T10:30:00-23:59", "2024-01-15T10:30:00+23:60",
            "2024-01-15T10:30:00+0200", "2024-01-15T10:30:60Z", "2024-01-15T24:00:00Z",
            "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z", "2024-04-31T00:00:00Z",
            "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "0001-01-01T00:00:00Z",
            "0001-01-01T00:00:00+00:01", "0001-01-01T00:00:00-00:01", "0000-12-31T23:59:59Z",
            "9999-12-31T23:59:59.999999999Z", "9999-12-31T23:59:59.9999999999Z",
            "9999-12-31T23:59:59-00:01", "9999-12-31T23:59:59+00:01", "10000-01-01T00:00:00Z",
            "2024-01-15T10:30:00.Z", "2024-01-15T10:30:00.000000000001Z", "2024-1-15T10:30:00Z",
            "\u0662024-01-15T10:30:00Z", "2024-01-15T10:30:00Z ", "", "now",
            new Num("1705314600"), Boolean.TRUE, List.of(), Map.of(), JsonNull.NULL);
    Arbitrary<Object> mutated =
        Combinators.combine(
                Arbitraries.integers().between(0, 19),
                Arbitraries.of('0', '9', 'T', 'Z', ':', '-', '+', '.', ' ', 'x'))
            .as((position, replacement) -> {
              char[] chars = "2024-06-30T23:59:59Z".toCharArray();
              chars[position] = replacement;
              return new String(chars);
            });
    return Arbitraries.oneOf(fixed, mutated);
  }

  private static Arbitrary<String> unknownKey() {
    return Arbitraries.of("fingerprint", "Title", "", "x\u0001", "\u009f", "labels ", "x/~y");
  }

  /** Values of fields that the schema does not name: nested, sometimes with bad text deep down. */
  private static Arbitrary<Object> unknownValue() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            validText(5, 0),
            Arbitraries.of(FORBIDDEN).map(bad -> "x" + character(bad)),
            Arbitraries.of(new Num("7"), new Num("1.5e-7"), Boolean.TRUE, JsonNull.NULL));
    return Arbitraries.recursive(
        () -> leaf,
        inner -> Arbitraries.oneOf(
            inner.list().ofMaxSize(2).map(Object.class::cast),
            Arbitraries.maps(Arbitraries.of("k", "\u0002", "n"), inner).ofMaxSize(2)
                .map(Object.class::cast)),
        0, 5);
  }

  /** Writes a generated value as JSON, non-ASCII escaped so that lone surrogates survive. */
  static String toJson(Object value) {
    StringWriter out = new StringWriter();
    JsonFactory factory =
        JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    try (JsonGenerator json = factory.createGenerator(out)) {
      write(json, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value instanceof Map<?, ?> map) {
      json.writeStartObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        json.writeFieldName((String) entry.getKey());
        write(json, entry.getValue());
      }
      json.writeEndObject();
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object element : list) {
        write(json, element);
      }
      json.writeEndArray();
    } else if (value instanceof String text) {
      json.writeString(text);
    } else if (value instanceof Num number) {
      json.writeNumber(number.text());
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value == JsonNull.NULL) {
      json.writeNull();
    } else {
      throw new IllegalArgumentException("not a generated JSON value: " + value);
    }
  }

  /** The parser, the schema and both binders of one limit setting. */
  static final class Setup {
    final String name;
    final WebhookConfig config;
    final JsonBodyParser parser;
    final WebhookSchema schema;
    final AlertValidator validator;
    final AlertBinder fastBinder;
    final AlertBinder schemaOnlyBinder;

    Setup(String name, WebhookConfig config) {
      this.name = name;
      this.config = config;
      parser = new JsonBodyParser(config.maxNestingDepth(), config.maxBodyBytes());
      schema = WebhookSchema.forConfig(config);
      validator = new AlertValidator(schema, config.maxAnnotationsBytes());
      fastBinder = new AlertBinder(config, schema, parser.mapper(), true);
      schemaOnlyBinder = new AlertBinder(config, schema, parser.mapper(), false);
    }

    Case body(List<Object> alerts) {
      return new Case(this, toJson(Map.of("alerts", alerts)));
    }

    JsonNode parse(String json) {
      byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
      return parser.parse(new BodyBytes(bytes, bytes.length));
    }

    /**
     * Returns whether everit accepts the alert and the rules outside JSON Schema hold: no
     * forbidden character and annotations within their size.
     */
    boolean schemaAccepts(JsonNode alert) {
      try {
        schema.alertSchema().validate(OrgJson.convert(alert));
      } catch (ValidationException e) {
        return false;
      }
      return passesRulesOutsideSchema(alert);
    }

    /** Returns whether everit accepts the whole body and every alert passes the other rules. */
    boolean rootSchemaAccepts(JsonNode root) {
      try {
        schema.rootSchema().validate(OrgJson.convert(root));
      } catch (ValidationException e) {
        return false;
      }
      for (JsonNode alert : root.get("alerts")) {
        if (!passesRulesOutsideSchema(alert)) {
          return false;
        }
      }
      return true;
    }

    private boolean passesRulesOutsideSchema(JsonNode alert) {
      List<FieldError> errors = new ArrayList<>();
      TextCheck.check(alert, "", errors);
      if (!errors.isEmpty()) {
        return false;
      }
      JsonNode annotations = alert.get("annotations");
      if (annotations == null || !annotations.isObject()) {
        return true;
      }
      String json = NumberTextNodes.compactJson(parser.mapper().getFactory(), annotations);
      return json.getBytes(StandardCharsets.UTF_8).length <= config.maxAnnotationsBytes();
    }

    @Override
    public String toString() {
      return name;
    }
  }
}
