package org.orggroups.query.report;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.report.FindGroupMembershipHistory;
import org.orggroups.api.query.report.FindGroupStats;
import org.orggroups.api.query.report.GroupStats;
import org.orggroups.api.query.report.GroupStatsOrder;
import org.orggroups.api.query.report.ListGroupStats;
import org.orggroups.api.query.report.MembershipHistory;
import org.orggroups.api.query.report.MembershipInterval;
import org.orggroups.api.query.report.MembershipPoint;
import org.orggroups.query.LikePattern;
import org.orggroups.query.Paging;
import org.orggroups.query.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers the group report queries from the tables {@link GroupReportProjection} keeps. Eventually consistent:
 * the answers reflect the events that projection's processor has handled. Only live groups have rows, so
 * deleted ones are never found.
 */
@Component
public class GroupReportQueryHandler {

    private static final String COLUMNS = "g.group_id, g.name, g.customers_count, g.subtree_customers_count,"
            + " g.descendants_count, g.depth";
    private static final String FROM = " from report_group g";
    /**
     * The name of the closure row {@code c}'s ancestor, {@code null} when it has no row. A subquery by primary key
     * rather than a join, so that the plan is a few index lookups whatever the tables' statistics say: a table
     * never analyzed is estimated to give hundreds of closure rows per group, and a join was then planned as a
     * scan of every group.
     */
    private static final String ANCESTOR_NAME = "(select a.name from report_group a where a.group_id = c.ancestor_id)";

    private final JdbcTemplate jdbc;

    /** @param jdbc read access to the report tables */
    public GroupReportQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param query the group
     * @return its counts and path, or empty when it is unknown or deleted
     */
    @QueryHandler
    public Optional<GroupStats> handle(FindGroupStats query) {
        // One statement: the row and its path come from one snapshot in one round trip. The path is the group's
        // closure rows, root first, each ancestor's name read by primary key as in withPaths.
        return jdbc.query("select " + COLUMNS + ", " + ANCESTOR_NAME + " as ancestor_name" + FROM
                + " left join report_closure c on c.descendant_id = g.group_id where g.group_id = ?"
                + " order by c.depth desc", rs -> {
                    if (!rs.next()) {
                        return Optional.<GroupStats>empty();
                    }
                    Row row = row(rs, 0);
                    List<String> path = new ArrayList<>();
                    do {
                        String ancestor = rs.getString("ancestor_name");
                        if (ancestor != null) {
                            path.add(ancestor);
                        }
                    } while (rs.next());
                    return Optional.of(stats(row, path.isEmpty() ? List.of(row.name()) : path));
                }, query.groupId().uuid());
    }

    /**
     * Lists live groups' counts: {@code parentId} keeps direct children, {@code nameContains} is a
     * case-insensitive literal substring; ordered by the terms, then by uuid ascending so that pages are stable.
     *
     * @param query filters, ordering and page
     * @return the page; {@link Page#exists()} is {@code false} past the last page
     */
    @QueryHandler
    public Page<GroupStats> handle(ListGroupStats query) {
        SqlWhere where = new SqlWhere();
        if (query.parentId() != null) {
            where.and("g.parent_id = ?", query.parentId().uuid());
        }
        if (LikePattern.isSet(query.nameContains())) {
            where.and(LikePattern.icontains("g.name"), LikePattern.containing(query.nameContains()));
        }
        long total = jdbc.queryForObject("select count(*)" + FROM + where.sql(), Long.class, where.args());
        String select = "select " + COLUMNS + FROM + where.sql() + " order by " + orderBy(query.ordering())
                + " offset ? rows fetch first ? rows only";
        return Paging.page(query.page(), total, (offset, limit) ->
                withPaths(jdbc.query(select, GroupReportQueryHandler::row, where.args(offset, limit))));
    }

