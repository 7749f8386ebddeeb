package org.orggroups.app.web.offering;

import java.util.List;

import org.orggroups.api.query.offering.AccessDecision;
import org.orggroups.api.query.offering.AllowedCustomer;
import org.orggroups.api.query.offering.Grant;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.api.query.offering.OrderCheck;
import org.orggroups.api.query.offering.PlanSummary;
import org.orggroups.app.web.Representations;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Uuids;

/**
 * Turns the query side's offering and plan summaries into the response records of API.md section 12: hex uuids,
 * absolute links built from {@code base}, provider links in the provider views and public links in the public ones.
 * Groups are rendered exactly as the group endpoint renders them.
 */
public final class OfferingRepresentations {

    private OfferingRepresentations() {
    }

    /** @return the offering as the provider views (E1 to E3) render it, with every plan it has */
    public static ProviderOfferingDetails provider(String base, OfferingSummary offering) {
        return new ProviderOfferingDetails(Hyperlinks.offering(base, offering.offeringId().uuid()),
                Uuids.hex(offering.offeringId().uuid()), offering.name(),
                Hyperlinks.customer(base, offering.providerId().uuid()), Uuids.hex(offering.providerId().uuid()),
                offering.providerName(),
                offering.plans().stream().map(p -> providerPlanSummary(base, p)).toList(), offering.shared(),
                Representations.organizationGroups(base, offering.groups()), offering.restricted(),
                offering.includeDescendantGroups());
    }

    /** @return the offering as the public catalogue (E11, E12) renders it, with the plans the summary holds */
    public static PublicOfferingDetails publicOffering(String base, OfferingSummary offering) {
        return new PublicOfferingDetails(Hyperlinks.publicOffering(base, offering.offeringId().uuid()),
                Uuids.hex(offering.offeringId().uuid()), offering.name(),
                Hyperlinks.customer(base, offering.providerId().uuid()), Uuids.hex(offering.providerId().uuid()),
                offering.providerName(),
                offering.plans().stream().map(p -> publicPlan(base, p)).toList(), offering.shared(),
                Representations.organizationGroups(base, offering.groups()), offering.restricted(),
                offering.includeDescendantGroups());
    }

    /** @return the plan as {@code /api/marketplace-plans/} (E6 to E8) renders it */
    public static ProviderPlanDetails providerPlan(String base, PlanSummary plan) {
        return new ProviderPlanDetails(Hyperlinks.plan(base, plan.planId().uuid()), Uuids.hex(plan.planId().uuid()),
                plan.name(), Representations.organizationGroups(base, plan.groups()),
                Hyperlinks.offering(base, plan.offeringId().uuid()), plan.restricted(),
                plan.includeDescendantGroups());
    }

    /** @return the plan as the public catalogue (E11 to E14) renders it, under its offering's public url */
    public static BasePublicPlan publicPlan(String base, PlanSummary plan) {
        return new BasePublicPlan(Hyperlinks.publicPlan(base, plan.offeringId().uuid(), plan.planId().uuid()),
                Uuids.hex(plan.planId().uuid()), plan.name(), Representations.organizationGroups(base, plan.groups()),
                plan.restricted(), plan.includeDescendantGroups());
    }

    private static BaseProviderPlan providerPlanSummary(String base, PlanSummary plan) {
        return new BaseProviderPlan(Hyperlinks.plan(base, plan.planId().uuid()), Uuids.hex(plan.planId().uuid()),
                plan.name(), Representations.organizationGroups(base, plan.groups()), plan.restricted(),
                plan.includeDescendantGroups());
    }

    /** @return an item of {@code .../allowed_customers/} */
    static OfferingAllowedCustomer allowedCustomer(String base, AllowedCustomer customer) {
        return new OfferingAllowedCustomer(Uuids.hex(customer.customerId().uuid()),
                Hyperlinks.customer(base, customer.customerId().uuid()), customer.name(),
                grants(base, customer.grantedBy()));
    }

    /**
     * @param check a check whose customer and plan are known and of the offering
     * @return the answer of {@code .../order_check/}, with Waldur's refusal texts (API.md section 12.7)
     */
    static OfferingOrderCheck orderCheck(String base, OrderCheck check, OfferingSummary offering,
                                         String customerHex, String planHex) {
        String detail = switch (check.reason()) {
            case PRIVATE_OFFERING -> "Offering \"" + check.offeringName() + "\" is not allowed in organization \""
                    + check.customerName() + "\".";
            case OFFERING_GROUPS_DELETED, NOT_IN_OFFERING_GROUPS -> "This offering is not available for ordering.";
            case PLAN_GROUPS_DELETED, NOT_IN_PLAN_GROUPS -> "This plan is not available for ordering.";
            case PROVIDER, GRANTED, OPEN -> null;
        };
        return new OfferingOrderCheck(check.reason().allowed(), check.reason().name().toLowerCase(java.util.Locale.ROOT),
                detail, customerHex, decision(base, Uuids.hex(offering.offeringId().uuid()), check.offering()),
                check.plan() == null ? null : decision(base, planHex, check.plan()));
    }

    private static OfferingOrderCheck.Decision decision(String base, String uuid, AccessDecision decision) {
        return new OfferingOrderCheck.Decision(uuid, decision.allowed(), decision.restricted(),
                grants(base, decision.grantedBy()));
    }

    private static List<OrderGrant> grants(String base, List<Grant> grants) {
        return grants.stream().map(g -> new OrderGrant(Uuids.hex(g.groupId().uuid()),
                Hyperlinks.group(base, g.groupId().uuid()), g.name(), Uuids.hex(g.viaId().uuid()))).toList();
    }
}
