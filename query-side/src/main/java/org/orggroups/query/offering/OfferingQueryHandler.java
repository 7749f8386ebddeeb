package org.orggroups.query.offering;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.queryhandling.QueryHandler;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.AccessDecision;
import org.orggroups.api.query.offering.AllowedCustomer;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindOffering;
import org.orggroups.api.query.offering.FindPlan;
import org.orggroups.api.query.offering.FindPlanOffering;
import org.orggroups.api.query.offering.FindPublicOffering;
import org.orggroups.api.query.offering.Grant;
import org.orggroups.api.query.offering.ListAllowedCustomers;
import org.orggroups.api.query.offering.ListOfferings;
import org.orggroups.api.query.offering.ListPlans;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OrderCheck;
import org.orggroups.api.query.offering.OrderReason;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.api.query.offering.Viewer;
import org.orggroups.query.GroupRows;
import org.orggroups.query.LikePattern;
import org.orggroups.query.Paging;
import org.orggroups.query.SqlWhere;
import org.orggroups.query.offering.OfferingAccess.Resource;
import org.orggroups.query.offering.OfferingAccess.Walk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;

/**
 * Answers offering and plan queries (API.md 12.2 to 12.7) from the views {@link OfferingViewProjection}
 * keeps, joined with {@code group_view} and {@code customer_view} so that renames show at once. Only live offerings
 * and plans have rows, and the restriction tables hold only live groups. Who may order what is decided by
 * {@link OfferingAccess} alone.
 *
 * <p>Every list is ordered by name (ascending unless asked otherwise), then uuid ascending; the groups of an
 * offering or plan and the plans of an offering by name, then uuid. A numbered page of offerings is one statement on
 * the connections of {@link CatalogueReads}: the count, the slice, the plans of the slice's offerings and the groups of
 * both, from one snapshot and with the walk of a narrowed list made once ({@code last} counts first).
 */
@Component
public class OfferingQueryHandler {

    private static final String OFFERING_COLUMNS = "o.offering_id, o.name, o.provider_id, o.shared, o.restricted,"
            + " o.include_descendant_groups, o.version";
    private static final String OFFERINGS = " from offering_view o";
    /**
     * The provider's name of a page's row, looked up by primary key for each row of the page: as a join, the
     * planner reads all of {@code customer_view} when it expects many matches.
     */
    private static final String PROVIDER_NAME = "(select pc.name from customer_view pc"
            + " where pc.customer_id = o.provider_id) as provider_name";
    /** The columns of a page's {@code pg} expression: the total, then the offering's columns and its provider's name. */
    private static final String PAGE_COLUMNS = "total, " + OFFERING_COLUMNS.replace("o.", "") + ", provider_name";
    private static final String PLAN_COLUMNS = "p.plan_id, p.offering_id, p.name, p.restricted,"
            + " p.include_descendant_groups, p.version";
    /** The customer a public listing is narrowed to: one row while it is live, so an unknown one gives nothing. */
    private static final String ASKER = " cross join " + OfferingAccess.ASKER + " k";
    private static final String ASKER_ID = "k.customer_id";

    private final JdbcTemplate jdbc;
    /** The offering lists' template (see {@link CatalogueReads}); the other reads use {@link #jdbc}. */
    private final JdbcTemplate catalogue;

    /**
     * Reads everything, the offering lists included, through one template.
     *
     * @param jdbc read access to the offering, plan, group and customer views
     */
    public OfferingQueryHandler(JdbcTemplate jdbc) {
        this(jdbc, new CatalogueReads(jdbc));
    }

    /**
     * @param jdbc      read access to the offering, plan, group and customer views, for every read but the lists
     * @param catalogue the connections of the offering lists (E2, E3, E11 to E14), on the same database
     */
    @Autowired
    public OfferingQueryHandler(JdbcTemplate jdbc, CatalogueReads catalogue) {
        this.jdbc = jdbc;
        this.catalogue = catalogue.jdbc();
    }

    /**
     * @param query the offering (E3)
     * @return the live offering with all its plans, or empty
     */
    @QueryHandler
    public Optional<OfferingSummary> handle(FindOffering query) {
        return list(new Listing(null, OfferingFilter.none(), null), query.offeringId(), new PageRequest(1, 1))
                .items().stream().findFirst();
    }

