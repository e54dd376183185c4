package io.regen.webhook.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.json.JSONArray;
import org.json.JSONObject;

/**
 * Copies a Jackson tree into the org.json structure that the schema validator reads, node by node.
 * The body is never serialised again and never parsed by org.json. Numbers stay exact as {@link
 * java.math.BigInteger} or {@link java.math.BigDecimal}, so no value turns into infinity or NaN.
 */
final class OrgJson {

  private OrgJson() {}

  /** Returns the org.json value for a Jackson node. */
  static Object convert(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        JSONObject object = new JSONObject();
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          object.put(field.getKey(), convert(field.getValue()));
        }
        return object;
      case ARRAY:
        JSONArray array = new JSONArray();
        for (JsonNode element : node) {
          array.put(convert(element));
        }
        return array;
      case STRING:
        return node.textValue();
      case NUMBER:
        return node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue();
      case BOOLEAN:
        return node.booleanValue();
      case NULL:
        return JSONObject.NULL;
      default:
        throw new IllegalArgumentException("unexpected JSON node type " + node.getNodeType());
    }
  }
}
