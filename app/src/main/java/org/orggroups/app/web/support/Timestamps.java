package org.orggroups.app.web.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
    private static final Pattern SPACE_FOR_PLUS = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}[T ]\\S+) (\\d{2}(:?\\d{2})?)$");
    private static final Pattern SPACE_SEPARATOR = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2}) (?=\\d)");
    private static final Pattern COMPACT_OFFSET = Pattern.compile("(T.*[+-])(\\d{2})(\\d{2})$");
    private static final Pattern HOURS_OFFSET = Pattern.compile("(T.*[+-]\\d{2})$");

    /**
     * The first and the last instant a timestamp may name: Waldur's (Python's) date-times hold the years 1 to 9999
     * only and refuse any other as a malformed timestamp; the read tables' open end of a state (V14) lies after the
     * last one.
     */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

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
     * of the years 1 to 9999 in UTC.
     *
     * @param text the text, or {@code null}
     * @return the instant, or empty when the text is none of these or names an instant outside those years
     */
    public static Optional<Instant> parse(String text) {
        return parseAnyYear(text).filter(instant -> !instant.isBefore(FIRST) && !instant.isAfter(LAST));
    }

    private static Optional<Instant> parseAnyYear(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String normalized = SPACE_FOR_PLUS.matcher(text.strip()).replaceFirst("$1+$2");
        normalized = SPACE_SEPARATOR.matcher(normalized).replaceFirst("$1T");
        normalized = COMPACT_OFFSET.matcher(normalized).replaceFirst("$1$2:$3");
        normalized = HOURS_OFFSET.matcher(normalized).replaceFirst("$1:00");
        try {
            return Optional.of(OffsetDateTime.parse(normalized).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            try {
                return Optional.of(LocalDateTime.parse(normalized).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(normalized).atStartOfDay().toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
    }
}
