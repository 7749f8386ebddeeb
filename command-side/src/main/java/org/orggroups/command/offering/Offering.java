package org.orggroups.command.offering;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateMember;
import org.axonframework.modelling.command.ForwardMatchingInstances;
import org.axonframework.spring.stereotype.Aggregate;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRules;
import org.orggroups.api.offering.ClearOfferingGroups;
import org.orggroups.api.offering.ClearPlanGroups;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.GroupSets;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingAccessOpened;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.api.offering.UpdatePlanGroups;
import org.orggroups.command.InvalidOfferingNameException;
import org.orggroups.command.InvalidPlanNameException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.PlanNotFoundException;
import org.orggroups.command.ProviderNotFoundException;
import org.orggroups.command.tree.GroupTree;

/**
 * An offering of a provider, with its plans, restricted to organization groups or open (API.md section 12). One
 * stream per offering; the plans are {@link Plan} entities of it, so every write to an offering and its plans is
 * serialized on that stream.
 *
 * <p>Commands to a deleted offering get Axon's {@code AggregateDeletedException}, to an unknown one its
 * {@code AggregateNotFoundException} (404 at the HTTP edge). Groups are checked live under the shape lock, row by
 * row, as a customer's joins are (2.4); the recorded sets keep groups deleted later, which this aggregate never
 * learns of, by design: a group delete writes no offering or plan event (section 3).
 */
@Aggregate(lockFactory = "aggregateLockFactory")
class Offering {

    @AggregateIdentifier
    private OfferingId id;
    private CustomerId providerId;
    private Restriction restriction;
    @AggregateMember(eventForwardingMode = ForwardMatchingInstances.class)
    private final Map<PlanId, Plan> plans = new HashMap<>();

    Offering() {
        // for Axon, which rebuilds the offering from its events
    }

    /**
     * Creates the offering and its nested plans, each restricted from birth when groups are given, in one unit of
     * work (E1): {@link OfferingCreated}, then one {@link PlanCreated} per plan in the given order. A descendant
     * flag is recorded only with groups, for the offering and for each plan alike.
     *
     * <p>Groups are checked once, over the union of the offering's groups and every plan's groups, in uuid order
     * (as Postgres sorts {@code uuid}s, {@link GroupSets#ORDER}), so the first group of that union that is unknown or
     * deleted is the one reported, whether the offering or a plan names it, and the rows are locked in one order.
     *
     * @throws InvalidOfferingNameException when the offering's name is blank or too long
     * @throws InvalidPlanNameException     when a plan's name is blank or too long
     * @throws IllegalArgumentException     when two plans have one id (a caller's bug, not a client's)
     * @throws ProviderNotFoundException    when the provider is unknown or deleted
     * @throws MemberGroupNotFoundException for the first group, in uuid order over the offering's and all plans'
     *         groups together, that is unknown or deleted; nothing is recorded
     */
    @CommandHandler
    Offering(CreateOffering command, GroupTree tree, Providers providers) {
        requireValidName(command.name());
        command.plans().forEach(plan -> Plan.requireValidName(plan.name()));
        rejectDuplicatePlans(command.plans());
        // Provider liveness is read under the shape lock, which a customer's delete takes before it reads the
        // provider's offerings: either that delete sees this offering, or this sees the provider deleted.
        tree.lockShape();
        requireLiveProvider(command.providerId(), providers.isLive(command.providerId()));
        Set<GroupId> allGroups = new HashSet<>(command.groupIds());
        command.plans().forEach(plan -> allGroups.addAll(plan.groupIds()));
        lockLiveGroups(allGroups, tree);
        Restriction created = new Restriction(List.copyOf(command.groupIds()), command.includeDescendantGroups());
        apply(new OfferingCreated(command.offeringId(), command.providerId(), command.name(), command.shared(),
                created.groupIds(), created.includeDescendantGroups()));
        for (NewPlan plan : command.plans()) {
            Restriction planRestriction = new Restriction(List.copyOf(plan.groupIds()), plan.includeDescendantGroups());
            apply(new PlanCreated(plan.planId(), command.offeringId(), plan.name(), planRestriction.groupIds(),
                    planRestriction.includeDescendantGroups()));
        }
    }

    /**
     * Replaces the offering's set of groups (E4) by the rule of {@link Restriction#replacedBy}: records
     * {@link OfferingAccessRestricted} when the set or the flag changes, {@link OfferingAccessOpened} for an empty
     * set on a restricted offering, otherwise nothing.
     *
     * @throws MemberGroupNotFoundException for the first group, in uuid order, that is unknown or deleted, groups
     *         already in the set included (a deleted group can never be linked again, 2.8); nothing is recorded
     */
    @CommandHandler
    void handle(UpdateOfferingGroups command, GroupTree tree) {
        lockLiveGroups(command.groupIds(), tree);
        replaceGroups(command.groupIds(), command.includeDescendantGroups());
    }

    /** Opens the offering (E5): {@link OfferingAccessOpened} when it was restricted, otherwise nothing. */
    @CommandHandler
    void handle(ClearOfferingGroups command) {
        replaceGroups(Set.of(), null);
    }

