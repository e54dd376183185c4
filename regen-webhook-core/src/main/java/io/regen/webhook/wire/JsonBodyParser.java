package io.regen.webhook.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Parses a body into a Jackson tree under strict rules.
 *
 * <ul>
 *   <li>The bytes must be UTF-8; a leading UTF-8 byte order mark is skipped, and invalid UTF-8
 *       (overlong forms, encoded surrogates, truncated sequences) is rejected. Other encodings are
 *       never detected: a NUL byte, which UTF-16 and UTF-32 text always has and JSON in UTF-8 never
 *       has, is rejected.
 *   <li>Exactly one JSON value, optionally surrounded by white space; anything after it is
 *       rejected.
 *   <li>A duplicate key in any object is rejected.
 *   <li>Nesting of objects and arrays is limited to the configured depth, strings and names to the
 *       body size, and number literals to {@value #MAX_NUMBER_LENGTH} characters.
 *   <li>Numbers are read exactly, as {@link java.math.BigInteger} or {@link BigDecimal} without
 *       stripping trailing zeros; a number whose magnitude is too large for a double (such as
 *       {@code 1e400}) is rejected, because it would become infinity for most receivers.
 * </ul>
 *
 * <p>Thread-safe: the mapper is built once and shared.
 */
public final class JsonBodyParser {

  /** Maximum length of one number literal, in characters. */
  public static final int MAX_NUMBER_LENGTH = 1000;

  private static final int UTF8_BOM_LENGTH = 3;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final int MAX_MESSAGE_LENGTH = 200;
  private static final Pattern SOURCE_REFERENCE =
      Pattern.compile("\\s*\\(start marker at \\[Source: [^\\]]*\\]\\)|\\s*\\[Source: [^\\]]*\\]");

  private final ObjectMapper mapper;
  private final NumberTextNodes nodes = new NumberTextNodes();
  private final int maxNestingDepth;

  /** Creates a parser for bodies of at most {@code maxBodyBytes} bytes. */
  public JsonBodyParser(int maxNestingDepth, int maxBodyBytes) {
    this.maxNestingDepth = maxNestingDepth;
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(maxNestingDepth)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(maxBodyBytes)
            .maxNameLength(maxBodyBytes)
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .nodeFactory(nodes)
            .build();
  }

  /** Returns the mapper, which also writes compact JSON with the same settings. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Parses the body.
   *
   * @throws MalformedBodyException if the body is not one strict UTF-8 JSON value
   */
  public JsonNode parse(BodyBytes body) {
    byte[] bytes = body.array();
    int offset = hasUtf8Bom(bytes, body.length()) ? UTF8_BOM_LENGTH : 0;
    int length = body.length() - offset;
    requireUtf8(bytes, offset, length);
    JsonNode root;
    boolean tooLargeNumber;
    try (JsonParser parser = mapper.createParser(bytes, offset, length)) {
      nodes.begin(parser);
      try {
        root = mapper.readTree(parser);
        tooLargeNumber = nodes.readTooLargeNumber();
      } finally {
        nodes.end();
      }
      if (root != null && parser.nextToken() != null) {
        throw new MalformedBodyException(
            "body is not valid JSON: content follows the JSON value at line "
                + parser.currentLocation().getLineNr()
                + ", column "
                + parser.currentLocation().getColumnNr());
      }
    } catch (StreamConstraintsException e) {
      throw new MalformedBodyException(describeLimit(e));
    } catch (JsonProcessingException e) {
      throw new MalformedBodyException(describe(e));
    } catch (IOException e) {
      throw new MalformedBodyException("body could not be parsed as JSON");
    }
    if (root == null || root.isMissingNode()) {
      throw new MalformedBodyException("body is empty; a JSON object is expected");
    }
    if (tooLargeNumber) {
      throw new MalformedBodyException(
          "body contains a number too large for a 64-bit floating point value");
    }
    return root;
  }

  private static boolean hasUtf8Bom(byte[] bytes, int length) {
    return length >= UTF8_BOM_LENGTH
        && bytes[0] == (byte) 0xEF
        && bytes[1] == (byte) 0xBB
        && bytes[2] == (byte) 0xBF;
  }

  private static void requireUtf8(byte[] bytes, int offset, int length) {
    if (isAsciiWithoutNul(bytes, offset, offset + length)) {
      // Bytes 0x01 to 0x7F are ASCII, and ASCII is valid UTF-8, so no decoder is needed.
      return;
    }
    boolean ascii = true;
    for (int i = offset; i < offset + length; i++) {
      if (bytes[i] == 0) {
        throw new MalformedBodyException(
            "body contains a NUL byte at offset " + i + "; it must be UTF-8 JSON");
      }
      ascii &= bytes[i] > 0;
    }
    if (ascii) {
      // Bytes 0x01 to 0x7F are ASCII, and ASCII is valid UTF-8, so no decoder is needed.
      return;
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
    CharBuffer out = CharBuffer.allocate(4096);
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        throw new MalformedBodyException(
            "body is not valid UTF-8 at byte offset " + in.position());
      }
      if (result.isUnderflow()) {
        break;
      }
      out.clear();
    }
    out.clear();
    if (decoder.flush(out).isError()) {
      throw new MalformedBodyException("body is not valid UTF-8 at its end");
    }
  }

  /**
   * Returns whether every byte from {@code from} to {@code to} is from 0x01 to 0x7F, reading eight
   * bytes at a time, because this check runs over every body.
   */
  private static boolean isAsciiWithoutNul(byte[] bytes, int from, int to) {
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      long word = (long) LONGS.get(bytes, i);
      // A byte with its top bit set shows in the word itself. A zero byte borrows in the
      // subtraction and so sets its top bit there, and a borrow starts only at a zero byte.
      if ((((word - 0x0101010101010101L) | word) & 0x8080808080808080L) != 0) {
        return false;
      }
    }
    for (; i < to; i++) {
      if (bytes[i] <= 0) {
        return false;
      }
    }
    return true;
  }

  /** Describes a broken parser limit without the parser's class and method names. */
  private String describeLimit(StreamConstraintsException e) {
    String message = Objects.toString(e.getOriginalMessage(), "");
    if (message.contains("nesting depth")) {
      return "body is nested deeper than the maximum of " + maxNestingDepth + " levels";
    } else if (message.startsWith("Number")) {
      return "body contains a number longer than " + MAX_NUMBER_LENGTH + " characters";
    }
    return "body contains a string or key longer than the body size limit";
  }

  private static String describe(JsonProcessingException e) {
    String detail = e.getOriginalMessage();
    if (detail == null) {
      detail = "invalid JSON";
    }
    // Jackson appends where a bracket started; the line and column given below suffice.
    detail = SOURCE_REFERENCE.matcher(detail).replaceAll("");
    detail = detail.replaceAll("\\s+", " ").strip();
    if (detail.length() > MAX_MESSAGE_LENGTH) {
      detail = detail.substring(0, MAX_MESSAGE_LENGTH) + "...";
    }
    JsonLocation location = e.getLocation();
    String where =
        location == null
            ? ""
            : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    return "body is not valid JSON" + where + ": " + detail;
  }
}
