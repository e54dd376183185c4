package io.regen.webhook.wire;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Year;
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
  private static final long INVALID_OFFSET = Long.MIN_VALUE;
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
    Instant instant = parseValid(value);
    return instant != null ? instant : parseWithPattern(value);
  }

  /**
   * Parses a valid date-time with the regular expression, and finds the message for an invalid
   * one. {@link #parseValid} returns the same instant for every valid value without the matcher.
   */
  static Instant parseWithPattern(String value) {
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

  /**
   * Parses a valid date-time by position, digit by digit, or returns null for any value that is
   * invalid, so that the caller can find its message with the pattern.
   */
  static Instant parseValid(String value) {
    if (value.length() < 20
        || value.charAt(4) != '-'
        || value.charAt(7) != '-'
        || (value.charAt(10) | 0x20) != 't'
        || value.charAt(13) != ':'
        || value.charAt(16) != ':') {
      return null;
    }
    int year = digits(value, 0, 4);
    int month = digits(value, 5, 7);
    int day = digits(value, 8, 10);
    int hour = digits(value, 11, 13);
    int minute = digits(value, 14, 16);
    int second = digits(value, 17, 19);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)
        || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
      return null;
    }

    int fractionEnd = fractionEnd(value);
    long offsetSeconds = fractionEnd < 0 ? INVALID_OFFSET : offsetSeconds(value, fractionEnd);
    if (offsetSeconds == INVALID_OFFSET) {
      return null;
    }

    long epochSecond =
        LocalDate.of(year, month, day).toEpochDay() * 86_400L
            + hour * 3600L + minute * 60L + second - offsetSeconds;
    Instant instant = Instant.ofEpochSecond(epochSecond, nanos(value, fractionEnd));
    return instant.isBefore(FIRST) || instant.isAfter(LAST) ? null : instant;
  }

  /**
   * Returns where the fraction of a second after the seconds ends, 19 when there is none, or -1
   * for a point without digits.
   */
  private static int fractionEnd(String value) {
    if (value.charAt(19) != '.') {
      return 19;
    }
    int end = 20;
    while (end < value.length() && isDigit(value.charAt(end))) {
      end++;
    }
    return end == 20 ? -1 : end;
  }

  /** Returns the nanoseconds of the fraction before {@code end}, its digits past the ninth cut. */
  private static int nanos(String value, int end) {
    if (end == 19) {
      return 0;
    }
    int digitCount = Math.min(end - 20, 9);
    int nanos = digits(value, 20, 20 + digitCount);
    for (int i = digitCount; i < 9; i++) {
      nanos *= 10;
    }
    return nanos;
  }

  /** Returns the offset that ends the value at {@code position}, or {@link #INVALID_OFFSET}. */
  private static long offsetSeconds(String value, int position) {
    int left = value.length() - position;
    char first = left > 0 ? value.charAt(position) : 0;
    if (left == 1 && (first | 0x20) == 'z') {
      return 0;
    }
    if (left != 6 || first != '+' && first != '-' || value.charAt(position + 3) != ':') {
      return INVALID_OFFSET;
    }
    int hours = digits(value, position + 1, position + 3);
    int minutes = digits(value, position + 4, position + 6);
    if (hours < 0 || hours > 23 || minutes < 0 || minutes > 59) {
      return INVALID_OFFSET;
    }
    long seconds = hours * 3600L + minutes * 60L;
    return first == '-' ? -seconds : seconds;
  }

  /** Returns the number that the ASCII digits from start to end spell, or -1 for a non-digit. */
  private static int digits(String value, int start, int end) {
    int number = 0;
    for (int i = start; i < end; i++) {
      char c = value.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      number = number * 10 + (c - '0');
    }
    return number;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int lengthOfMonth(int year, int month) {
    if (month == 2) {
      return Year.isLeap(year) ? 29 : 28;
    }
    return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
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