    /**
     * Lists live offerings with all their plans, as staff sees them in the provider views (E2), with the filters
     * of {@link OfferingFilter}; {@code allowedCustomerId} keeps the offerings that pass R1 to R3 for it.
     *
     * @param query the filters and page
     * @return the page; {@link Page#exists()} is {@code false} past the last page
     */
    @QueryHandler
    public Page<OfferingSummary> handle(ListOfferings query) {
        return list(new Listing(null, query.filter(), walkFor(query.filter())), null, query.page());
    }

    /**
     * Lists the public catalogue (E11; contract 2.5): a {@link Viewer#PUBLIC} viewer sees shared offerings with
     * their unrestricted plans; {@link Viewer#STAFF} sees shared offerings and private ones with at least one plan,
     * with every plan. {@code allowedCustomerId} narrows the offerings to those passing R1 to R3 for that customer
     * (so a provider's own restricted shared offering is listed for it only when it qualifies: Waldur's bug d),
     * and the plans to those passing R4 and R5, for staff too (bug e); an unknown or deleted customer gives an
     * empty page (bug f).
     *
     * @param query the viewer, filters and page
     * @return the page; {@link Page#exists()} is {@code false} past the last page
     */
    @QueryHandler
    public Page<OfferingSummary> handle(ListPublicOfferings query) {
        return list(new Listing(query.viewer(), query.filter(), walkFor(query.filter())), null, query.page());
    }

    /**
     * @param query the offering, the viewer and the customer to narrow to (E12 to E14)
     * @return the offering with the plans the viewer may see, or empty when it is not in the viewer's list
     */
    @QueryHandler
    public Optional<OfferingSummary> handle(FindPublicOffering query) {
        OfferingFilter filter = new OfferingFilter(null, null, null, null, Set.of(),
                query.allowedCustomerId(), false);
        return list(new Listing(query.viewer(), filter, walkFor(filter)), query.offeringId(), new PageRequest(1, 1))
                .items().stream().findFirst();
    }

    /**
     * @param query the plan (E8)
     * @return the plan of a live offering, or empty
     */
    @QueryHandler
    public Optional<PlanSummary> handle(FindPlan query) {
        return withGroups(jdbc.query("select " + PLAN_COLUMNS + " from plan_view p where p.plan_id = ?",
                OfferingQueryHandler::plan, query.planId().uuid())).stream().findFirst();
    }

    /**
     * Lists the plans of live offerings (E7), ordered by name then uuid.
     *
     * @param query the offering to narrow to, or {@code null}, and the page
     * @return the page; {@link Page#exists()} is {@code false} past the last page
     */
    @QueryHandler
    public Page<PlanSummary> handle(ListPlans query) {
        SqlWhere where = new SqlWhere();
        if (query.offeringId() != null) {
            where.and("p.offering_id = ?", query.offeringId().uuid());
        }
        String filtered = " from plan_view p" + where.sql();
        String order = "p.name asc, p.plan_id asc";
        String counted = "select t.total, " + PLAN_COLUMNS + " from (select count(*) as total" + filtered + ") t"
                + " left join (select " + PLAN_COLUMNS + filtered + " order by " + order
                + " offset ? rows fetch first ? rows only) p on true order by " + order;
        return Paging.page(query.page(),
                () -> jdbc.queryForObject("select count(*)" + filtered, Long.class, where.args()),
                (offset, limit) -> {
                    Paging.Counted<PlanSummary> slice = jdbc.query(counted,
                            Paging.counted("plan_id", OfferingQueryHandler::plan), where.args(where.args(offset, limit)));
                    // The groups are read once the slice's connection is back in the pool: without a transaction to
                    // share one connection, a read that held it while asking for another could wait for itself once
                    // every connection of the pool was held so.
                    return new Paging.Counted<>(slice.total(), withGroups(slice.rows()));
                });
    }

    /**
     * @param query the plan, live or deleted
     * @return the offering whose stream holds the plan's events, or empty when no such plan was ever created
     */
    @QueryHandler
    public Optional<OfferingId> handle(FindPlanOffering query) {
        return jdbc.queryForList("select offering_id from plan_stream where plan_id = ?", UUID.class,
                query.planId().uuid()).stream().findFirst().map(OfferingId::new);
    }

