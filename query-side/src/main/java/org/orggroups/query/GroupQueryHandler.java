package org.orggroups.query;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.FindGroupAsOf;
import org.orggroups.api.query.GroupOrder;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.ListGroupsAsOf;
import org.orggroups.api.query.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers group queries from {@code group_view}, which {@link GroupViewProjection} keeps. Only live groups
 * have a row there, so deleted ones are never found. Questions about the past ({@code as_of}) are answered
 * with the same SQL from {@code group_timeline}, restricted to the rows valid at that instant, which have the
 * columns of {@code group_view}: one row per group that was live then.
 */
@Component
public class GroupQueryHandler {

    private static final String FROM = " from group_view g";
    private static final String FROM_TIMELINE = " from group_timeline g";
    /**
     * The timeline rows valid at one instant (bound twice): those that began by then and had not ended. The first
     * test is on a column of the timeline's name index (V14), so an as-of list walks that index in its order and
     * skips there the states begun after the instant, without reading their rows; {@code AsOfListIndexIntegrationTest}
     * checks that PostgreSQL does so.
     */
    public static final String VALID_AT = "g.valid_from <= ? and (g.valid_to is null or g.valid_to > ?)";
    /** Ties left by the requested terms, whatever their direction, so that pages are stable (API.md section 3). */
    private static final String TIE_BREAK = "g.group_id asc";

    private final JdbcTemplate jdbc;

    /** @param jdbc read access to {@code group_view} */
    public GroupQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param query the group to find
     * @return the group, or empty when it does not exist or was deleted
     */
    @QueryHandler
    public Optional<GroupSummary> handle(FindGroup query) {
        return GroupRows.current(jdbc, query.groupId().uuid());
    }

    /**
     * Lists groups with the filters, ordering and paging of API.md section 3 ("Listing"): {@code nameContains}
     * is a case-insensitive substring in which {@code %} and {@code _} are literal, {@code nameExact} is exact
     * and case-sensitive (both ignored when {@code null} or empty, as Waldur ignores an empty filter),
     * {@code parentId} keeps direct children only. Terms order in the database's collation; no terms means
     * name ascending; remaining ties go by uuid ascending.
     *
     * @param query the filters, ordering and page
     * @return the page; {@link Page#exists()} is {@code false} when a page past the last one is asked for
     */
    @QueryHandler
    public Page<GroupSummary> handle(ListGroups query) {
        return list(query, FROM, new SqlWhere());
    }

    /**
     * @param query the group and the instant
     * @return the group as it was then, or empty when it did not exist yet or was deleted by then
     */
    @QueryHandler
    public Optional<GroupSummary> handle(FindGroupAsOf query) {
        OffsetDateTime at = StoredTimes.floor(query.asOf());
        return jdbc.query("select " + GroupRows.columns("g") + FROM_TIMELINE + " where g.group_id = ? and " + VALID_AT
                        + " order by g.from_index desc fetch first 1 rows only",
                GroupRows::map, query.groupId().uuid(), at, at).stream().findFirst();
    }

    /**
     * Lists groups as {@link #handle(ListGroups)} would have at the instant: same filters, ordering and paging,
     * over the timeline rows valid then.
     *
     * @param query the list and the instant
     * @return the page; {@link Page#exists()} is {@code false} when a page past the last one is asked for
     */
    @QueryHandler
    public Page<GroupSummary> handle(ListGroupsAsOf query) {
        OffsetDateTime at = StoredTimes.floor(query.asOf());
        return list(query.list(), FROM_TIMELINE, new SqlWhere().and(VALID_AT, at, at));
    }

    private Page<GroupSummary> list(ListGroups query, String from, SqlWhere where) {
        if (LikePattern.isSet(query.nameContains())) {
            where.and(LikePattern.icontains("g.name"), LikePattern.containing(query.nameContains()));
        }
        if (LikePattern.isSet(query.nameExact())) {
            where.and("g.name = ?", query.nameExact());
        }
        if (query.parentId() != null) {
            where.and("g.parent_id = ?", query.parentId().uuid());
        }
        String filtered = from + where.sql();
        String count = "select count(*)" + filtered;
        String order = orderBy(query.ordering());
        boolean fromMatches = LikePattern.isSet(query.nameContains());
        String counted = fromMatches ? countedFromMatches(filtered, order) : counted(filtered, order);
        return Paging.page(query.page(),
                () -> jdbc.queryForObject(count, Long.class, where.args()),
                (offset, limit) -> jdbc.query(counted, Paging.counted("group_id", GroupRows::map), fromMatches // the clause's values once for the matches, or for the count and then the slice
                        ? where.args(offset, limit) : where.args(where.args(offset, limit))));
    }

    /**
     * The count and the slice in one statement: the slice is left-joined to the count's one row, so the total
     * comes back even for a page past the end, where the slice is empty. The outer order keeps the slice's
     * order, which a join does not promise by itself. The slice walks an index in the list's order and keeps
     * the rows that pass the filter, which is cheap while they are not rare there.
     */
    private static String counted(String filtered, String order) {
        String slice = "select " + GroupRows.columns("g") + filtered
                + " order by " + order + " offset ? rows fetch first ? rows only";
        return "select t.total, " + GroupRows.columns("g") + " from (select count(*) as total" + filtered
                + ") t left join (" + slice + ") g on true order by " + order;
    }

    /**
     * As {@link #counted}, for a name substring: the matching rows are collected once (PostgreSQL's trigram
     * index finds them, V9), then counted and sorted. Walking the name index instead reads every row until the
     * page is full, and when the matches sort late (measured: 56,580 rows read for 50 matches among 66,141
     * groups, 68 ms against 1.2 ms) that is most of the table. A common table expression used twice is
     * computed once, on PostgreSQL as on H2.
     */
    private static String countedFromMatches(String filtered, String order) {
        return "with m as (select " + GroupRows.columns("g") + filtered + ")"
                + " select t.total, " + GroupRows.columns("g") + " from (select count(*) as total from m) t"
                + " left join (select " + GroupRows.columns("g") + " from m g order by " + order
                + " offset ? rows fetch first ? rows only) g on true order by " + order;
    }

    /** Built only from the enum, never from client text, so it is safe to put into the SQL. */
    private static String orderBy(List<GroupOrder> ordering) {
        List<String> terms = new ArrayList<>();
        for (GroupOrder order : ordering) {
            String column = switch (Objects.requireNonNull(order.field(), "ordering field")) {
                case NAME -> "g.name";
                case CUSTOMERS_COUNT -> "g.customers_count";
            };
            terms.add(column + (order.descending() ? " desc" : " asc"));
        }
        if (terms.isEmpty()) {
            terms.add("g.name asc");
        }
        terms.add(TIE_BREAK);
        return String.join(", ", terms);
    }
}
