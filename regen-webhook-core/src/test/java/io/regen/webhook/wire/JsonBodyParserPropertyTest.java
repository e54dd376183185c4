package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class JsonBodyParserPropertyTest {

  private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);

  private final JsonBodyParser parser = new JsonBodyParser(8, 1024 * 1024);

  @Property(tries = 500)
  void rejectsExactlyDecimalsAboveMaxDouble(
      @ForAll @LongRange(min = -99_999_999, max = 99_999_999) long unscaled,
      @ForAll @IntRange(min = -330, max = -290) int scale) {
    BigDecimal number = BigDecimal.valueOf(unscaled, scale);

    assertRejectedExactlyAboveMax(number.toString(), number);
  }

  @Property(tries = 500)
  void rejectsExactlyIntegersAboveMaxDouble(
      @ForAll @IntRange(min = 1020, max = 1026) int bits,
      @ForAll @LongRange(min = -1000, max = 1000) long offset,
      @ForAll boolean negative) {
    BigInteger magnitude = BigInteger.TWO.pow(bits).add(BigInteger.valueOf(offset));
    BigInteger number = negative ? magnitude.negate() : magnitude;

    assertRejectedExactlyAboveMax(number.toString(), new BigDecimal(number));
  }

  @Property(tries = 200)
  void rejectsExactlyNearTheLargestDouble(
      @ForAll @LongRange(min = -5_000, max = 5_000) long lastDigits) {
    BigDecimal number = MAX_DOUBLE.add(BigDecimal.valueOf(lastDigits));

    assertRejectedExactlyAboveMax(number.toPlainString(), number);
  }

  private void assertRejectedExactlyAboveMax(String literal, BigDecimal value) {
    byte[] body = ("{\"n\":[" + literal + "]}").getBytes(StandardCharsets.US_ASCII);

    Throwable thrown = catchThrowable(() -> parser.parse(new BodyBytes(body, body.length)));

    boolean tooLarge = value.abs().compareTo(MAX_DOUBLE) > 0;
    assertThat(thrown != null).as("rejected %s", literal).isEqualTo(tooLarge);
    if (tooLarge) {
      assertThat(thrown).hasMessageContaining("too large");
    }
  }
}