    /**
     * Adds a plan (E6), restricted from birth when groups are given: {@link PlanCreated}.
     *
     * @throws InvalidPlanNameException     when the name is blank or too long
     * @throws IllegalArgumentException     when the offering has a plan with this id already (a caller's bug)
     * @throws MemberGroupNotFoundException for the first group, in uuid order, that is unknown or deleted
     */
    @CommandHandler
    void handle(CreatePlan command, GroupTree tree) {
        Plan.requireValidName(command.name());
        if (plans.containsKey(command.planId())) {
            throw new IllegalArgumentException("Offering " + id + " has a plan " + command.planId() + " already.");
        }
        lockLiveGroups(command.groupIds(), tree);
        Restriction created = new Restriction(List.copyOf(command.groupIds()), command.includeDescendantGroups());
        apply(new PlanCreated(command.planId(), id, command.name(), created.groupIds(),
                created.includeDescendantGroups()));
    }

    /**
     * Replaces a plan's set of groups (E9), by the same rule as the offering's.
     *
     * @throws PlanNotFoundException        when the offering has no such plan (checked first: 404 before 400)
     * @throws MemberGroupNotFoundException for the first group, in uuid order, that is unknown or deleted
     */
    @CommandHandler
    void handle(UpdatePlanGroups command, GroupTree tree) {
        Plan plan = plan(command.planId());
        lockLiveGroups(command.groupIds(), tree);
        plan.replaceGroups(command.groupIds(), command.includeDescendantGroups());
    }

    /**
     * Opens a plan (E10).
     *
     * @throws PlanNotFoundException when the offering has no such plan
     */
    @CommandHandler
    void handle(ClearPlanGroups command) {
        plan(command.planId()).replaceGroups(Set.of(), null);
    }

    /**
     * Deletes the offering with its plans because its provider is deleted: {@link OfferingDeleted} with the metadata
     * {@link MetadataKeys#CAUSED_BY_CUSTOMER} (section 3). Called by {@link ProviderOfferingCascade} in the
     * customer delete's unit of work.
     *
     * @param deletedBy the customer whose delete was asked for: the provider
     */
    void deleteWithProvider(CustomerId deletedBy) {
        apply(new OfferingDeleted(id, providerId), MetaData.with(MetadataKeys.CAUSED_BY_CUSTOMER, deletedBy.toString()));
    }

    private void replaceGroups(Set<GroupId> groups, Boolean includeDescendantGroups) {
        restriction.replacedBy(groups, includeDescendantGroups).ifPresent(next -> apply(next.restricted()
                ? new OfferingAccessRestricted(id, next.groupIds(), next.includeDescendantGroups(),
                        restriction.groupIds())
                : new OfferingAccessOpened(id, restriction.groupIds())));
    }

    private Plan plan(PlanId planId) {
        Plan plan = plans.get(planId);
        if (plan == null) {
            throw new PlanNotFoundException(planId);
        }
        return plan;
    }

    /**
     * Checks each group of a new set live, in uuid order, under the shape lock that group deletes take (2.4, "as
     * for joins"); each group's row stays locked until the commit, so a delete of it waits and cannot slip in
     * between. An empty set opens, and checks and locks nothing.
     */
    private static void lockLiveGroups(Collection<GroupId> groups, GroupTree tree) {
        if (groups.isEmpty()) {
            return;
        }
        tree.lockShape();
        for (GroupId group : GroupSets.normalized(groups)) {
            if (!tree.lockLiveGroup(group)) {
                throw new MemberGroupNotFoundException(group);
            }
        }
    }

    static void requireValidName(String name) {
        if (!GroupRules.isValidName(name)) {
            throw new InvalidOfferingNameException(name);
        }
    }

    static void requireLiveProvider(CustomerId providerId, boolean live) {
        if (!live) {
            throw new ProviderNotFoundException(providerId);
        }
    }

    static void rejectDuplicatePlans(List<NewPlan> plans) {
        Set<PlanId> seen = new HashSet<>();
        for (NewPlan plan : plans) {
            if (!seen.add(plan.planId())) {
                throw new IllegalArgumentException("Plan " + plan.planId() + " is given twice.");
            }
        }
    }

    @EventSourcingHandler
    void on(OfferingCreated event) {
        id = event.offeringId();
        providerId = event.providerId();
        restriction = new Restriction(event.groupIds(), event.includeDescendantGroups());
    }

    @EventSourcingHandler
    void on(OfferingAccessRestricted event) {
        restriction = new Restriction(event.groupIds(), event.includeDescendantGroups());
    }

    @EventSourcingHandler
    void on(OfferingAccessOpened event) {
        restriction = Restriction.OPEN;
    }

    @EventSourcingHandler
    void on(PlanCreated event) {
        plans.put(event.planId(), new Plan(event.planId(), event.offeringId(),
                new Restriction(event.groupIds(), event.includeDescendantGroups())));
    }

    @EventSourcingHandler
    void on(OfferingDeleted event) {
        markDeleted();
    }
}
