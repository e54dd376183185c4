package io.regen.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import io.regen.webhook.internal.ThrottledWarning;
import io.regen.webhook.lifecycle.LabelIncidentLinker;
import io.regen.webhook.lifecycle.LifecycleEngine;
import io.regen.webhook.signature.SignatureVerifier;
import io.regen.webhook.spi.AlertStore;
import io.regen.webhook.spi.IncidentLinker;
import io.regen.webhook.spi.IncidentNotifier;
import io.regen.webhook.spi.StoreUnavailableException;
import io.regen.webhook.wire.AlertBinder;
import io.regen.webhook.wire.BindResult;
import io.regen.webhook.wire.BodyBytes;
import io.regen.webhook.wire.BodyTooLargeException;
import io.regen.webhook.wire.BoundedBodyReader;
import io.regen.webhook.wire.JsonBodyParser;
import io.regen.webhook.wire.MalformedBodyException;
import io.regen.webhook.wire.WebhookSchema;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Framework-neutral handler of the generic webhook: turns one raw request into the response to
 * send. An adapter passes the method, the headers and the unread body stream, and writes back the
 * returned status, headers and body unchanged.
 *
 * <p>{@link #handle} checks a request in this order, and the first check that fails rejects it:
 * method (405), content type (415), declared length (413), bounded read (413), signature (401),
 * JSON parse (400), alert validation (400, or 207 when some alerts are valid), store (503). Errors
 * are RFC 9457 problem details. Anything unexpected gets a 500 response without internals, and its
 * cause is logged at ERROR.
 *
 * <p>Thread-safe: build one handler per endpoint at start-up and share it. The schema, the
 * validator, the JSON parser and the signature keys are all prepared when it is built.
 */
public final class WebhookHandler {

  /** Path of the webhook, relative to the base the host mounts it under. */
  public static final String WEBHOOK_PATH = "/api/v1/webhooks/generic";

  /** Path of the schema, relative to the base the host mounts it under. */
  public static final String SCHEMA_PATH = WEBHOOK_PATH + "/schema";

  /** Detail of every 401 response, the same whatever was wrong with the signature. */
  static final String SIGNATURE_DETAIL =
      "request signature is missing or invalid; send X-Regen-Signature: sha256=<hex> with the "
          + "HMAC-SHA256 of the raw body";

  // Header names in lower case, as WebhookRequest stores them, so that a lookup copies nothing.
  private static final String CONTENT_TYPE = "content-type";
  private static final String CONTENT_LENGTH = "content-length";
  private static final String SIGNATURE = SignatureVerifier.HEADER.toLowerCase(Locale.ROOT);

  private static final Logger LOG = LoggerFactory.getLogger(WebhookHandler.class);
  private static final long INVALID_LENGTH = -2;

  private final WebhookConfig config;
  private final Function<List<AlertEvent>, List<EventResult>> engine;
  private final WebhookSchema schema;
  private final BoundedBodyReader reader;
  private final JsonBodyParser parser;
  private final AlertBinder binder;
  private final SignatureVerifier verifier;
  private final ThrottledWarning storeWarning =
      new ThrottledWarning(LOG, Duration.ofSeconds(10));

  /**
   * Creates a handler that hands valid events to {@code engine}; the builder passes the lifecycle
   * engine, and tests a function of their own.
   */
  WebhookHandler(WebhookConfig config, Function<List<AlertEvent>, List<EventResult>> engine) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.schema = WebhookSchema.forConfig(config);
    this.reader = new BoundedBodyReader(config.maxBodyBytes());
    this.parser = new JsonBodyParser(config.maxNestingDepth(), config.maxBodyBytes());
    this.binder = new AlertBinder(config, schema, parser.mapper());
    this.verifier = config.secrets().isEmpty() ? null : SignatureVerifier.of(config.secrets());
    LOG.info("Generic webhook handler configured: {}", config);
    if (verifier == null) {
      LOG.warn("No webhook secret is configured, so unsigned requests are accepted");
    }
  }

  /** Returns a builder for a handler with this configuration. */
  public static Builder builder(WebhookConfig config) {
    return new Builder(config);
  }

  /** Returns the configuration. */
  public WebhookConfig config() {
    return config;
  }

  /**
   * Handles a request to {@link #WEBHOOK_PATH}. Returns a response for any request input: an
   * unexpected runtime exception is logged at ERROR and becomes a 500 response.
   */
  public WebhookResponse handle(WebhookRequest request) {
    try {
      return process(request);
    } catch (RuntimeException | StackOverflowError e) {
      LOG.error("Generic webhook request failed unexpectedly", e);
      return Responses.problem(500, "the request could not be processed because of an error");
    }
  }

  /**
   * Handles a request to {@link #SCHEMA_PATH}: GET returns the JSON Schema as {@code
   * application/schema+json} with a strong {@code ETag}, HEAD the same without the body, and 304
   * when {@code If-None-Match} names the current tag. Other methods get 405.
   */
  public WebhookResponse handleSchema(WebhookRequest request) {
    String method = request.method();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      String detail = "method " + abbreviate(method) + " is not allowed; use GET";
      return reject(405, detail, List.of(), Map.of("Allow", "GET, HEAD"));
    }
    if (SchemaTags.matches(request.headerValues("If-None-Match"), schema.etag())) {
      return Responses.empty(304, Map.of("ETag", schema.etag(), "Cache-Control", "no-cache"));
    }
    Map<String, String> headers =
        Map.of(
            "Content-Type", WebhookSchema.MEDIA_TYPE,
            "ETag", schema.etag(),
            "Cache-Control", "no-cache");
    if (method.equals("HEAD")) {
      return Responses.empty(200, headers);
    }
    return new WebhookResponse(200, headers, schema.bytes());
  }

  private WebhookResponse process(WebhookRequest request) {
    if (!request.method().equals("POST")) {
      String detail = "method " + abbreviate(request.method()) + " is not allowed; use POST";
      return reject(405, detail, List.of(), Map.of("Allow", "POST"));
    }
    List<String> contentTypes = request.headerValues(CONTENT_TYPE);
    if (contentTypes.size() != 1 || !ContentTypes.isJsonUtf8(contentTypes.get(0))) {
      return reject(415, "Content-Type must be application/json, in UTF-8 if a charset is given");
    }
    long declaredLength = declaredLength(request.headerValues(CONTENT_LENGTH));
    if (declaredLength == INVALID_LENGTH) {
      return reject(400, "Content-Length must be one non-negative number");
    }
    if (reader.exceedsLimit(declaredLength)) {
      return tooLarge();
    }
    BodyBytes body;
    try {
      body = reader.read(request.body(), declaredLength);
    } catch (BodyTooLargeException e) {
      return tooLarge();
    } catch (IOException e) {
      return reject(400, "the request body could not be read");
    }
    List<String> signatures = request.headerValues(SIGNATURE);
    if (verifier != null && !verifier.verify(signatures, body.array(), body.length())) {
      return reject(401, SIGNATURE_DETAIL);
    }
    return processBody(body);
  }

  private WebhookResponse processBody(BodyBytes body) {
    JsonNode root;
    try {
      root = parser.parse(body);
    } catch (MalformedBodyException e) {
      List<FieldError> errors = List.of(new FieldError("", e.getMessage()));
      return reject(400, "request body is not valid JSON", errors, Map.of());
    }
    BindResult bound = binder.bind(root, config.clock().instant());
    if (!bound.requestErrors().isEmpty()) {
      return reject(400, "request body is invalid", bound.requestErrors(), Map.of());
    }
    if (bound.events().isEmpty()) {
      List<FieldError> errors = new ArrayList<>();
      bound.rejected().forEach(result -> errors.addAll(result.errors()));
      return reject(400, "no alert in the request is valid", errors, Map.of());
    }
    return apply(bound);
  }

  private WebhookResponse apply(BindResult bound) {
    List<EventResult> applied;
    try {
      applied = engine.apply(bound.events());
    } catch (StoreUnavailableException e) {
      storeWarning.warn("Alert store is unavailable, so a request got 503 with nothing applied", e);
      return Responses.problem(
          503, "the alert store is unavailable; nothing was applied, retry later",
          List.of(), Map.of("Retry-After", retryAfterSeconds()));
    }
    if (applied.size() != bound.events().size()) {
      throw new IllegalStateException(
          "engine returned " + applied.size() + " results for " + bound.events().size()
              + " events");
    }

    if (bound.rejected().isEmpty() && isInIndexOrder(applied)) {
      // The lifecycle engine returns results in event order, so nothing needs sorting.
      return Responses.results(202, applied);
    }
    List<EventResult> results = new ArrayList<>(applied);
    results.addAll(bound.rejected());
    results.sort(Comparator.comparingInt(EventResult::index));
    if (!bound.rejected().isEmpty()) {
      LOG.debug("Rejected {} of {} alerts of a request", bound.rejected().size(), results.size());
    }
    return Responses.results(bound.rejected().isEmpty() ? 202 : 207, results);
  }

  private static boolean isInIndexOrder(List<EventResult> results) {
    for (int i = 1; i < results.size(); i++) {
      if (results.get(i - 1).index() > results.get(i).index()) {
        return false;
      }
    }
    return true;
  }

  /** Returns the declared length, -1 when none is declared, or {@link #INVALID_LENGTH}. */
  private static long declaredLength(List<String> values) {
    if (values.isEmpty()) {
      return -1;
    }
    String first = values.get(0).strip();
    for (String value : values) {
      if (!value.strip().equals(first)) {
        return INVALID_LENGTH;
      }
    }
    if (first.isEmpty()) {
      return INVALID_LENGTH;
    }
    for (int i = 0; i < first.length(); i++) {
      if (first.charAt(i) < '0' || first.charAt(i) > '9') {
        return INVALID_LENGTH;
      }
    }
    // A number too long for a long is still a valid length, merely over any limit.
    return first.length() > 18 ? Long.MAX_VALUE : Long.parseLong(first);
  }

  private WebhookResponse tooLarge() {
    return reject(413, "request body must be at most " + config.maxBodyBytes() + " bytes");
  }

  private String retryAfterSeconds() {
    Duration delay = config.retryAfter();
    long seconds = delay.getSeconds() + (delay.getNano() > 0 ? 1 : 0);
    return Long.toString(seconds);
  }

  private static WebhookResponse reject(int status, String detail) {
    return reject(status, detail, List.of(), Map.of());
  }

  private static WebhookResponse reject(
      int status, String detail, List<FieldError> errors, Map<String, String> headers) {
    LOG.debug(
        "Rejected generic webhook request with {}: {} ({} field errors)",
        status, detail, errors.size());
    return Responses.problem(status, detail, errors, headers);
  }

  private static String abbreviate(String method) {
    String printable = method.replaceAll("[^\\x21-\\x7e]", "?");
    return printable.length() > 20 ? printable.substring(0, 20) + "..." : printable;
  }

  /**
   * Builder of {@link WebhookHandler}; not thread-safe. The store is required; the notifier
   * defaults to {@link IncidentNotifier#NONE}, and the linker to {@link LabelIncidentLinker} over
   * the configuration's {@code incidentLabelKeys}.
   */
  public static final class Builder {
    private final WebhookConfig config;
    private AlertStore store;
    private IncidentNotifier notifier = IncidentNotifier.NONE;
    private IncidentLinker linker;

    private Builder(WebhookConfig config) {
      this.config = Objects.requireNonNull(config, "config");
    }

    /** Sets the store that keeps alerts and incidents; required. */
    public Builder store(AlertStore value) {
      store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** Sets the notifier of lifecycle changes; defaults to {@link IncidentNotifier#NONE}. */
    public Builder notifier(IncidentNotifier value) {
      notifier = Objects.requireNonNull(value, "notifier");
      return this;
    }

    /**
     * Sets the linker that chooses the incident of a new alert; defaults to {@link
     * LabelIncidentLinker} over the configuration's {@code incidentLabelKeys}.
     */
    public Builder linker(IncidentLinker value) {
      linker = Objects.requireNonNull(value, "linker");
      return this;
    }

    /**
     * Builds the handler, which logs its configuration at INFO.
     *
     * @throws NullPointerException if the store is not set
     */
    public WebhookHandler build() {
      Objects.requireNonNull(store, "store must be set");
      IncidentLinker chosenLinker =
          linker != null ? linker : LabelIncidentLinker.of(config.incidentLabelKeys());
      LifecycleEngine engine =
          new LifecycleEngine(store, notifier, chosenLinker, config.reopenWindow());
      return new WebhookHandler(config, engine::apply);
    }
  }
}
