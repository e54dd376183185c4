package io.regen.webhook.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.everit.json.schema.FormatValidator;

/**
 * Parses RFC 3339 {@code date-time} values, such as {@code 2024-01-15T10:30:00Z} or {@code
 * 2024-01-15T12:30:00.25+02:00}.
 *
 * <p>The offset is required ({@code Z} or {@code ±hh:mm}, up to {@code ±23:59}), because a time without one cannot be
 * placed without guessing a zone. {@code T} and {@code Z} may be lower case. Fractions of a second
 * of any length are accepted and truncated to nanoseconds. The date must exist on the calendar
 * (February 30 does not), and the instant must fall in the years 0001 to 9999 in UTC, because
 * an offset can move 0000-01-01 or 9999-12-31 out of the range that databases store. NOTE: the leap second {@code :60} that RFC 3339 permits is rejected,
 * because {@link Instant} cannot represent it.
 *
 * <p>Also serves as the {@code date-time} format of the JSON Schema, so that schema validation and
 * binding agree. Thread-safe.
 */
final class Rfc3339 implements FormatValidator {

  // Years 1 to 9999 in UTC: the range that every supported database stores without change.
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");
  private static final Pattern DATE_TIME =
      Pattern.compile(
          "(\\d{4})-(\\d{2})-(\\d{2})[Tt](\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d+))?"
              + "(?:([Zz])|([+-])(\\d{2}):(\\d{2}))?");
  private static final Pattern LOCAL_PART =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?");

  static final String NO_OFFSET =
      "must have an offset (Z or +hh:mm), because a time without one would need a guessed zone";
  static final String NOT_ON_CALENDAR = "must be a date and time that exist on the calendar";
  static final String OUT_OF_RANGE =
      "must be from 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z once converted to UTC";
  static final String BAD_SHAPE =
      "must be an RFC 3339 date-time with an offset, such as 2024-01-15T10:30:00Z";

  @Override
  public String formatName() {
    return "date-time";
  }

  @Override
  public Optional<String> validate(String subject) {
    try {
      parse(subject);
      return Optional.empty();
    } catch (DateTimeException e) {
      return Optional.of(e.getMessage());
    }
  }

  /**
   * Parses a date-time to an instant.
   *
   * @throws DateTimeException with one of this class's fixed messages if the value is invalid
   */
  static Instant parse(String value) {
    Matcher matcher = DATE_TIME.matcher(value);
    if (!matcher.matches()) {
      throw new DateTimeException(BAD_SHAPE);
    }
    if (matcher.group(8) == null && matcher.group(9) == null) {
      throw new DateTimeException(LOCAL_PART.matcher(value).matches() ? NO_OFFSET : BAD_SHAPE);
    }
    Instant instant;
    try {
      LocalDate date =
          LocalDate.of(number(matcher, 1), number(matcher, 2), number(matcher, 3));
      LocalTime time =
          LocalTime.of(number(matcher, 4), number(matcher, 5), number(matcher, 6), nanos(matcher));
      long offsetSeconds = 0;
      if (matcher.group(9) != null) {
        int hours = number(matcher, 10);
        int minutes = number(matcher, 11);
        if (hours > 23 || minutes > 59) {
          throw new DateTimeException("offset out of range");
        }
        int sign = matcher.group(9).equals("-") ? -1 : 1;
        offsetSeconds = sign * (hours * 3600L + minutes * 60L);
      }
      // RFC 3339 offsets reach 23:59, beyond the 18:00 that ZoneOffset can hold.
      long localSecond = LocalDateTime.of(date, time).toEpochSecond(ZoneOffset.UTC);
      instant = Instant.ofEpochSecond(localSecond - offsetSeconds, time.getNano());
    } catch (DateTimeException e) {
      throw new DateTimeException(NOT_ON_CALENDAR);
    }
    if (instant.isBefore(FIRST) || instant.isAfter(LAST)) {
      throw new DateTimeException(OUT_OF_RANGE);
    }
    return instant;
  }

  /** Parses a date-time to an instant, or returns null if the value is invalid. */
  static Instant parseOrNull(String value) {
    try {
      return parse(value);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Parses a group of digits in place, without copying it out of the value first. */
  private static int number(Matcher matcher, int group) {
    return Integer.parseInt(matcher.group(0), matcher.start(group), matcher.end(group), 10);
  }

  private static int nanos(Matcher matcher) {
    String fraction = matcher.group(7);
    if (fraction == null) {
      return 0;
    }
    String digits = (fraction + "000000000").substring(0, 9);
    return Integer.parseInt(digits);
  }
}
