package org.orggroups.query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.axonframework.queryhandling.QueryHandler;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.GroupOrder;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers group queries from {@code group_view}, which {@link GroupViewProjection} keeps. Only live groups
 * have a row there, so deleted ones are never found.
 */
@Component
public class GroupQueryHandler {

    private static final String FROM = " from group_view g";
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
        return jdbc.query("select " + GroupRows.columns("g") + FROM + " where g.group_id = ?",
                GroupRows::map, query.groupId().uuid()).stream().findFirst();
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
        SqlWhere where = new SqlWhere();
        if (LikePattern.isSet(query.nameContains())) {
            where.and(LikePattern.icontains("g.name"), LikePattern.containing(query.nameContains()));
        }
        if (LikePattern.isSet(query.nameExact())) {
            where.and("g.name = ?", query.nameExact());
        }
        if (query.parentId() != null) {
            where.and("g.parent_id = ?", query.parentId().uuid());
        }
        long total = jdbc.queryForObject("select count(*)" + FROM + where.sql(), Long.class, where.args());
        String select = "select " + GroupRows.columns("g") + FROM + where.sql()
                + " order by " + orderBy(query.ordering()) + " offset ? rows fetch first ? rows only";
        return Paging.page(query.page(), total,
                (offset, limit) -> jdbc.query(select, GroupRows::map, where.args(offset, limit)));
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
