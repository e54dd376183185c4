package io.regen.webhook.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;
import org.json.JSONTokener;

/**
 * The floor that the handler is measured against: only the steps that any receiver of this wire
 * contract must take, written by hand with the same libraries. It reads the body within a limit,
 * checks its HMAC-SHA256 with a reused {@link Mac}, parses it once into a Jackson tree (rejecting
 * duplicate keys, as the contract requires), copies that tree into org.json node by node and
 * validates it against the served JSON Schema with everit, and upserts every alert into a {@link
 * ConcurrentHashMap} by its external_id.
 *
 * <p>It skips what the library adds on top: UTF-8 and number checks beyond Jackson's, per-alert
 * error reports, binding to records, incidents, notifications and the response body. Not
 * thread-safe, because of the reused {@link Mac}: use one instance per thread.
 *
 * <p>Without schema validation ({@link #handle(InputStream, int, String, boolean)} with {@code
 * false}), it is a second, lower floor. The library validates a valid alert without everit, so
 * this floor shows how close it comes to the work that no validation at all leaves.
 */
final class FloorPipeline {

  private static final HexFormat HEX = HexFormat.of();
  private static final int LABEL_LENGTH = "sha256=".length();

  private final int maxBodyBytes;
  private final Mac mac;
  private final byte[] digest = new byte[32];
  private final ObjectMapper mapper;
  private final Schema schema;
  private Map<String, JsonNode> alerts = new ConcurrentHashMap<>();

  /**
   * Creates a floor.
   *
   * @param secret the signing secret
   * @param schemaJson the JSON Schema the library serves, loaded here by everit as draft-07
   * @param maxBodyBytes the body size limit
   */
  FloorPipeline(String secret, byte[] schemaJson, int maxBodyBytes) {
    this.maxBodyBytes = maxBodyBytes;
    try {
      mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
    JsonFactory factory =
        JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    mapper = JsonMapper.builder(factory).build();
    schema =
        SchemaLoader.builder()
            .schemaJson(
                new JSONObject(new JSONTokener(new String(schemaJson, StandardCharsets.UTF_8))))
            .draftV7Support()
            .build()
            .load()
            .build();
  }

  /** Replaces the map with an empty one, so that the next keys are new again. */
  void clear() {
    alerts = new ConcurrentHashMap<>();
  }

  /** Returns the number of alerts stored since the last {@link #clear()}. */
  int size() {
    return alerts.size();
  }

  /**
   * Handles one request body and returns the status a receiver would send: 413, 401, 400 or 202.
   *
   * @param in the body stream
   * @param declaredLength the declared Content-Length, or -1
   * @param signature the value of the signature header
   */
  int handle(InputStream in, int declaredLength, String signature) throws IOException {
    return handle(in, declaredLength, signature, true);
  }

  /**
   * Handles one request body like {@link #handle(InputStream, int, String)}, with or without
   * schema validation. Without it, a body that parses is stored, and one without external_id
   * strings fails with an exception.
   */
  int handle(InputStream in, int declaredLength, String signature, boolean validateSchema)
      throws IOException {
    byte[] body = read(in, declaredLength);
    if (body == null) {
      return 413;
    }
    if (!verify(body, signature)) {
      return 401;
    }
    JsonNode root = parse(body);
    if (root == null || validateSchema && !validate(root)) {
      return 400;
    }
    for (JsonNode alert : root.get("alerts")) {
      alerts.merge(alert.get("external_id").textValue(), alert, (stored, update) -> update);
    }
    return 202;
  }

  /**
   * Reads the body within the limit; returns null when it is over the limit or longer than
   * declared. A declared length is read into an array of exactly that size.
   */
  byte[] read(InputStream in, int declaredLength) throws IOException {
    if (declaredLength > maxBodyBytes) {
      return null;
    }
    if (declaredLength >= 0) {
      byte[] body = new byte[declaredLength];
      int length = in.readNBytes(body, 0, declaredLength);
      return length == declaredLength && in.read() < 0 ? body : null;
    }
    byte[] buffer = new byte[maxBodyBytes + 1];
    int length = in.readNBytes(buffer, 0, buffer.length);
    return length > maxBodyBytes ? null : Arrays.copyOf(buffer, length);
  }

  /** Checks {@code sha256=<hex>} against the HMAC of the body, in constant time. */
  boolean verify(byte[] body, String signature) {
    byte[] expected = HEX.parseHex(signature, LABEL_LENGTH, signature.length());
    mac.update(body);
    try {
      mac.doFinal(digest, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e);
    }
    return MessageDigest.isEqual(digest, expected);
  }

  /** Parses the body into a tree; returns null when it is not JSON. */
  JsonNode parse(byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  /** Validates the whole tree against the schema. */
  boolean validate(JsonNode root) {
    try {
      schema.validate(toOrgJson(root));
      return true;
    } catch (ValidationException e) {
      return false;
    }
  }

  /** Copies a Jackson tree into org.json values, node by node. */
  static Object toOrgJson(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        JSONObject object = new JSONObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          object.put(field.getKey(), toOrgJson(field.getValue()));
        }
        return object;
      case ARRAY:
        JSONArray array = new JSONArray();
        for (JsonNode element : node) {
          array.put(toOrgJson(element));
        }
        return array;
      case STRING:
        return node.textValue();
      case NUMBER:
        return node.numberValue();
      case BOOLEAN:
        return node.booleanValue();
      case NULL:
        return JSONObject.NULL;
      default:
        throw new IllegalArgumentException("unexpected node type " + node.getNodeType());
    }
  }
}
