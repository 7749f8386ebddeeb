package org.orggroups.query.offering;

import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.orggroups.api.query.offering.AccessDecision;
import org.orggroups.api.query.offering.Grant;
import org.orggroups.api.query.offering.OrderReason;

/**
 * The access rule of offerings and plans (API.md 12.1, rows R1 to R6, with 2.5, 2.8 and 2.9), stated once
 * for every reader: the order check, the public listings narrowed to a customer ({@code allowed_customer_uuid})
 * and the list of allowed customers all take their SQL from here.
 *
 * <p>A customer <em>qualifies</em> for a restriction when one of its own groups is a live group of the set, or,
 * when the resource's {@code include_descendant_groups} is on, a current descendant of one. The restriction tables
 * hold live groups only (a group's delete drops its rows), and the descendants are walked at query time along
 * {@code group_view.parent_id}, so a move changes access at once and a new child counts from its creation.
 *
 * <p>The relation "group G of the restriction admits the customer through its own group V" is walked from one of
 * two ends, whichever is fixed and small: from one customer's groups up to their ancestors ({@link #forCustomer}),
 * or from one offering's and plan's groups down to their descendants ({@link #forResource}). Both give the same
 * pairs; a test compares the answers of both with the order check on random data.
 */
public final class OfferingAccess {

    /** A resource that can be restricted, with the tables of its view and of its groups. */
    public enum Resource {
        /** An offering: {@code offering_view}, {@code offering_group_view}. */
        OFFERING("offering_view", "offering_group_view", "offering_id"),
        /** A plan: {@code plan_view}, {@code plan_group_view}. */
        PLAN("plan_view", "plan_group_view", "plan_id");

        final String view;
        final String groups;
        final String key;

        Resource(String view, String groups, String key) {
            this.view = view;
            this.groups = groups;
            this.key = key;
        }
    }

    /**
     * One end of the walk between a restriction's groups and a customer's groups: a common table expression to put
     * in front of a statement, and the pairs it gives.
     */
    public interface Walk {

        /** @return the common table expressions, to follow {@code with recursive} (some of them recurse) */
        String with();

        /** @return the values of the placeholders of {@link #with()}, in order */
        Object[] args();

        /**
         * @param resource   offering or plan
         * @param resourceId an SQL expression for the resource's id: a column of the outer query, or one {@code ?}
         *                   that the caller binds; a walk from the resource's end knows its resource already and
         *                   ignores it
         * @param customerId an SQL expression for the customer's id, no placeholders; a walk from the customer's
         *                   end knows its customer already and ignores it
         * @return a {@code select} of {@code group_id} (a live group of the resource's restriction) and
         *         {@code via_id} (the customer's own group that qualifies through it), one row per such pair
         */
        String grants(Resource resource, String resourceId, String customerId);

        /**
         * @param resource   offering or plan
         * @param alias      the alias of the resource's view row in the outer query
         * @param customerId an SQL expression for the customer's id, no placeholders
         * @return an SQL condition: the customer qualifies for the resource's restriction (whatever its state)
         */
        String qualifies(Resource resource, String alias, String customerId);

        /**
         * @param resource offering or plan
         * @param alias    the alias of the resource's view row in the outer query
         * @return an SQL condition: the resource's restriction names a group the walk meets. It holds for every
         *         resource the customer qualifies for, and maybe more (the descendant flag is not tested); only a
         *         walk from a customer's end has one
         * @throws UnsupportedOperationException for a walk from a resource's end
         */
        String reached(Resource resource, String alias);
    }

    /**
     * The table expression of {@link #forCustomer} that holds the customer's id while it is live, and no row
     * otherwise: join it to narrow to a live customer, and use its {@code customer_id} as the customer.
     */
    public static final String ASKER = "asker";

    private OfferingAccess() {
    }

