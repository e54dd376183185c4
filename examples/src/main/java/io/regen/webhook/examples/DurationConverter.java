package io.regen.webhook.examples;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converts option values such as {@code 0}, {@code 500ms}, {@code 30s}, {@code 10m}, {@code 2h},
 * {@code 1d} or ISO-8601 ({@code PT10M}) to a non-negative {@link Duration}.
 */
final class DurationConverter implements ITypeConverter<Duration> {

  private static final Pattern SHORT_FORM = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)?");

  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    Matcher matcher = SHORT_FORM.matcher(text);
    if (matcher.matches()) {
      long amount = Long.parseLong(matcher.group(1));
      String unit = matcher.group(2);
      if (unit == null && amount != 0) {
        throw invalid(value);
      }
      return unit == null ? Duration.ZERO : ofUnit(amount, unit);
    }
    try {
      Duration duration = Duration.parse(value.strip());
      if (duration.isNegative()) {
        throw invalid(value);
      }
      return duration;
    } catch (DateTimeParseException e) {
      throw invalid(value);
    }
  }

  private static Duration ofUnit(long amount, String unit) {
    return switch (unit) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      default -> Duration.ofDays(amount);
    };
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "invalid duration '" + value + "': use a number with a unit (500ms, 30s, 10m, 2h, 1d), 0,"
            + " or ISO-8601 such as PT10M");
  }
}
