package io.regen.webhook.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.AlertEvent;
import io.regen.webhook.EventResult;
import io.regen.webhook.FieldError;
import io.regen.webhook.ResponseSteps;
import io.regen.webhook.WebhookConfig;
import io.regen.webhook.WebhookHandler;
import io.regen.webhook.WebhookResponse;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.memory.InMemoryAlertStore;
import io.regen.webhook.signature.SignatureVerifier;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.wire.AlertBinder;
import io.regen.webhook.wire.BindResult;
import io.regen.webhook.wire.BodyBytes;
import io.regen.webhook.wire.BoundedBodyReader;
import io.regen.webhook.wire.DedupKeys;
import io.regen.webhook.wire.JsonBodyParser;
import io.regen.webhook.wire.WebhookSchema;
import io.regen.webhook.wire.WireSteps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.everit.json.schema.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Each step of the request pipeline on its own, on the same signed body of 1 or 100 alerts with
 * existing keys. A step named {@code xLibrary} runs the library's code and {@code xFloor} the
 * hand-written step of {@link FloorPipeline}; steps without a floor counterpart have no suffix.
 * Each step starts from the output of the one before, prepared once in {@link #setUp()}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class StepBenchmark {

  /** Alerts per request. */
  @Param({"1", "100"})
  public int alerts;

  private byte[] body;
  private String signature;
  private List<String> signatureHeader;
  private BoundedBodyReader reader;
  private SignatureVerifier verifier;
  private JsonBodyParser parser;
  private WebhookSchema schema;
  private AlertBinder binder;
  private Function<JsonNode, Object> alertValidator;
  private LifecycleEngine engine;
  private FloorPipeline floor;
  private JsonNode root;
  private List<JsonNode> alertNodes;
  private List<Object> orgJsonAlerts;
  private Object orgJsonRoot;
  private Instant receivedAt;
  private List<AlertEvent> events;
  private List<EventResult> results;
  private final Map<String, JsonNode> floorStore = new ConcurrentHashMap<>();

  /** Prepares the input of every step. */
  @Setup
  public void setUp() throws IOException {
    WebhookConfig config =
        WebhookConfig.builder().secrets(List.of(HandlerBenchmark.SECRET)).build();
    body = Payloads.webhookBody(alerts, "key");
    signature = SignatureVerifier.sign(HandlerBenchmark.SECRET, body);
    signatureHeader = List.of(signature);
    reader = new BoundedBodyReader(config.maxBodyBytes());
    verifier = SignatureVerifier.of(config.secrets());
    parser = new JsonBodyParser(config.maxNestingDepth(), config.maxBodyBytes());
    schema = WebhookSchema.forConfig(config);
    binder = new AlertBinder(config, schema, parser.mapper());
    alertValidator = WireSteps.alertValidator(config, schema);
    engine =
        new LifecycleEngine(
            new InMemoryAlertStore(),
            IncidentNotifier.NONE,
            LabelIncidentLinker.of(config.incidentLabelKeys()),
            config.reopenWindow());
    WebhookHandler handler =
        WebhookHandler.builder(config)
            .store(new InMemoryAlertStore())
            .linker(LabelIncidentLinker.defaults())
            .build();
    floor = new FloorPipeline(HandlerBenchmark.SECRET, HandlerBenchmark.schemaOf(handler),
        config.maxBodyBytes());

    root = parser.parse(new BodyBytes(body, body.length));
    alertNodes = new ArrayList<>();
    root.get("alerts").forEach(alertNodes::add);
    orgJsonAlerts = new ArrayList<>();
    alertNodes.forEach(alert -> orgJsonAlerts.add(WireSteps.toOrgJson(alert)));
    orgJsonRoot = FloorPipeline.toOrgJson(root);
    receivedAt = Instant.now();
    BindResult bound = binder.bind(root, receivedAt);
    events = bound.events();
    results = engine.apply(events);
    if (events.size() != alerts || !bound.rejected().isEmpty()) {
      throw new IllegalStateException("the benchmark body does not bind: " + bound.rejected());
    }
  }

  /** Reads the body with {@link BoundedBodyReader}. */
  @Benchmark
  public BodyBytes readLibrary() throws IOException {
    return reader.read(new ByteArrayInputStream(body), body.length);
  }

  /** Reads the body into an array of the declared length. */
  @Benchmark
  public byte[] readFloor() throws IOException {
    return floor.read(new ByteArrayInputStream(body), body.length);
  }

  /** Verifies the signature with {@link SignatureVerifier}, which clones a prepared Mac. */
  @Benchmark
  public boolean verifyLibrary() {
    return verifier.verify(signatureHeader, body, body.length);
  }

  /** Verifies the signature with one reused Mac. */
  @Benchmark
  public boolean verifyFloor() {
    return floor.verify(body, signature);
  }

  /** Parses with {@link JsonBodyParser}: UTF-8 check, strict tree, exact numbers. */
  @Benchmark
  public JsonNode parseLibrary() {
    return parser.parse(new BodyBytes(body, body.length));
  }

  /** Parses with a default mapper that rejects duplicate keys. */
  @Benchmark
  public JsonNode parseFloor() {
    return floor.parse(body);
  }

  /**
   * Copies each alert into org.json values, as the binder does before schema validation of an
   * alert that its one-pass validator rejected.
   */
  @Benchmark
  public void convert(Blackhole blackhole) {
    for (JsonNode alert : alertNodes) {
      blackhole.consume(WireSteps.toOrgJson(alert));
    }
  }

  /** Validates each converted alert against the alert schema, as the binder does on rejection. */
  @Benchmark
  public void schema() {
    Schema alertSchema = schema.alertSchema();
    for (Object alert : orgJsonAlerts) {
      alertSchema.validate(alert);
    }
  }

  /** Validates the converted body against the root schema, as the floor does. */
  @Benchmark
  public void schemaRoot() {
    schema.rootSchema().validate(orgJsonRoot);
  }

  /**
   * Checks each alert with the library's one-pass validator, which also reads its values: the
   * validation the library does for a valid alert.
   */
  @Benchmark
  public void validateLibrary(Blackhole blackhole) {
    for (JsonNode alert : alertNodes) {
      Object values = alertValidator.apply(alert);
      if (values == null) {
        throw new IllegalStateException("the benchmark alert does not validate");
      }
      blackhole.consume(values);
    }
  }

  /**
   * Converts and validates each alert with everit: the validation the library does only for an
   * alert that its one-pass validator rejected, to report the errors.
   */
  @Benchmark
  public void validateSchema() {
    Schema alertSchema = schema.alertSchema();
    for (JsonNode alert : alertNodes) {
      alertSchema.validate(WireSteps.toOrgJson(alert));
    }
  }

  /** Converts and validates the whole body once: the validation the floor does. */
  @Benchmark
  public boolean validateFloor() {
    return floor.validate(root);
  }

  /**
   * Checks every string of each alert for forbidden characters with pointers for the errors, as the
   * binder does for an alert that its one-pass validator rejected.
   */
  @Benchmark
  public List<FieldError> textCheck() {
    List<FieldError> errors = new ArrayList<>();
    for (int i = 0; i < alertNodes.size(); i++) {
      WireSteps.checkText(alertNodes.get(i), "/alerts/" + i, errors);
    }
    return errors;
  }

  /**
   * Validates and binds every alert with {@link AlertBinder}: {@code validateLibrary} and the
   * building of each event.
   */
  @Benchmark
  public BindResult bind() {
    return binder.bind(root, receivedAt);
  }

  /** Derives a dedup key for each alert, as for alerts without external_id. */
  @Benchmark
  public void deriveKeys(Blackhole blackhole) {
    for (AlertEvent event : events) {
      blackhole.consume(DedupKeys.derive(event.source(), event.title(), event.labels()));
    }
  }

  /** Applies the bound events to the in-memory store through the engine: updates. */
  @Benchmark
  public List<EventResult> applyLibrary() {
    return engine.apply(events);
  }

  /** Upserts each alert into a concurrent map by its external_id. */
  @Benchmark
  public int applyFloor() {
    for (JsonNode alert : alertNodes) {
      floorStore.merge(alert.get("external_id").textValue(), alert, (stored, update) -> update);
    }
    return floorStore.size();
  }

  /** Writes the 202 body that lists one result per alert. */
  @Benchmark
  public WebhookResponse respond() {
    return ResponseSteps.accepted(results);
  }
}