    /**
     * Walks up from one customer's groups: {@code reach(group_id, via_id)} holds each of the customer's groups and
     * every ancestor of it, with the customer's group it was reached from. Cheap whatever the number of offerings:
     * a customer has few groups and the tree is shallow.
     *
     * @param customerId the customer (bound once)
     * @return the walk, for the order check and the listings narrowed to one customer
     */
    public static Walk forCustomer(UUID customerId) {
        return new Walk() {
            @Override
            public String with() {
                return ASKER + " (customer_id) as (select c.customer_id from customer_view c where c.customer_id = ?),"
                        + " reach (group_id, via_id) as (select m.group_id, m.group_id from customer_group_view m"
                        + " join " + ASKER + " k on k.customer_id = m.customer_id"
                        + " union all select g.parent_id, r.via_id from reach r join group_view g on g.group_id = r.group_id"
                        + " where g.parent_id is not null)";
            }

            @Override
            public Object[] args() {
                return new Object[] {customerId};
            }

            @Override
            public String grants(Resource resource, String resourceId, String customer) {
                // A group reached from one of the customer's groups other than itself is an ancestor of it, which
                // admits the customer only when the resource includes descendant groups.
                return "select x.group_id, a.via_id from " + resource.groups + " x"
                        + " join " + resource.view + " xv on xv." + resource.key + " = x." + resource.key
                        + " join reach a on a.group_id = x.group_id"
                        + " where x." + resource.key + " = " + resourceId
                        + " and (a.group_id = a.via_id or xv.include_descendant_groups)";
            }

            @Override
            public String qualifies(Resource resource, String alias, String customer) {
                // The same pairs as grants, split on the flag so that each test depends on the resource only
                // through its key: the database then finds the resources the customer's few groups reach once,
                // instead of testing each resource's groups in turn.
                String reached = "select 1 from " + resource.groups + " x join reach a on a.group_id = x.group_id"
                        + " where x." + resource.key + " = " + alias + "." + resource.key;
                return "(exists (" + reached + " and a.group_id = a.via_id) or " + alias
                        + ".include_descendant_groups and exists (" + reached + "))";
            }

            @Override
            public String reached(Resource resource, String alias) {
                return "exists (select 1 from " + resource.groups + " x join reach a on a.group_id = x.group_id"
                        + " where x." + resource.key + " = " + alias + "." + resource.key + ")";
            }
        };
    }

    /**
     * Walks down from one offering's groups ({@code offering_reach}) and, when a plan is given, one plan's groups
     * ({@code plan_reach}): each live group of the restriction and, when the resource includes descendant groups,
     * every current descendant of it, as {@code (group_id, via_id)}. Cheap whatever the number of customers.
     *
     * @param offeringId the offering (bound once)
     * @param planId     the plan (bound once), or {@code null}
     * @return the walk, for the list of allowed customers
     */
    public static Walk forResource(UUID offeringId, UUID planId) {
        return new Walk() {
            @Override
            public String with() {
                String with = down(Resource.OFFERING);
                return planId == null ? with : with + ", " + down(Resource.PLAN);
            }

            private String down(Resource resource) {
                String cte = reach(resource);
                return cte + " (group_id, via_id, deep) as (select x.group_id, x.group_id, xv.include_descendant_groups"
                        + " from " + resource.groups + " x join " + resource.view + " xv on xv." + resource.key
                        + " = x." + resource.key + " where x." + resource.key + " = ?"
                        + " union all select d.group_id, g.group_id, d.deep from " + cte + " d"
                        + " join group_view g on g.parent_id = d.via_id where d.deep)";
            }

            @Override
            public Object[] args() {
                return planId == null ? new Object[] {offeringId} : new Object[] {offeringId, planId};
            }

            @Override
            public String grants(Resource resource, String resourceId, String customer) {
                return "select gm.group_id, gm.via_id from (" + members(resource) + ") gm where gm.customer_id = "
                        + customer;
            }

            @Override
            public String qualifies(Resource resource, String alias, String customer) {
                // Not correlated: the members are found once for every customer tested.
                return customer + " in (select gm.customer_id from (" + members(resource) + ") gm)";
            }

            @Override
            public String reached(Resource resource, String alias) {
                throw new UnsupportedOperationException("a walk from a resource's end knows its resource");
            }
        };
    }

    /**
     * Every customer that qualifies for a restriction walked by {@link #forResource}, with its grants.
     *
     * @param resource offering or plan (a plan only when the walk was given one)
     * @return a {@code select} of {@code customer_id}, {@code group_id} and {@code via_id}, one row per grant
     */
    public static String members(Resource resource) {
        return "select m.customer_id, d.group_id, d.via_id from " + reach(resource) + " d"
                + " join customer_group_view m on m.group_id = d.via_id";
    }

    private static String reach(Resource resource) {
        return resource.name().toLowerCase(Locale.ROOT) + "_reach";
    }

    /**
     * R1 to R3 as an SQL expression: the offering's denial as the name of an {@link OrderReason}, or {@code null}
     * when the offering admits the customer.
     *
     * @param walk       the walk in front of the statement
     * @param offering   the alias of an {@code offering_view} row
     * @param customerId an SQL expression for the customer's id, no placeholders
     * @return a {@code case} expression without placeholders
     */
    public static String offeringDenial(Walk walk, String offering, String customerId) {
        // R1: a private offering is the provider's alone; its groups are ignored while it is private (Waldur's
        // validate_private_offering). R3: the provider of a shared one is not exempt (validate_public_offering).
        return "case when not " + offering + ".shared and " + offering + ".provider_id <> " + customerId
                + " then '" + OrderReason.PRIVATE_OFFERING + "'"
                + restrictionDenials(walk, Resource.OFFERING, offering, offering + ".shared and ", customerId,
                OrderReason.OFFERING_GROUPS_DELETED, OrderReason.NOT_IN_OFFERING_GROUPS) + " end";
    }

