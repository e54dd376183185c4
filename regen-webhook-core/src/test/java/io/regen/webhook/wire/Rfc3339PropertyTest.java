package io.regen.webhook.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Compares the digit-by-digit parser of valid date-times with the pattern parser, which decides
 * every value and finds the message of an invalid one.
 */
class Rfc3339PropertyTest {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS");

  @Property(tries = 3000)
  void parsersAgree(@ForAll("dateTimes") String value) {
    Instant byPosition = Rfc3339.parseValid(value);
    Instant byPattern;
    try {
      byPattern = Rfc3339.parseWithPattern(value);
    } catch (DateTimeException e) {
      byPattern = null;
    }

    Statistics.label("valid").collect(byPattern != null);
    assertThat(byPosition).as(value).isEqualTo(byPattern);
  }

  @Provide
  Arbitrary<String> dateTimes() {
    Arbitrary<String> valid = Combinators.combine(
            Arbitraries.integers().between(0, 9999),
            Arbitraries.integers().between(0, 13),
            Arbitraries.integers().between(0, 32),
            Arbitraries.integers().between(0, 24),
            Arbitraries.integers().between(0, 60),
            Arbitraries.integers().between(0, 60),
            Arbitraries.strings().numeric().ofMaxLength(12),
            offsets())
        .as(Rfc3339PropertyTest::format);
    Arbitrary<String> nearRange =
        Arbitraries.of("0001-01-01T00:00:00", "0000-12-31T23:59:59.999", "9999-12-31T23:59:59.5",
                "10000-01-01T00:00:00")
            .flatMap(local -> offsets().map(offset -> local + offset));
    Arbitrary<String> mutated =
        Combinators.combine(
                valid,
                Arbitraries.integers().between(0, 40),
                Arbitraries.of(
                    '0', '9', 'T', 't', 'Z', 'z', ':', '-', '+', '.', ' ', 'x', '\u0661'),
                Arbitraries.integers().between(0, 2))
            .as(Rfc3339PropertyTest::mutate);
    return Arbitraries.oneOf(valid, nearRange, mutated);
  }

  private static Arbitrary<String> offsets() {
    return Arbitraries.oneOf(
        Arbitraries.of("Z", "z", "", "+00:00", "-00:00", "+24:00", "+23:60", "+0200", "+2:00"),
        Combinators.combine(
                Arbitraries.of("+", "-"),
                Arbitraries.integers().between(0, 23),
                Arbitraries.integers().between(0, 59))
            .as((sign, hours, minutes) -> String.format("%s%02d:%02d", sign, hours, minutes)));
  }

  private static String format(
      int year, int month, int day, int hour, int minute, int second, String fraction,
      String offset) {
    String text =
        String.format("%04d-%02d-%02dT%02d:%02d:%02d", year, month, day, hour, minute, second);
    return text + (fraction.isEmpty() ? "" : "." + fraction) + offset;
  }

  /** Replaces (kind 0), inserts (kind 1) or deletes (kind 2) the character at a position. */
  private static String mutate(String value, int position, char replacement, int kind) {
    StringBuilder text = new StringBuilder(value);
    int at = Math.min(position, text.length() - 1);
    if (kind == 0) {
      text.setCharAt(at, replacement);
    } else if (kind == 1) {
      text.insert(at, replacement);
    } else {
      text.deleteCharAt(at);
    }
    return text.toString();
  }

  @Property(tries = 300)
  void parsesEveryValidLocalTimeAndOffset(
      @ForAll("instants") Instant instant, @ForAll("offsetMinutes") int offsetMinutes) {
    ZoneOffset offset = ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
    String value =
        LOCAL.format(LocalDateTime.ofInstant(instant, offset))
            + offset.getId().replace("Z", "+00:00");

    assertThat(Rfc3339.parseValid(value)).as(value).isEqualTo(instant);
  }

  @Provide
  Arbitrary<Instant> instants() {
    return Arbitraries.longs()
        .between(Instant.parse("0001-01-02T00:00:00Z").getEpochSecond(),
            Instant.parse("9999-12-30T00:00:00Z").getEpochSecond())
        .map(seconds -> Instant.ofEpochSecond(seconds, seconds % 7 == 0 ? 0 : 500_000_000));
  }

  @Provide
  Arbitrary<Integer> offsetMinutes() {
    return Arbitraries.integers().between(-18 * 60, 18 * 60);
  }
}