    /**
     * Decides an order (E16; contract 2.1 and 2.7) in one statement, so that every part of the answer comes from
     * one snapshot of the views: the offering's row, the customer's and the plan's, both resources' denials and
     * the grants of both.
     *
     * @param query the offering, the customer and the optional plan
     * @return the check, or empty when the offering is unknown or deleted
     */
    @QueryHandler
    public Optional<OrderCheck> handle(CheckOrder query) {
        Walk walk = OfferingAccess.forCustomer(query.customerId().uuid());
        UUID planId = query.planId() == null ? null : query.planId().uuid();
        UUID offeringId = query.offeringId().uuid();
        String grants = "select '" + Resource.OFFERING + "' as kind, og.group_id, og.via_id from ("
                + walk.grants(Resource.OFFERING, "?", ASKER_ID) + ") og"
                + " union all select '" + Resource.PLAN + "', pg.group_id, pg.via_id from ("
                + walk.grants(Resource.PLAN, "?", ASKER_ID) + ") pg";
        String sql = "with recursive " + walk.with()
                + " select o.name, o.shared, o.restricted, k.customer_id, kc.name as customer_name,"
                + " p.plan_id, p.offering_id as plan_offering_id, p.restricted as plan_restricted,"
                + " " + OfferingAccess.offeringDenial(walk, "o", ASKER_ID) + " as offering_denial,"
                + " " + OfferingAccess.planDenial(walk, "p", ASKER_ID) + " as plan_denial,"
                + " gr.kind, gr.group_id, gg.name as group_name, gr.via_id"
                + " from offering_view o"
                + " left join " + OfferingAccess.ASKER + " k on true"
                + " left join customer_view kc on kc.customer_id = k.customer_id"
                + " left join plan_view p on p.plan_id = ?"
                + " left join (" + grants + ") gr on true"
                + " left join group_view gg on gg.group_id = gr.group_id"
                + " where o.offering_id = ?"
                + " order by gr.kind, gg.name, gr.group_id, gr.via_id";
        List<Object> args = new ArrayList<>(List.of(walk.args()));
        args.add(planId);
        args.add(offeringId);
        args.add(planId);
        args.add(offeringId);
        return jdbc.query(sql, rs -> {
            if (!rs.next()) {
                return Optional.<OrderCheck>empty();
            }
            String offeringName = rs.getString("name");
            boolean shared = rs.getBoolean("shared");
            boolean restricted = rs.getBoolean("restricted");
            boolean customerKnown = rs.getObject("customer_id") != null;
            String customerName = rs.getString("customer_name");
            boolean planKnown = planId == null || rs.getObject("plan_id") != null;
            boolean planOfOffering = planId == null
                    || offeringId.equals(rs.getObject("plan_offering_id", UUID.class));
            boolean planRestricted = rs.getBoolean("plan_restricted");
            OrderReason offeringDenial = OfferingAccess.reasonOf(rs.getString("offering_denial"));
            OrderReason planDenial = OfferingAccess.reasonOf(rs.getString("plan_denial"));
            List<Grant> offeringGrants = new ArrayList<>();
            List<Grant> planGrants = new ArrayList<>();
            do {
                String kind = rs.getString("kind");
                if (kind != null) {
                    Grant grant = new Grant(new GroupId(rs.getObject("group_id", UUID.class)),
                            rs.getString("group_name"), new GroupId(rs.getObject("via_id", UUID.class)));
                    (Resource.OFFERING.name().equals(kind) ? offeringGrants : planGrants).add(grant);
                }
            } while (rs.next());
            AccessDecision offering = OfferingAccess.decision(offeringDenial, restricted, shared, offeringGrants);
            AccessDecision plan = planId == null || !planKnown || !planOfOffering ? null
                    : OfferingAccess.decision(planDenial, planRestricted, true, planGrants);
            OrderReason reason = customerKnown && planKnown && planOfOffering
                    ? OfferingAccess.reason(offeringDenial, shared, offering, planDenial, plan) : null;
            return Optional.of(new OrderCheck(customerKnown, planKnown, planOfOffering, reason, offeringName,
                    customerName, offering, plan));
        }, args.toArray());
    }

