package org.orggroups.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.axonframework.queryhandling.QueryHandler;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListCustomers;
import org.orggroups.api.query.Page;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers customer queries from {@code customer_view} (kept by {@link CustomerViewProjection}) and the
 * memberships and groups of {@code customer_group_view} and {@code group_view} (kept by
 * {@link GroupViewProjection}). Only live customers and live groups have rows, so deleted ones never show.
 */
@Component
public class CustomerQueryHandler {

    private static final String FROM = " from customer_view c";

    private final JdbcTemplate jdbc;

    /** @param jdbc read access to the customer and group views */
    public CustomerQueryHandler(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param query the customer to find
     * @return the customer with its groups ordered by name then uuid, or empty when it does not exist or was
     *         deleted
     */
    @QueryHandler
    public Optional<CustomerSummary> handle(FindCustomer query) {
        return withGroups(jdbc.query("select c.customer_id, c.name" + FROM + " where c.customer_id = ?",
                CustomerQueryHandler::mapCustomer, query.customerId().uuid())).stream().findFirst();
    }

    /**
     * Lists customers with the filters of API.md section 4: {@code nameContains} and {@code groupNameContains}
     * are case-insensitive substrings in which {@code %} and {@code _} are literal, {@code nameExact} is exact
     * and case-sensitive (text filters are ignored when {@code null} or empty, as Waldur ignores an empty
     * filter), {@code memberOfAny} keeps direct members of at least one of the groups. Ordered by name
     * (ascending, or descending when asked) in the database's collation, then by uuid ascending. Each
     * customer's groups are ordered by name then uuid.
     *
     * @param query the filters, ordering and page
     * @return the page; {@link Page#exists()} is {@code false} when a page past the last one is asked for
     */
    @QueryHandler
    public Page<CustomerSummary> handle(ListCustomers query) {
        SqlWhere where = new SqlWhere();
        if (LikePattern.isSet(query.nameContains())) {
            where.and(LikePattern.icontains("c.name"), LikePattern.containing(query.nameContains()));
        }
        if (LikePattern.isSet(query.nameExact())) {
            where.and("c.name = ?", query.nameExact());
        }
        if (!query.memberOfAny().isEmpty()) {
            // exists, not a join: a member of several of the groups must still be listed once.
            where.and("exists (select 1 from customer_group_view m where m.customer_id = c.customer_id"
                            + " and m.group_id in (" + SqlWhere.placeholders(query.memberOfAny().size()) + "))",
                    query.memberOfAny().stream().map(GroupId::uuid).toArray());
        }
        if (LikePattern.isSet(query.groupNameContains())) {
            where.and("exists (select 1 from customer_group_view m join group_view g on g.group_id = m.group_id"
                            + " where m.customer_id = c.customer_id and " + LikePattern.icontains("g.name") + ")",
                    LikePattern.containing(query.groupNameContains()));
        }
        long total = jdbc.queryForObject("select count(*)" + FROM + where.sql(), Long.class, where.args());
        String select = "select c.customer_id, c.name" + FROM + where.sql()
                + " order by c.name " + (query.nameDescending() ? "desc" : "asc") + ", c.customer_id asc"
                + " offset ? rows fetch first ? rows only";
        return Paging.page(query.page(), total, (offset, limit) ->
                withGroups(jdbc.query(select, CustomerQueryHandler::mapCustomer, where.args(offset, limit))));
    }

    /**
     * Adds their groups to customers read without them, with one query for all of them rather than one per
     * customer.
     */
    private List<CustomerSummary> withGroups(List<CustomerSummary> customers) {
        if (customers.isEmpty()) {
            return customers;
        }
        Map<UUID, List<GroupSummary>> groups = new HashMap<>();
        jdbc.query("select m.customer_id as member_id, " + GroupRows.columns("g")
                        + " from customer_group_view m join group_view g on g.group_id = m.group_id"
                        + " where m.customer_id in (" + SqlWhere.placeholders(customers.size()) + ")"
                        + " order by g.name asc, g.group_id asc",
                (ResultSet rs) -> {
                    groups.computeIfAbsent(rs.getObject("member_id", UUID.class), id -> new ArrayList<>())
                            .add(GroupRows.read(rs));
                },
                customers.stream().map(c -> c.customerId().uuid()).toArray());
        return customers.stream()
                .map(c -> new CustomerSummary(c.customerId(), c.name(),
                        groups.getOrDefault(c.customerId().uuid(), List.of())))
                .toList();
    }

    private static CustomerSummary mapCustomer(ResultSet rs, int row) throws SQLException {
        return new CustomerSummary(new CustomerId(rs.getObject("customer_id", UUID.class)), rs.getString("name"),
                List.of());
    }
}
