package org.orggroups.app.web.report;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.report.FindGroupMembershipHistory;
import org.orggroups.api.query.report.FindGroupStats;
import org.orggroups.api.query.report.GroupStats;
import org.orggroups.api.query.report.GroupStatsOrder;
import org.orggroups.api.query.report.GroupStatsSortField;
import org.orggroups.api.query.report.ListGroupStats;
import org.orggroups.api.query.report.MembershipHistory;
import org.orggroups.api.query.report.MembershipInterval;
import org.orggroups.api.query.report.MembershipPoint;
import org.orggroups.app.projections.ProjectionPositions;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.support.Messaging;
import org.orggroups.app.web.support.Paging;
import org.orggroups.app.web.support.Uuids;
import org.orggroups.query.report.GroupReportProjection;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The group reports, served from the group-report projection and so eventually consistent. Every answer carries
 * {@code X-Event-Position} (the global index the report reflects) and {@code X-Projection-Lag} (stored events
 * beyond it).
 *
 * <ul>
 *   <li>{@code GET /api/organization-groups/{uuid}/stats/}: one group's counts; readable like every group read.</li>
 *   <li>{@code GET /api/reports/organization-groups/} (staff only): every live group's counts, paged like every
 *       list, as JSON or, with {@code ?format=csv}, as CSV.</li>
 *   <li>{@code GET /api/reports/organization-groups/{uuid}/membership/} (staff only): member counts over time.</li>
 * </ul>
 */
@RestController
public class GroupReportController {

    private static final String STATS = "/api/organization-groups/{uuid}/stats";
    private static final String REPORT = "/api/reports/organization-groups";
    private static final String MEMBERSHIP = REPORT + "/{uuid}/membership";
    /** The ordering terms of {@code o}, by their name on the wire. */
    private static final Map<String, GroupStatsSortField> ORDER_FIELDS = Map.of(
            "name", GroupStatsSortField.NAME,
            "customers_count", GroupStatsSortField.CUSTOMERS_COUNT,
            "subtree_customers_count", GroupStatsSortField.SUBTREE_CUSTOMERS_COUNT,
            "descendants_count", GroupStatsSortField.DESCENDANTS_COUNT,
            "depth", GroupStatsSortField.DEPTH);
    /** Columns of the CSV form, in the order of the JSON fields. */
    private static final List<String> CSV_COLUMNS = List.of("uuid", "name", "customers_count",
            "subtree_customers_count", "descendants_count", "depth", "path");
    /** Separator of the path's names in the CSV form, which has no arrays. */
    private static final String CSV_PATH_SEPARATOR = " / ";
    /** Longest range of a membership series (about ten years), so that one request cannot ask for millions of points. */
    static final int MAX_DAYS = 3700;
    /** Days covered when {@code from} is not given. */
    private static final int DEFAULT_DAYS = 30;

    private final Messaging messaging;
    private final ProjectionPositions positions;

    public GroupReportController(Messaging messaging, ProjectionPositions positions) {
        this.messaging = messaging;
        this.positions = positions;
    }

    /** One live group's counts; 404 {@code {"detail":"Not found."}} for an unknown, deleted or malformed uuid. */
    @GetMapping({STATS, STATS + "/"})
    public ResponseEntity<Map<String, Object>> stats(@PathVariable String uuid) {
        GroupId id = new GroupId(Uuids.parse(uuid).orElseThrow(ApiException::notFound));
        HttpHeaders position = positions.headers(GroupReportProjection.PROCESSING_GROUP);
        GroupStats stats = messaging.find(new FindGroupStats(id), GroupStats.class).orElseThrow(ApiException::notFound);
        return ResponseEntity.ok().headers(position).body(render(stats));
    }

