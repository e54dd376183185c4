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
 * which {@link #begin} registers for the duration of one parse. It also records whether that parse
 * read a number whose magnitude is too large for a double, so that the parser can reject it
 * without walking the tree again. Thread-safe.
 */
final class NumberTextNodes extends JsonNodeFactory {

  private static final long serialVersionUID = 1L;

  private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);

  private final transient ThreadLocal<Parse> currentParse = new ThreadLocal<>();

  /** One parse on one thread: its parser, and whether it read a number too large for a double. */
  private static final class Parse {
    final JsonParser parser;
    boolean readTooLargeNumber;

    Parse(JsonParser parser) {
      this.parser = parser;
    }
  }

  NumberTextNodes() {
    super(true);
  }

  /** Registers the parser whose number tokens become nodes on this thread, until {@link #end}. */
  void begin(JsonParser parser) {
    currentParse.set(new Parse(parser));
  }

  /**
   * Returns whether the parse that {@link #begin} registered on this thread read a number whose
   * magnitude exceeds {@link Double#MAX_VALUE}.
   */
  boolean readTooLargeNumber() {
    Parse parse = currentParse.get();
    return parse != null && parse.readTooLargeNumber;
  }

  /** Removes the parser that {@link #begin} registered on this thread. */
  void end() {
    currentParse.remove();
  }

  @Override
  public ValueNode numberNode(BigDecimal value) {
    if (value == null) {
      return nullNode();
    }
    // With at most 308 digits before the point, the magnitude is below 1e308 and so finite.
    if (value.precision() - value.scale() > 308 && value.abs().compareTo(MAX_DOUBLE) > 0) {
      markTooLarge();
    }
    return new DecimalText(value, literal(value.toString()));
  }

  @Override
  public ValueNode numberNode(BigInteger value) {
    if (value == null) {
      return nullNode();
    }
    // With at most 1023 bits, the magnitude is at most 2^1023 and so finite.
    if (value.bitLength() > 1023 && new BigDecimal(value).abs().compareTo(MAX_DOUBLE) > 0) {
      markTooLarge();
    }
    return new IntegerText(value, literal(value.toString()));
  }

  private void markTooLarge() {
    Parse parse = currentParse.get();
    if (parse != null) {
      parse.readTooLargeNumber = true;
    }
  }

  private String literal(String fallback) {
    Parse parse = currentParse.get();
    JsonParser parser = parse == null ? null : parse.parser;
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