    /**
     * Lists every live customer that {@link #handle(CheckOrder)} would allow (E15; contract 2.6), with the grants
     * of the offering's restriction followed by those of the plan's. The restriction's groups are walked down to
     * their descendants once, and each customer is checked against them.
     *
     * @param query the offering, the optional plan, the name filter and the page
     * @return the page, ordered by name then uuid; empty for an unknown offering, or a plan not of it
     */
    @QueryHandler
    public Page<AllowedCustomer> handle(ListAllowedCustomers query) {
        UUID offeringId = query.offeringId().uuid();
        UUID planId = query.planId() == null ? null : query.planId().uuid();
        Walk walk = OfferingAccess.forResource(offeringId, planId);
        SqlWhere where = new SqlWhere().and("o.offering_id = ?", offeringId);
        String from = " from customer_view c cross join offering_view o";
        String columns = "c.customer_id, c.name, o.shared, o.restricted";
        if (planId != null) {
            from += " cross join plan_view p";
            columns += ", p.restricted as plan_restricted";
            where.and("p.plan_id = ? and p.offering_id = o.offering_id", planId);
            where.and(OfferingAccess.planDenial(walk, "p", "c.customer_id") + " is null");
        } else {
            columns += ", false as plan_restricted";
        }
        where.and(OfferingAccess.offeringDenial(walk, "o", "c.customer_id") + " is null");
        if (LikePattern.isSet(query.nameContains())) {
            where.and(LikePattern.icontains("c.name"), LikePattern.containing(query.nameContains()));
        }
        String filtered = from + where.sql();
        String order = "c.name asc, c.customer_id asc";
        String with = "with recursive " + walk.with() + " ";
        String counted = with + "select t.total, c.* from (select count(*) as total" + filtered + ") t"
                + " left join (select " + columns + filtered + " order by " + order
                + " offset ? rows fetch first ? rows only) c on true order by " + order;
        Object[] walkArgs = walk.args();
        return Paging.page(query.page(),
                () -> jdbc.queryForObject(with + "select count(*)" + filtered, Long.class, concat(walkArgs,
                        where.args())),
                (offset, limit) -> {
                    record Row(UUID customerId, String name, boolean shared, boolean restricted,
                               boolean planRestricted) {
                    }
                    long[] total = {0};
                    List<Row> rows = new ArrayList<>();
                    jdbc.query(counted, (ResultSet rs) -> {
                        total[0] = rs.getLong("total");
                        if (rs.getObject("customer_id") != null) {
                            rows.add(new Row(rs.getObject("customer_id", UUID.class), rs.getString("name"),
                                    rs.getBoolean("shared"), rs.getBoolean("restricted"),
                                    rs.getBoolean("plan_restricted")));
                        }
                    }, concat(walkArgs, where.args(where.args(offset, limit))));
                    Map<UUID, List<Grant>> offeringGrants = new HashMap<>();
                    Map<UUID, List<Grant>> planGrants = new HashMap<>();
                    if (!rows.isEmpty()) {
                        String members = "select '" + Resource.OFFERING + "' as kind, om.* from ("
                                + OfferingAccess.members(Resource.OFFERING) + ") om"
                                + (planId == null ? "" : " union all select '" + Resource.PLAN + "', pm.* from ("
                                + OfferingAccess.members(Resource.PLAN) + ") pm");
                        jdbc.query(with + "select gm.kind, gm.customer_id, gm.group_id, g.name, gm.via_id from ("
                                        + members + ") gm join group_view g on g.group_id = gm.group_id"
                                        + " where gm.customer_id in (" + SqlWhere.placeholders(rows.size()) + ")"
                                        + " order by g.name, gm.group_id, gm.via_id",
                                (ResultSet rs) -> {
                                    Map<UUID, List<Grant>> grants = Resource.OFFERING.name().equals(rs.getString("kind"))
                                            ? offeringGrants : planGrants;
                                    grants.computeIfAbsent(rs.getObject("customer_id", UUID.class),
                                            id -> new ArrayList<>()).add(new Grant(
                                            new GroupId(rs.getObject("group_id", UUID.class)), rs.getString("name"),
                                            new GroupId(rs.getObject("via_id", UUID.class))));
                                },
                                concat(walkArgs, rows.stream().map(Row::customerId).toArray()));
                    }
                    List<AllowedCustomer> allowed = rows.stream().map(row -> {
                        List<Grant> grants = new ArrayList<>(OfferingAccess.decision(null, row.restricted(),
                                row.shared(), offeringGrants.getOrDefault(row.customerId(), List.of())).grantedBy());
                        grants.addAll(OfferingAccess.decision(null, row.planRestricted(), true,
                                planGrants.getOrDefault(row.customerId(), List.of())).grantedBy());
                        return new AllowedCustomer(new CustomerId(row.customerId()), row.name(), grants);
                    }).toList();
                    return new Paging.Counted<>(total[0], allowed);
                });
    }