    /**
     * Every live group's counts. Filters {@code parent} (direct children; 400 when not a uuid) and {@code name}
     * (case-insensitive literal substring); ordering {@code o}: comma-separated {@code name},
     * {@code customers_count}, {@code subtree_customers_count}, {@code descendants_count}, {@code depth}, each
     * optionally prefixed by {@code -}, unknown terms dropped, default {@code name}, ties by uuid; paging as for
     * every list. {@code format=csv} answers the same page as {@code text/csv} with a header line.
     */
    @GetMapping({REPORT, REPORT + "/"})
    public ResponseEntity<?> list(HttpServletRequest request) {
        GroupId parent = Paging.uuidFilter(request, "parent").map(GroupId::new).orElse(null);
        PageRequest pageRequest = Paging.pageRequest(request);
        HttpHeaders position = positions.headers(GroupReportProjection.PROCESSING_GROUP);
        Page<GroupStats> page = messaging.page(new ListGroupStats(parent, Paging.textFilter(request, "name"),
                ordering(Paging.last(request, "o")), pageRequest), GroupStats.class);
        ResponseEntity<List<Map<String, Object>>> json = Paging.respond(request, page, pageRequest.size(),
                page.items().stream().map(GroupReportController::render).toList());
        if ("csv".equalsIgnoreCase(Paging.last(request, "format"))) {
            return ResponseEntity.ok().headers(json.getHeaders()).headers(position)
                    .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                    .body(csv(page.items()));
        }
        return ResponseEntity.ok().headers(json.getHeaders()).headers(position).body(json.getBody());
    }

    /**
     * A live group's direct and subtree member counts at the end of each interval overlapping
     * {@code [from, to]}. {@code from} and {@code to} are dates ({@code YYYY-MM-DD}, UTC days; default: the last
     * {@value #DEFAULT_DAYS} days up to today); {@code interval} is {@code day} (default), {@code week} (ISO
     * weeks, ending on Sunday) or {@code month}; the last interval ends on {@code to}. Errors are DRF field
     * errors (400); an unknown or deleted group is 404.
     */
    @GetMapping({MEMBERSHIP, MEMBERSHIP + "/"})
    public ResponseEntity<List<Map<String, Object>>> membership(@PathVariable String uuid,
                                                                HttpServletRequest request) {
        GroupId id = new GroupId(Uuids.parse(uuid).orElseThrow(ApiException::notFound));
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
        HttpHeaders position = positions.headers(GroupReportProjection.PROCESSING_GROUP);
        MembershipHistory history = messaging.find(new FindGroupMembershipHistory(id, from, to, interval),
                MembershipHistory.class).orElseThrow(ApiException::notFound);
        List<Map<String, Object>> body = new ArrayList<>();
        for (MembershipPoint point : history.points()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("date", point.date().toString());
            json.put("customers_count", point.customersCount());
            json.put("subtree_customers_count", point.subtreeCustomersCount());
            body.add(json);
        }
        return ResponseEntity.ok().headers(position).body(body);
    }

    /** Fields in the documented order: uuid, name, customers_count, subtree_customers_count, descendants_count, depth, path. */
    static Map<String, Object> render(GroupStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", Uuids.hex(stats.groupId().uuid()));
        json.put("name", stats.name());
        json.put("customers_count", stats.customersCount());
        json.put("subtree_customers_count", stats.subtreeCustomersCount());
        json.put("descendants_count", stats.descendantsCount());
        json.put("depth", stats.depth());
        json.put("path", stats.path());
        return json;
    }

    /** Django's {@code OrderingFilter}: comma-separated fields, {@code -} for descending, unknown terms dropped. */
    static List<GroupStatsOrder> ordering(String o) {
        List<GroupStatsOrder> terms = new ArrayList<>();
        if (o == null) {
            return terms;
        }
        for (String raw : o.split(",")) {
            String term = raw.strip();
            boolean descending = term.startsWith("-");
            GroupStatsSortField field = ORDER_FIELDS.get(descending ? term.substring(1) : term);
            if (field != null) {
                terms.add(new GroupStatsOrder(field, descending));
            }
        }
        return terms;
    }

    /**
     * The page as CSV ({@link SpreadsheetCsv}): a header line, then one line per group, {@code path} as the names
     * joined by {@value #CSV_PATH_SEPARATOR}.
     */
    static String csv(List<GroupStats> rows) {
        List<List<Object>> lines = new ArrayList<>();
        for (GroupStats row : rows) {
            lines.add(List.of(Uuids.hex(row.groupId().uuid()), row.name(), row.customersCount(),
                    row.subtreeCustomersCount(), row.descendantsCount(), row.depth(),
                    String.join(CSV_PATH_SEPARATOR, row.path())));
        }
        return SpreadsheetCsv.write(CSV_COLUMNS, lines);
    }

    private static LocalDate date(HttpServletRequest request, String name, Map<String, List<String>> errors) {
        String text = Paging.textFilter(request, name);
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            // DRF's DateField message.
            errors.put(name, List.of("Date has wrong format. Use one of these formats instead: YYYY-MM-DD."));
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
