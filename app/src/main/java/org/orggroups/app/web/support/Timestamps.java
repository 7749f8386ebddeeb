package org.orggroups.app.web.support;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.app.web.error.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * Time stamps on the wire (API.md section 1): rendered as ISO 8601 in UTC with exactly six fractional digits
 * and {@code Z}; accepted in any ISO 8601 form, one without an offset being UTC.
 */
public final class Timestamps {

    private static final DateTimeFormatter RENDERED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);
    /**
     * An offset whose {@code +} arrived unencoded in a query string, where it means a space
     * ({@code ...T08:27:14 00:00}): it can only have been a {@code +}.
     */
    private static final Pattern SPACE_FOR_PLUS = Pattern.compile("^(\\S+[Tt ]\\S+) (\\d{2}(:?\\d{2})?)$");
    /**
     * ISO 8601's forms of an instant, extended ({@code 2026-12-06T23:54:01.354+01:00}) or basic
     * ({@code 20261206T235401.354+0100}): a calendar, week ({@code 2026-W49-7}) or ordinal ({@code 2026-340}) date,
     * then optionally {@code T} (or a space) and the hour, with minutes, seconds and a fraction after a point or a
     * comma each optional in turn, then optionally {@code Z} or an offset of hours and optionally minutes.
     */
    private static final Pattern ISO_8601 = Pattern.compile("(?<year>\\d{4}|[+-]\\d{4,9})-?"
            + "(?:(?<month>\\d{2})-?(?<day>\\d{2})|[Ww](?<week>\\d{2})-?(?<weekday>\\d)|(?<yearday>\\d{3}))"
            + "(?:[Tt ](?<hour>\\d{2})(?::?(?<minute>\\d{2})(?::?(?<second>\\d{2})(?:[.,](?<fraction>\\d+))?)?)?"
            + "(?<offset>[Zz]|[+-]\\d{2}(?::?\\d{2}(?::?\\d{2})?)?)?)?");

    /**
     * The first instant a timestamp may name, and the first it may not: Waldur's (Python's) date-times hold the years
     * 1 to 9999 only and refuse any other as a malformed timestamp (a year past PostgreSQL's last one was a 500 here).
     */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant END = Instant.parse("+10000-01-01T00:00:00Z");

    /** Waldur's message for a malformed timestamp parameter. */
    public static final String INVALID = "Invalid timestamp format.";

    private Timestamps() {
    }

    /**
     * Reads an optional timestamp query parameter such as {@code created_before} (its last value, trimmed).
     *
     * @return the instant, or {@code null} when the parameter is absent or empty
     * @throws ApiException 400 {@code {"<name>": "Invalid timestamp format."}} (a string, not a list: Waldur's
     *                      answer, API.md section 6)
     */
    public static Instant optionalParameter(HttpServletRequest request, String name) {
        String text = Paging.textFilter(request, name);
        return text == null ? null : parse(text).orElseThrow(() -> stringError(name, INVALID));
    }

    /** @return a 400 {@code {"<field>": message}} whose message is a string, as Waldur's timestamp errors are */
    public static ApiException stringError(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, new LinkedHashMap<>(Map.of(field, message)), new HttpHeaders());
    }

    /** @return the instant as {@code 2026-11-29T08:27:14.123456Z} (truncated to microseconds) */
    public static String render(Instant instant) {
        return RENDERED.format(instant);
    }

    /**
     * Parses an ISO 8601 date-time ({@code 2026-11-29T08:27:14.123456Z}, {@code ...+02:00}, {@code ...+0200},
     * with a space instead of {@code T}, without an offset: UTC) or a date ({@code 2026-11-29}: its midnight UTC),
     * in any of the standard's extended and basic forms ({@link #ISO_8601}), of the years 1 to 9999 in UTC (API.md
     * section 1).
     *
     * @param text the text, or {@code null}
     * @return the instant, or empty when the text is none of these or names an instant outside those years
     */
    public static Optional<Instant> parse(String text) {
        return parseAnyYear(text).filter(instant -> !instant.isBefore(FIRST) && instant.isBefore(END));
    }

    private static Optional<Instant> parseAnyYear(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher form = ISO_8601.matcher(SPACE_FOR_PLUS.matcher(text.strip()).replaceFirst("$1+$2"));
        if (!form.matches()) {
            return Optional.empty();
        }
        try {
            LocalDateTime local = date(form).atTime(time(form));
            String offset = form.group("offset");
            return Optional.of(local.toInstant(offset == null ? ZoneOffset.UTC : ZoneOffset.of(offset.toUpperCase())));
        } catch (DateTimeException | ArithmeticException outOfRange) {
            // A month 13, a week 54, an hour 24, an offset past 18 hours, or a year too far out for an instant.
            return Optional.empty();
        }
    }

    private static LocalDate date(Matcher form) {
        int year = Integer.parseInt(form.group("year"));
        if (form.group("month") != null) {
            return LocalDate.of(year, Integer.parseInt(form.group("month")), Integer.parseInt(form.group("day")));
        }
        if (form.group("week") != null) {
            // The 4th of January is in week 1 of its week-based year, whatever weekday it falls on.
            LocalDate firstWeek = LocalDate.of(year, 1, 4);
            long week = IsoFields.WEEK_OF_WEEK_BASED_YEAR.rangeRefinedBy(firstWeek)
                    .checkValidIntValue(Long.parseLong(form.group("week")), IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            return firstWeek.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, week)
                    .with(ChronoField.DAY_OF_WEEK, Integer.parseInt(form.group("weekday")));
        }
        return LocalDate.ofYearDay(year, Integer.parseInt(form.group("yearday")));
    }

    /** The time of day; midnight for a bare date. Digits of the fraction past the ninth are dropped. */
    private static LocalTime time(Matcher form) {
        if (form.group("hour") == null) {
            return LocalTime.MIDNIGHT;
        }
        String fraction = form.group("fraction") == null ? "" : form.group("fraction");
        String nanos = fraction.length() > 9 ? fraction.substring(0, 9) : fraction + "0".repeat(9 - fraction.length());
        return LocalTime.of(Integer.parseInt(form.group("hour")), number(form.group("minute")),
                number(form.group("second")), Integer.parseInt(nanos));
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }
}