    /** What one offering list shows: whose view, which filters, and the walk for the customer narrowed to. */
    private record Listing(Viewer viewer, OfferingFilter filter, Walk walk) {
    }

    private static Walk walkFor(OfferingFilter filter) {
        return filter.allowedCustomerId() == null ? null
                : OfferingAccess.forCustomer(filter.allowedCustomerId().uuid());
    }

    /**
     * @param only one offering to find, or {@code null} for a list
     */
    private Page<OfferingSummary> list(Listing listing, OfferingId only, PageRequest page) {
        OfferingFilter filter = listing.filter();
        Walk walk = listing.walk();
        String from = OFFERINGS + (walk == null ? "" : ASKER);
        SqlWhere where = new SqlWhere();
        if (only != null) {
            where.and("o.offering_id = ?", only.uuid());
        }
        if (listing.viewer() == Viewer.PUBLIC) {
            where.and("o.shared");
        } else if (listing.viewer() == Viewer.STAFF) {
            where.and("(o.shared or exists (select 1 from plan_view vp where vp.offering_id = o.offering_id))");
        }
        if (LikePattern.isSet(filter.nameContains())) {
            where.and(LikePattern.icontains("o.name"), LikePattern.containing(filter.nameContains()));
        }
        if (LikePattern.isSet(filter.nameExact())) {
            where.and("o.name = ?", filter.nameExact());
        }
        if (filter.providerId() != null) {
            where.and("o.provider_id = ?", filter.providerId().uuid());
        }
        if (filter.shared() != null) {
            where.and("o.shared = ?", filter.shared());
        }
        if (!filter.linkedToAny().isEmpty()) {
            where.and("exists (select 1 from offering_group_view lg where lg.offering_id = o.offering_id"
                            + " and lg.group_id in (" + SqlWhere.placeholders(filter.linkedToAny().size()) + "))",
                    filter.linkedToAny().stream().map(GroupId::uuid).toArray());
        }
        String filtered = from + where.sql();
        String order = "o.name " + (filter.nameDescending() ? "desc" : "asc") + ", o.offering_id asc";
        // Narrowed to a customer, or by a name substring, the matching offerings are collected once, then counted
        // and sorted (as GroupQueryHandler's name filter): the rule is then evaluated once per offering, not once
        // for the count and again for the page, and the statement is planned with one copy of it.
        boolean fromMatches = walk != null || LikePattern.isSet(filter.nameContains());
        String with = walk == null ? "with " : "with recursive " + walk.with() + ", ";
        Object[] walkArgs = walk == null ? new Object[0] : walk.args();
        String matches = "select " + OFFERING_COLUMNS + filtered;
        Object[] matchArgs = where.args();
        if (walk != null) {
            // Narrowed to a customer: the offerings that admit it are read in the rule's three parts, each through
            // an index or a short scan, instead of testing the rule on every offering.
            // The customer's id is bound where a part needs it: H2 loses rows when the parts of a union each join
            // the customer's row, so that row is joined once, around them (an unknown customer admits nothing).
            List<String> parts = OfferingAccess.offeringAdmissions(walk, "o", "?");
            String narrowed = OFFERINGS + where.sql() + (where.sql().isEmpty() ? " where " : " and ");
            matches = "select o.* from (" + String.join(" union all ", parts.stream()
                    .map(part -> "select " + OFFERING_COLUMNS + narrowed + part).toList()) + ") o" + ASKER;
            UUID customer = filter.allowedCustomerId().uuid();
            matchArgs = parts.stream().flatMap(part -> Stream.concat(Arrays.stream(where.args()),
                    Collections.nCopies(countOf(part, '?'), customer).stream())).toArray();
        }
        // The page: the total and the slice's offerings with their provider's name (joined to the slice's rows only).
        String slice;
        if (fromMatches) {
            // H2 wants the columns of every expression of a recursive WITH named.
            with += "m (" + OFFERING_COLUMNS.replace("o.", "") + ") as (" + matches + "), ";
            slice = "select t.total, o.*, " + PROVIDER_NAME + " from (select count(*) as total from m) t"
                    + " left join (select * from m o order by " + order + " offset ? rows fetch first ? rows only) o"
                    + " on true";
        } else {
            slice = "select t.total, o.*, " + PROVIDER_NAME + " from (select count(*) as total" + filtered + ") t"
                    + " left join (select " + OFFERING_COLUMNS + filtered + " order by " + order
                    + " offset ? rows fetch first ? rows only) o on true";
        }
        String counted = with + "pg (" + PAGE_COLUMNS + ") as (" + slice + "), " + details(listing)
                + " order by part, offering_name " + (filter.nameDescending() ? "desc" : "asc")
                + ", offering_id, plan_name, plan_id, name, group_id";
        Object[] countArgs = concat(walkArgs, matchArgs);
        String counting = matches; // the count alone is only asked for page=last
        ResultSetExtractor<Paging.Counted<OfferingSummary>> reader = OfferingQueryHandler::readPage;
        return Paging.page(page,
                () -> catalogue.queryForObject((walk == null ? "" : "with recursive " + walk.with() + " ")
                        + "select count(*) from (" + counting + ") m", Long.class, countArgs),
                (offset, limit) -> catalogue.query(counted, reader, fromMatches
                        ? concat(countArgs, new Object[] {offset, limit}) : where.args(where.args(offset, limit))));
    }

