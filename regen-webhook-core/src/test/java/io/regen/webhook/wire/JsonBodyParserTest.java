package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodyParserTest {

  private final JsonBodyParser parser = new JsonBodyParser(8, 1024 * 1024);

  private JsonNode parse(byte[] bytes) {
    return parser.parse(new BodyBytes(bytes, bytes.length));
  }

  private JsonNode parse(String text) {
    return parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private String rejection(String text) {
    return rejection(text.getBytes(StandardCharsets.UTF_8));
  }

  private String rejection(byte[] bytes) {
    return assertThatExceptionOfType(MalformedBodyException.class)
        .isThrownBy(() -> parse(bytes))
        .actual()
        .getMessage();
  }

  @Test
  void parsesObject() {
    assertThat(parse("{\"alerts\":[]}").get("alerts").isArray()).isTrue();
  }

  @Test
  void skipsUtf8ByteOrderMark() {
    assertThat(parse("\ufeff{\"a\":1}").get("a").asInt()).isEqualTo(1);
  }

  @Test
  void acceptsSurroundingWhitespace() {
    assertThat(parse(" \r\n\t{\"a\":1} \r\n\t").get("a").asInt()).isEqualTo(1);
  }

  @Test
  void keepsNumberTextExact() {
    JsonNode node = parse("{\"a\":1.50,\"b\":12345678901234567890123,\"c\":-0.0}");

    assertThat(node.get("a").asText()).isEqualTo("1.50");
    assertThat(node.get("b").asText()).isEqualTo("12345678901234567890123");
    assertThat(node.get("c").asText()).isEqualTo("-0.0");
  }

  @Test
  void keepsExponentAndNegativeZeroSpelling() {
    JsonNode node = parse("{\"a\":1e5,\"b\":-0,\"c\":2.5E-3,\"d\":[1E+2]}");

    assertThat(node.get("a").asText()).isEqualTo("1e5");
    assertThat(node.get("b").asText()).isEqualTo("-0");
    assertThat(node.get("c").asText()).isEqualTo("2.5E-3");
    assertThat(node.get("d").get(0).asText()).isEqualTo("1E+2");
    assertThat(node.get("a").decimalValue()).isEqualByComparingTo("100000");
  }

  @Test
  void readsOnlyTheGivenLength() {
    byte[] buffer = "{\"a\":1}garbage".getBytes(StandardCharsets.UTF_8);

    assertThat(parser.parse(new BodyBytes(buffer, 7)).get("a").asInt()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\":1} x",
        "{\"a\":1}{}",
        "{\"a\":1},",
        "{\"a\":1}]",
        "{\"a\":1} // comment",
      })
  void rejectsTrailingContent(String body) {
    assertThat(rejection(body)).startsWith("body is not valid JSON at line 1");
  }

  @Test
  void rejectsDuplicateKeys() {
    assertThat(rejection("{\"a\":{\"k\":1,\"k\":2}}")).contains("Duplicate field 'k'");
  }

  @Test
  void rejectsDeepNesting() {
    String deep = "[".repeat(9) + "]".repeat(9);

    assertThat(rejection(deep)).isEqualTo("body is nested deeper than the maximum of 8 levels");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":[", "{\"a\":{\"b\":1}", "[\"x", "{\"a\" 1}", "{'a':1}"})
  void messagesNameNoParserInternals(String body) {
    String message = rejection(body);

    assertThat(message).startsWith("body is not valid JSON at line 1, column ");
    assertThat(message).doesNotContain("Source", "REDACTED", "StreamReadFeature", "`");
  }

  @Test
  void acceptsNestingAtLimit() {
    String deep = "[".repeat(8) + "]".repeat(8);

    assertThat(parse(deep).isArray()).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e400", "-1e400", "1.8e308", "123456789e999"})
  void rejectsNumbersOverflowingToInfinity(String number) {
    assertThat(rejection("{\"n\":" + number + "}")).contains("too large");
  }

  @Test
  void rejectsIntegersOverflowingToInfinity() {
    String integer = "1" + "0".repeat(400);

    assertThat(rejection("{\"n\":" + integer + "}")).contains("too large");
    assertThat(rejection("{\"n\":-" + integer + "}")).contains("too large");
  }

  @Test
  void acceptsLargestDouble() {
    assertThat(parse("{\"n\":1.7976931348623157e308}").get("n").isBigDecimal()).isTrue();
  }

  @Test
  void rejectsOverlongNumberLiteral() {
    assertThat(rejection("{\"n\":1" + "0".repeat(1200) + "}"))
        .isEqualTo("body contains a number longer than 1000 characters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"NaN", "Infinity", "'a'", "01", "+1", "[1,]", "{\"a\"}", "tru"})
  void rejectsNonStandardJson(String value) {
    assertThat(rejection("{\"v\":" + value + "}")).startsWith("body is not valid JSON");
  }

  @Test
  void rejectsEmptyBody() {
    assertThat(rejection("")).isEqualTo("body is empty; a JSON object is expected");
    assertThat(rejection("  \n")).isEqualTo("body is empty; a JSON object is expected");
    assertThat(rejection("\ufeff")).isEqualTo("body is empty; a JSON object is expected");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] truncated = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, '"', '}'};
    byte[] overlong = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
    byte[] surrogate = {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"',
        '}'};
    byte[] latin1 = "{\"a\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

    assertThat(rejection(truncated)).isEqualTo("body is not valid UTF-8 at byte offset 6");
    assertThat(rejection(overlong)).startsWith("body is not valid UTF-8");
    assertThat(rejection(surrogate)).startsWith("body is not valid UTF-8");
    assertThat(rejection(latin1)).startsWith("body is not valid UTF-8");
  }

  @Test
  void rejectsUtf16AndUtf32() {
    String json = "{\"a\":1}";

    assertThat(rejection(json.getBytes(StandardCharsets.UTF_16LE))).contains("NUL byte");
    assertThat(rejection(json.getBytes(StandardCharsets.UTF_16BE))).contains("NUL byte");
    assertThat(rejection(json.getBytes(StandardCharsets.UTF_16))).contains("UTF-8");
    byte[] utf32 = json.getBytes(java.nio.charset.Charset.forName("UTF-32"));
    assertThat(rejection(utf32)).contains("NUL");
  }

  @Test
  void findsBadByteAtEveryPosition() {
    String prefix = "{\"a\":\"";
    for (int length = 0; length <= 20; length++) {
      for (int at = 0; at < length; at++) {
        byte[] body = (prefix + "x".repeat(length) + "\"}").getBytes(StandardCharsets.US_ASCII);
        int offset = prefix.length() + at;

        body[offset] = 0;
        assertThat(rejection(body))
            .isEqualTo("body contains a NUL byte at offset " + offset + "; it must be UTF-8 JSON");
        body[offset] = (byte) 0xFF;
        assertThat(rejection(body)).isEqualTo("body is not valid UTF-8 at byte offset " + offset);
        body[offset] = (byte) 0x7F;
        assertThat(parse(body).get("a").asText()).contains("\u007f");
      }
    }
  }

  @Test
  void keepsRawNonAsciiAndEscapes() {
    JsonNode node = parse("{\"raw\":\"é😀\",\"escaped\":\"\\u00e9\\ud83d\\ude00\"}");

    assertThat(node.get("raw").asText()).isEqualTo("é😀");
    assertThat(node.get("escaped").asText()).isEqualTo("é😀");
  }

  @Test
  void messageDoesNotEchoLongInput() {
    String token = "x".repeat(5000);

    assertThat(rejection("{\"a\":" + token + "}").length()).isLessThan(400);
  }
}
