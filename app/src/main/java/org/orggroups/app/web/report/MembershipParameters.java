package org.orggroups.app.web.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.query.report.MembershipInterval;
import org.orggroups.app.web.binding.FromRequest;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Paging;

/**
 * The query parameters of {@code GET /api/reports/organization-groups/{uuid}/membership/} (API.md section 9).
 *
 * @param from     first day (UTC days), inclusive
 * @param to       last day, inclusive, at most {@value #MAX_DAYS} days after {@code from}
 * @param interval the length of one point
 */
@FromRequest
public record MembershipParameters(LocalDate from, LocalDate to, MembershipInterval interval) {

    /** Longest range of a series (about ten years), so that one request cannot ask for millions of points. */
    static final int MAX_DAYS = 3700;
    /** Days covered when {@code from} is not given. */
    static final int DEFAULT_DAYS = 30;
    /** DRF's {@code DateField} message. */
    private static final String WRONG_DATE = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";

    /**
     * Reads the parameters: the three format errors together in the order {@code from}, {@code to},
     * {@code interval}; the range checks only when all three are valid. Defaults: {@code to} today (UTC),
     * {@code from} {@value #DEFAULT_DAYS} days up to {@code to}, {@code interval} {@code day}.
     *
     * @throws ApiException 400 {@code {"from":["Date has wrong format. ..."]}}, the same for {@code to},
     *                      {@code {"interval":["\"<value>\" is not a valid choice."]}},
     *                      {@code {"<name>":["Null characters are not allowed."]}},
     *                      {@code {"to":["Ensure this date is not before \"from\"."]}},
     *                      {@code {"from":["Ensure the range has no more than 3700 days."]}}
     */
    public static MembershipParameters from(HttpServletRequest request) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        LocalDate from = date(request, "from", errors);
        LocalDate to = date(request, "to", errors);
        MembershipInterval interval = interval(request, errors);
        if (errors.isEmpty()) {
            if (to == null) {
                to = LocalDate.now(ZoneOffset.UTC);
            }
            if (from == null) {
                from = to.minusDays(DEFAULT_DAYS - 1L);
            }
            if (from.isAfter(to)) {
                errors.put("to", List.of("Ensure this date is not before \"from\"."));
            } else if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
                errors.put("from", List.of("Ensure the range has no more than " + MAX_DAYS + " days."));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.fields(errors);
        }
        return new MembershipParameters(from, to, interval);
    }

    private static LocalDate date(HttpServletRequest request, String name, Map<String, List<String>> errors) {
        String text = Paging.textFilter(request, name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            errors.put(name, List.of(WRONG_DATE));
            return null;
        }
    }

    private static MembershipInterval interval(HttpServletRequest request, Map<String, List<String>> errors) {
        String text = Paging.textFilter(request, "interval");
        if (text == null) {
            return MembershipInterval.DAY;
        }
        return switch (text) {
            case "day" -> MembershipInterval.DAY;
            case "week" -> MembershipInterval.WEEK;
            case "month" -> MembershipInterval.MONTH;
            default -> {
                // DRF's ChoiceField message.
                errors.put("interval", List.of("\"" + text + "\" is not a valid choice."));
                yield null;
            }
        };
    }
}