    /**
     * The rest of a page's statement, after its {@code pg} expression (the total and the page's offerings): the
     * page's rows, then one row per visible plan of its offerings and group of that plan (a plan without groups once,
     * with no group), and one row per offering and group of it. The group rows are found by primary key: joined to
     * the rows directly, the planner reads all of {@code group_view} once it expects a few dozen of them. Read by
     * {@link #readPage}.
     */
    private static String details(Listing listing) {
        Walk walk = listing.walk();
        String ofPage = " in (select pg.offering_id from pg)";
        SqlWhere where = new SqlWhere().and("p.offering_id" + ofPage);
        if (listing.viewer() == Viewer.PUBLIC) {
            where.and("not p.restricted");
        }
        boolean narrowed = listing.viewer() != null && walk != null;
        if (narrowed) {
            where.and(OfferingAccess.planDenial(walk, "p", ASKER_ID) + " is null");
        }
        String rows = "select p.plan_id as owner_id, " + PLAN_COLUMNS + ", x.group_id from plan_view p"
                + (narrowed ? ASKER : "") + " left join plan_group_view x on x.plan_id = p.plan_id" + where.sql()
                + " union all select x.offering_id, null, null, null, null, null, null, x.group_id"
                + " from offering_group_view x where x.offering_id" + ofPage;
        return "r (owner_id, plan_id, offering_id, name, restricted, include_descendant_groups, version, group_id)"
                + " as (" + rows + ")"
                + " select 0 as part, pg.total, pg.offering_id, pg.name as offering_name, pg.provider_id, pg.shared,"
                + " pg.restricted as offering_restricted, pg.include_descendant_groups as offering_descendants,"
                + " pg.version as offering_version, pg.provider_name, null as owner_id, null as plan_id,"
                + " null as plan_offering_id, null as plan_name, null as plan_restricted, null as plan_descendants,"
                + " null as plan_version, null as group_id, null as name, null as parent_id, null as parent_name,"
                + " null as customers_count, null as version from pg"
                + " union all select 1, null, null, null, null, null, null, null, null, null,"
                + " r.owner_id, r.plan_id, r.offering_id, r.name, r.restricted, r.include_descendant_groups, r.version, "
                + GroupRows.columns("g") + " from r left join (select " + GroupRows.columns("lg") + " from group_view lg"
                + " where lg.group_id = any (array (select r.group_id from r))) g on g.group_id = r.group_id";
    }

