package org.orggroups.command.offering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.Objects;
import java.util.Set;

import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.EntityId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRules;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanAccessRestricted;
import org.orggroups.api.offering.PlanId;
import org.orggroups.command.InvalidPlanNameException;

/**
 * A plan of an {@link Offering}: an entity of the offering's aggregate, so every write to one offering and its plans
 * goes through one stream (API.md 12.10). The offering handles the plan commands and hands the plan
 * the part that is the plan's own: its restriction.
 */
class Plan {

    @EntityId
    private final PlanId planId;
    private final OfferingId offeringId;
    private Restriction restriction;

    /**
     * @param planId      the plan
     * @param offeringId  its offering
     * @param restriction the restriction it was created with
     */
    Plan(PlanId planId, OfferingId offeringId, Restriction restriction) {
        this.planId = planId;
        this.offeringId = offeringId;
        this.restriction = restriction;
    }

    /**
     * Replaces the plan's set of groups by the rule of {@link Restriction#replacedBy}, recording
     * {@link PlanAccessRestricted} or {@link PlanAccessOpened}, or nothing when nothing changes. The caller has
     * checked the groups are live.
     *
     * @param groups                  the complete new set; empty to open
     * @param includeDescendantGroups the new flag, or {@code null} to keep the current one
     */
    void replaceGroups(Set<GroupId> groups, Boolean includeDescendantGroups) {
        restriction.replacedBy(groups, includeDescendantGroups).ifPresent(next -> apply(next.restricted()
                ? new PlanAccessRestricted(planId, offeringId, next.groupIds(), next.includeDescendantGroups(),
                        restriction.groupIds())
                : new PlanAccessOpened(planId, offeringId, restriction.groupIds())));
    }

    /** @throws InvalidPlanNameException when the name is blank or longer than 150 code points (2.2) */
    static void requireValidName(String name) {
        if (!GroupRules.isValidName(name)) {
            throw new InvalidPlanNameException(name);
        }
    }

    @EventSourcingHandler
    void on(PlanAccessRestricted event) {
        restriction = new Restriction(event.groupIds(), event.includeDescendantGroups());
    }

    @EventSourcingHandler
    void on(PlanAccessOpened event) {
        restriction = Restriction.OPEN;
    }

    /**
     * Equal state: Axon's test fixture compares the plans a command left with those sourced from the events, and
     * compares map values with {@code equals}.
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Plan plan && planId.equals(plan.planId) && offeringId.equals(plan.offeringId)
                && restriction.equals(plan.restriction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(planId, offeringId, restriction);
    }
}
