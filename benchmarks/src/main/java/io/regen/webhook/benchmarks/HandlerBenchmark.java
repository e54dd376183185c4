package io.regen.webhook.benchmarks;

import io.regen.webhook.WebhookConfig;
import io.regen.webhook.WebhookHandler;
import io.regen.webhook.WebhookRequest;
import io.regen.webhook.WebhookResponse;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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

/**
 * The whole core pipeline, {@link WebhookHandler#handle} with an in-memory store and a secret,
 * against {@link FloorPipeline}: requests per second for bodies of 1 and 100 signed alerts, with
 * new keys (every alert creates an alert) and existing keys (the same body again, so every alert
 * updates one). {@code floor} validates with everit; {@code floorNoSchema} validates nothing.
 *
 * <p>With new keys, both sides empty their store whenever the pool of bodies starts over; see
 * {@link BodyPool}. Runs on one thread, because the in-memory store serialises units of work.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class HandlerBenchmark {

  static final String SECRET = "benchmark-secret-of-32-characters";

  /** Alerts per request. */
  @Param({"1", "100"})
  public int alerts;

  /** {@code new} for keys never sent before, {@code existing} for the same keys every time. */
  @Param({"new", "existing"})
  public String keys;

  private boolean newKeys;
  private ReplaceableStore store;
  private WebhookHandler handler;
  private BodyPool libraryBodies;
  private FloorPipeline floor;
  private BodyPool floorBodies;

  /** Builds the handler, the floor and the signed bodies. */
  @Setup
  public void setUp() {
    newKeys = keys.equals("new");
    WebhookConfig config = WebhookConfig.builder().secrets(List.of(SECRET)).build();
    store = new ReplaceableStore();
    handler =
        WebhookHandler.builder(config)
            .store(store)
            .linker(LabelIncidentLinker.of(config.incidentLabelKeys()))
            .build();
    floor = new FloorPipeline(SECRET, schemaOf(handler), config.maxBodyBytes());
    libraryBodies = BodyPool.create(alerts, newKeys, SECRET);
    floorBodies = BodyPool.create(alerts, newKeys, SECRET);
  }

  /** Handles one request with the library. */
  @Benchmark
  public WebhookResponse library() {
    if (newKeys && libraryBodies.atStart()) {
      store.replace();
    }
    SignedBody body = libraryBodies.next();
    WebhookResponse response =
        handler.handle(
            new WebhookRequest("POST", body.headers(), new ByteArrayInputStream(body.bytes())));
    return Checks.status(response.status(), 202, response);
  }

  /** Handles one request with the floor. */
  @Benchmark
  public int floor() throws IOException {
    return floorRequest(true);
  }

  /** Handles one request with the floor that skips schema validation. */
  @Benchmark
  public int floorNoSchema() throws IOException {
    return floorRequest(false);
  }

  private int floorRequest(boolean validateSchema) throws IOException {
    if (newKeys && floorBodies.atStart()) {
      floor.clear();
    }
    SignedBody body = floorBodies.next();
    int status =
        floor.handle(
            new ByteArrayInputStream(body.bytes()), body.bytes().length, body.signature(),
            validateSchema);
    return Checks.status(status, 202);
  }

  /** Returns the served schema, which the floor validates with. */
  static byte[] schemaOf(WebhookHandler handler) {
    WebhookRequest get =
        new WebhookRequest("GET", Map.of(), new ByteArrayInputStream(new byte[0]));
    return handler.handleSchema(get).body();
  }
}