    /** Reads the rows of a page's statement ({@link #details}) into the total and the offerings with their plans. */
    private static Paging.Counted<OfferingSummary> readPage(ResultSet rs) throws SQLException {
        long total = 0;
        List<OfferingSummary> offerings = new ArrayList<>();
        Map<UUID, List<GroupSummary>> groups = new HashMap<>();
        List<PlanSummary> plans = new ArrayList<>();
        while (rs.next()) {
            if (rs.getInt("part") == 0) {
                total = rs.getLong("total");
                if (rs.getObject("offering_id") != null) {
                    offerings.add(offering(rs));
                }
                continue;
            }
            UUID owner = rs.getObject("owner_id", UUID.class);
            if (rs.getObject("plan_id") != null && !groups.containsKey(owner)) {
                plans.add(new PlanSummary(new PlanId(owner),
                        new OfferingId(rs.getObject("plan_offering_id", UUID.class)), rs.getString("plan_name"),
                        rs.getBoolean("plan_restricted"), rs.getBoolean("plan_descendants"), List.of(),
                        rs.getLong("plan_version")));
            }
            List<GroupSummary> owned = groups.computeIfAbsent(owner, id -> new ArrayList<>());
            if (rs.getObject("group_id") != null) {
                owned.add(GroupRows.read(rs));
            }
        }
        Map<OfferingId, List<PlanSummary>> byOffering = new LinkedHashMap<>();
        for (PlanSummary plan : plans) {
            byOffering.computeIfAbsent(plan.offeringId(), id -> new ArrayList<>()).add(withGroups(plan, groups));
        }
        return new Paging.Counted<>(total, offerings.stream().map(o -> new OfferingSummary(o.offeringId(), o.name(),
                o.providerId(), o.providerName(), o.shared(), o.restricted(), o.includeDescendantGroups(),
                groups.getOrDefault(o.offeringId().uuid(), List.of()), byOffering.getOrDefault(o.offeringId(),
                List.of()), o.version())).toList());
    }
    private List<PlanSummary> withGroups(List<PlanSummary> plans) {
        if (plans.isEmpty()) {
            return plans;
        }
        Map<UUID, List<GroupSummary>> groups = groups(List.of(), plans.stream().map(p -> p.planId().uuid()).toList());
        return plans.stream().map(p -> withGroups(p, groups)).toList();
    }

    private static PlanSummary withGroups(PlanSummary plan, Map<UUID, List<GroupSummary>> groups) {
        return new PlanSummary(plan.planId(), plan.offeringId(), plan.name(), plan.restricted(),
                plan.includeDescendantGroups(), groups.getOrDefault(plan.planId().uuid(), List.of()), plan.version());
    }

    /**
     * @return the live groups of the offerings' and plans' restrictions, by offering or plan id (ids of both are
     *         random UUIDs and never meet), each list ordered by name then uuid; one statement
     */
    private Map<UUID, List<GroupSummary>> groups(List<UUID> offeringIds, List<UUID> planIds) {
        Map<UUID, List<GroupSummary>> groups = new HashMap<>();
        List<String> parts = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        if (!offeringIds.isEmpty()) {
            parts.add("select x.offering_id as owner_id, x.group_id from offering_group_view x where x.offering_id in ("
                    + SqlWhere.placeholders(offeringIds.size()) + ")");
            args.addAll(offeringIds);
        }
        if (!planIds.isEmpty()) {
            parts.add("select x.plan_id as owner_id, x.group_id from plan_group_view x where x.plan_id in ("
                    + SqlWhere.placeholders(planIds.size()) + ")");
            args.addAll(planIds);
        }
        if (parts.isEmpty()) {
            return groups;
        }
        jdbc.query("select r.owner_id, " + GroupRows.columns("g") + " from (" + String.join(" union all ", parts)
                        + ") r join group_view g on g.group_id = r.group_id order by g.name asc, g.group_id asc",
                (ResultSet rs) -> {
                    groups.computeIfAbsent(rs.getObject("owner_id", UUID.class), id -> new ArrayList<>())
                            .add(GroupRows.read(rs));
                }, args.toArray());
        return groups;
    }

    private static OfferingSummary offering(ResultSet rs) throws SQLException {
        return new OfferingSummary(new OfferingId(rs.getObject("offering_id", UUID.class)),
                rs.getString("offering_name"), new CustomerId(rs.getObject("provider_id", UUID.class)),
                rs.getString("provider_name"), rs.getBoolean("shared"), rs.getBoolean("offering_restricted"),
                rs.getBoolean("offering_descendants"), List.of(), List.of(), rs.getLong("offering_version"));
    }

    private static PlanSummary plan(ResultSet rs, int row) throws SQLException {
        return new PlanSummary(new PlanId(rs.getObject("plan_id", UUID.class)),
                new OfferingId(rs.getObject("offering_id", UUID.class)), rs.getString("name"),
                rs.getBoolean("restricted"), rs.getBoolean("include_descendant_groups"), List.of(),
                rs.getLong("version"));
    }

    private static int countOf(String sql, char c) {
        return (int) sql.chars().filter(ch -> ch == c).count();
    }

    private static Object[] concat(Object[] first, Object[] second) {
        Object[] all = new Object[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
