package io.regen.webhook.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ValueNode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Map;

/**
 * Creates number nodes that keep the literal text the sender wrote, such as {@code 1e5} or {@code
 * -0}, beside its exact value. Label values take that text, and {@link #writeCompact} writes
 * annotations back with it, because {@link BigDecimal} alone loses the spelling of an exponent and
 * the sign of zero.
 *
 * <p>The factory reads the text from the parser that is building the tree on the calling thread,
 * which {@link #begin} registers for the duration of one parse. Thread-safe.
 */
final class NumberTextNodes extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  private final transient ThreadLocal<JsonParser> currentParser = new ThreadLocal<>();

  NumberTextNodes() {
    super(true);
  }

  /** Registers the parser whose number tokens become nodes on this thread, until {@link #end}. */
  void begin(JsonParser parser) {
    currentParser.set(parser);
  }

  /** Removes the parser that {@link #begin} registered on this thread. */
  void end() {
    currentParser.remove();
  }

  @Override
  public ValueNode numberNode(BigDecimal value) {
    return value == null ? nullNode() : new DecimalText(value, literal(value.toString()));
  }

  @Override
  public ValueNode numberNode(BigInteger value) {
    return value == null ? nullNode() : new IntegerText(value, literal(value.toString()));
  }

  private String literal(String fallback) {
    JsonParser parser = currentParser.get();
    if (parser == null || !parser.currentToken().isNumeric()) {
      return fallback;
    }
    try {
      return parser.getText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a tree as compact JSON, numbers in the text they were parsed from. Jackson's own
   * serialization of number nodes cannot be changed, because it is final in its node classes.
   */
  static void writeCompact(JsonNode node, JsonGenerator generator) throws IOException {
    if (node.isObject()) {
      generator.writeStartObject();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        generator.writeFieldName(field.getKey());
        writeCompact(field.getValue(), generator);
      }
      generator.writeEndObject();
    } else if (node.isArray()) {
      generator.writeStartArray();
      for (JsonNode element : node) {
        writeCompact(element, generator);
      }
      generator.writeEndArray();
    } else if (node.isNumber()) {
      generator.writeNumber(node.asText());
    } else if (node.isTextual()) {
      generator.writeString(node.textValue());
    } else if (node.isBoolean()) {
      generator.writeBoolean(node.booleanValue());
    } else {
      generator.writeNull();
    }
  }

  /** Returns a tree as compact JSON text, numbers in the text they were parsed from. */
  static String compactJson(JsonFactory factory, JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = factory.createGenerator(out)) {
      writeCompact(node, generator);
    } catch (IOException e) {
      throw new IllegalStateException("a parsed JSON tree could not be written back", e);
    }
    return out.toString();
  }

  /** A decimal number with the text it was written as. */
  private static final class DecimalText extends DecimalNode {
    private static final long serialVersionUID = 1L;
    private final String text;

    DecimalText(BigDecimal value, String text) {
      super(value);
      this.text = text;
    }

    @Override
    public String asText() {
      return text;
    }
  }

  /** An integer with the text it was written as. */
  private static final class IntegerText extends BigIntegerNode {
    private static final long serialVersionUID = 1L;
    private final String text;

    IntegerText(BigInteger value, String text) {
      super(value);
      this.text = text;
    }

    @Override
    public String asText() {
      return text;
    }
  }
}