    /**
     * R1 to R3 as the set of offerings that admit the customer of a {@link #forCustomer} walk, for the lists narrowed
     * to a customer: disjoint conditions, one per way of being admitted, each of which the database can answer
     * from an index or a short scan, so that a list reads the offerings of each part with {@code union all} instead
     * of testing {@link #offeringDenial} on every offering. A shared open offering admits everyone (R6
     * {@code open}); a private one its provider only (R1; R6 {@code provider}); a shared restricted one a customer
     * that qualifies (R3), which needs a live group of the set, so R2 never admits. The walk's
     * {@link Walk#reached} finds the few restricted offerings the customer's groups meet, and
     * {@link Walk#qualifies}, the test {@link #offeringDenial} makes, decides among them. A test compares every
     * list with the order check.
     *
     * @param walk       a walk from the customer's end
     * @param offering   the alias of an {@code offering_view} row
     * @param customerId an SQL expression for the customer's id: a column of the outer query, or one {@code ?} that
     *                   the caller binds wherever a condition holds it
     * @return the conditions (two: the offerings admitted outright, and those admitted through the customer's
     *         groups); an offering admits the customer when it meets one of them, and never meets both
     */
    public static List<String> offeringAdmissions(Walk walk, String offering, String customerId) {
        return List.of("(" + offering + ".shared and not " + offering + ".restricted or not " + offering
                        + ".shared and " + offering + ".provider_id = " + customerId + ")",
                offering + ".shared and " + offering + ".restricted and " + walk.reached(Resource.OFFERING, offering)
                        + " and " + walk.qualifies(Resource.OFFERING, offering, customerId));
    }

    /**
     * R4 and R5 as an SQL expression: the plan's denial, or {@code null} when the plan admits the customer.
     *
     * @param walk       the walk in front of the statement
     * @param plan       the alias of a {@code plan_view} row
     * @param customerId an SQL expression for the customer's id, no placeholders
     * @return a {@code case} expression without placeholders
     */
    public static String planDenial(Walk walk, String plan, String customerId) {
        return "case" + restrictionDenials(walk, Resource.PLAN, plan, "", customerId,
                OrderReason.PLAN_GROUPS_DELETED, OrderReason.NOT_IN_PLAN_GROUPS) + " end";
    }

    /**
     * The two rows every restriction has (R2 and R3 for offerings, R4 and R5 for plans): closed when no group of it
     * is live (contract 2.8: deleting groups never opens), else open only to customers who qualify.
     *
     * @param guard a condition (ending in {@code and}) under which the rows apply, or empty
     */
    private static String restrictionDenials(Walk walk, Resource resource, String alias, String guard,
                                             String customerId, OrderReason groupsDeleted, OrderReason notInGroups) {
        String id = alias + "." + resource.key;
        return " when " + guard + alias + ".restricted and not exists (select 1 from " + resource.groups + " lg"
                + " where lg." + resource.key + " = " + id + ") then '" + groupsDeleted + "'"
                + " when " + guard + alias + ".restricted and not " + walk.qualifies(resource, alias, customerId)
                + " then '" + notInGroups + "'";
    }

    /**
     * @param denial the value of {@link #offeringDenial} or {@link #planDenial}, or {@code null}
     * @return the reason it names, or {@code null} when it admits
     */
    static OrderReason reasonOf(String denial) {
        return denial == null ? null : OrderReason.valueOf(denial);
    }

    /**
     * One resource's decision, from its denial and the grants that the walk found for it. The groups of a private
     * offering are ignored (R1), so its provider is granted by none of them.
     *
     * @param denial     the denial read with {@link #offeringDenial} or {@link #planDenial}, or {@code null}
     * @param restricted whether the resource has a restriction recorded
     * @param considered whether its groups count (false for a private offering)
     * @param grants     the grants found, in the order of {@link AccessDecision#grantedBy()}
     * @return the decision
     */
    static AccessDecision decision(OrderReason denial, boolean restricted, boolean considered, List<Grant> grants) {
        boolean allowed = denial == null;
        return new AccessDecision(allowed, restricted, allowed && restricted && considered ? grants : List.of());
    }

    /**
     * R6 and the order of the rows: the offering's denial first, then the plan's; otherwise {@code provider} for a
     * private offering, {@code granted} when a restriction was met, {@code open} when none restricts the customer.
     *
     * @param offeringDenial the offering's denial, or {@code null}
     * @param shared         whether the offering is shared
     * @param offering       the offering's decision
     * @param planDenial     the plan's denial, or {@code null} (also when no plan was asked for)
     * @param plan           the plan's decision, or {@code null} when no plan was asked for
     * @return the first matching row's reason
     */
    static OrderReason reason(OrderReason offeringDenial, boolean shared, AccessDecision offering,
                              OrderReason planDenial, AccessDecision plan) {
        if (offeringDenial != null) {
            return offeringDenial;
        }
        if (planDenial != null) {
            return planDenial;
        }
        if (!shared) {
            return OrderReason.PROVIDER;
        }
        boolean met = offering.restricted() || plan != null && plan.restricted();
        return met ? OrderReason.GRANTED : OrderReason.OPEN;
    }
}