    /**
     * The group's counts at the end of each interval: the counts recorded on the latest day with a change that
     * is not after the interval's last day (zero before the first change).
     *
     * @param query the group, the range and the interval
     * @return one point per interval, or empty when the group is unknown or deleted
     */
    @QueryHandler
    public Optional<MembershipHistory> handle(FindGroupMembershipHistory query) {
        UUID groupId = query.groupId().uuid();
        if (jdbc.queryForObject("select count(*) from report_group where group_id = ?", Long.class, groupId) == 0) {
            return Optional.empty();
        }
        List<MembershipPoint> changes = jdbc.query("select as_of, customers_count, subtree_customers_count"
                        + " from report_membership_history where group_id = ? and as_of <= ? order by as_of",
                (rs, i) -> new MembershipPoint(rs.getObject("as_of", LocalDate.class), rs.getLong("customers_count"),
                        rs.getLong("subtree_customers_count")), groupId, Date.valueOf(query.to()));
        List<MembershipPoint> points = new ArrayList<>();
        int next = 0;
        long direct = 0;
        long subtree = 0;
        for (LocalDate end : intervalEnds(query.from(), query.to(), query.interval())) {
            while (next < changes.size() && !changes.get(next).date().isAfter(end)) {
                direct = changes.get(next).customersCount();
                subtree = changes.get(next).subtreeCustomersCount();
                next++;
            }
            points.add(new MembershipPoint(end, direct, subtree));
        }
        return Optional.of(new MembershipHistory(points));
    }

    /**
     * @return the last day of every interval overlapping {@code [from, to]}, each cut off at {@code to}: every
     *         day; every Sunday (ISO weeks end on Sunday); every last day of a month
     */
    static List<LocalDate> intervalEnds(LocalDate from, LocalDate to, MembershipInterval interval) {
        List<LocalDate> ends = new ArrayList<>();
        LocalDate day = from;
        while (!day.isAfter(to)) {
            LocalDate end = switch (Objects.requireNonNull(interval, "interval")) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
                case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
            };
            if (end.isAfter(to)) {
                end = to;
            }
            ends.add(end);
            day = end.plusDays(1);
        }
        return ends;
    }

    /** Built only from the enum, never from client text, so it is safe to put into the SQL. */
    private static String orderBy(List<GroupStatsOrder> ordering) {
        List<String> terms = new ArrayList<>();
        for (GroupStatsOrder order : ordering) {
            String column = switch (Objects.requireNonNull(order.field(), "ordering field")) {
                case NAME -> "g.name";
                case CUSTOMERS_COUNT -> "g.customers_count";
                case SUBTREE_CUSTOMERS_COUNT -> "g.subtree_customers_count";
                case DESCENDANTS_COUNT -> "g.descendants_count";
                case DEPTH -> "g.depth";
            };
            terms.add(column + (order.descending() ? " desc" : " asc"));
        }
        if (terms.isEmpty()) {
            terms.add("g.name asc");
        }
        terms.add("g.group_id asc");
        return String.join(", ", terms);
    }

    /**
     * Reads the paths of all rows with one query through the closure table; an ancestor without a row is left out,
     * and a group without closure rows has its own name as its path.
     */
    private List<GroupStats> withPaths(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<String>> paths = new HashMap<>();
        jdbc.query("select c.descendant_id, " + ANCESTOR_NAME + " from report_closure c where c.descendant_id in ("
                        + SqlWhere.placeholders(rows.size()) + ") order by c.descendant_id, c.depth desc",
                rs -> {
                    String ancestor = rs.getString(2);
                    if (ancestor != null) {
                        paths.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(ancestor);
                    }
                }, rows.stream().map(Row::groupId).toArray());
        return rows.stream().map(r -> stats(r, paths.getOrDefault(r.groupId(), List.of(r.name())))).toList();
    }

    private static GroupStats stats(Row r, List<String> path) {
        return new GroupStats(new GroupId(r.groupId()), r.name(), r.customersCount(), r.subtreeCustomersCount(),
                r.descendantsCount(), r.depth(), path);
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        return new Row(rs.getObject("group_id", UUID.class), rs.getString("name"), rs.getLong("customers_count"),
                rs.getLong("subtree_customers_count"), rs.getLong("descendants_count"), rs.getInt("depth"));
    }

    private record Row(UUID groupId, String name, long customersCount, long subtreeCustomersCount,
                       long descendantsCount, int depth) {
    }
}
