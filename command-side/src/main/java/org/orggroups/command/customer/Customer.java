package org.orggroups.command.customer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRules;
import org.orggroups.command.InvalidCustomerNameException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.tree.GroupTree;

/**
 * A customer (a Waldur organization) and the groups it is a direct member of (API.md section 4).
 * Membership is recorded here, one event per group joined or left, always in uuid order so that the same
 * command records the same events.
 */
@Aggregate(lockFactory = "aggregateLockFactory")
class Customer {

    /** Same order as the database's {@code uuid} order; {@link java.util.UUID#compareTo} compares signed. */
    private static final Comparator<GroupId> GROUP_ORDER = Comparator.comparing(GroupId::toString);

    @AggregateIdentifier
    private CustomerId id;
    private String name;
    private final Set<GroupId> groups = new HashSet<>();

    Customer() {
        // for Axon, which rebuilds the customer from its events
    }

    /** @throws InvalidCustomerNameException when the name is blank or too long */
    @CommandHandler
    Customer(CreateCustomer command) {
        requireValidName(command.name());
        apply(new CustomerCreated(command.customerId(), command.name()));
    }

    /**
     * Renames; the current name again records nothing.
     *
     * @throws InvalidCustomerNameException when the name is blank or too long
     */
    @CommandHandler
    void handle(RenameCustomer command) {
        requireValidName(command.name());
        if (!command.name().equals(name)) {
            apply(new CustomerRenamed(id, command.name(), name));
        }
    }

    /**
     * Deletes the customer after ending each of its memberships (API.md section 4), then deletes the offerings it
     * provides, with their plans (API.md 12.10, Waldur's CASCADE), in the same unit of work. A group delete that
     * has read this customer as a member waits for the customer's lock, which this command holds, and then finds it
     * deleted and leaves it alone (decision record 16). The shape lock keeps an offering of this provider from being
     * created while its offerings are read.
     */
    @CommandHandler
    void handle(DeleteCustomer command, GroupTree tree, OfferingCascade offerings) {
        tree.lockShape();
        for (GroupId group : sorted(groups)) {
            apply(new CustomerLeftGroup(id, group, false));
        }
        apply(new CustomerDeleted(id));
        offerings.deleteOfferingsOf(id);
    }

    /**
     * Replaces the set of groups the customer is a direct member of (Waldur's
     * {@code update_organization_groups}); an unchanged set records nothing.
     *
     * @throws MemberGroupNotFoundException for the first group (in uuid order) to join that is unknown or
     *         deleted, deleted by a concurrent delete included; nothing is recorded then
     */
    @CommandHandler
    void handle(UpdateCustomerGroups command, GroupTree tree) {
        Set<GroupId> wanted = command.groupIds();
        if (wanted.equals(groups)) {
            return;
        }
        List<GroupId> joined = sorted(wanted.stream().filter(g -> !groups.contains(g)).toList());
        List<GroupId> left = sorted(groups.stream().filter(g -> !wanted.contains(g)).toList());
        for (GroupId group : joined) {
            // The row lock (taken already by AggregateLockInterceptor, before the customer's) keeps the group live
            // until we commit: a delete waits, then removes us with it. Leaves need no group lock: a delete locks
            // its members as their commands do, and reads the customer after this commits.
            requireLiveGroup(group, tree.lockLiveGroup(group));
        }
        left.forEach(group -> apply(new CustomerLeftGroup(id, group, false)));
        joined.forEach(group -> apply(new CustomerJoinedGroup(id, group)));
    }

    /**
     * Leaves those of the given groups the customer is a member of, because they were deleted. Called by
     * {@link CustomerMembershipCascade} within the group delete's unit of work.
     *
     * @param deletedGroups groups just deleted
     * @param deletedBy     the group whose delete was asked for
     */
    void leaveDeletedGroups(Collection<GroupId> deletedGroups, GroupId deletedBy) {
        MetaData causedBy = MetaData.with(MetadataKeys.CAUSED_BY_GROUP, deletedBy.toString());
        for (GroupId group : sorted(deletedGroups.stream().filter(groups::contains).toList())) {
            apply(new CustomerLeftGroup(id, group, true), causedBy);
        }
    }

    static void requireValidName(String name) {
        if (!GroupRules.isValidName(name)) {
            throw new InvalidCustomerNameException(name);
        }
    }

    static void requireLiveGroup(GroupId group, boolean live) {
        if (!live) {
            throw new MemberGroupNotFoundException(group);
        }
    }

    private static List<GroupId> sorted(Collection<GroupId> groups) {
        return groups.stream().distinct().sorted(GROUP_ORDER).toList();
    }

    @EventSourcingHandler
    void on(CustomerCreated event) {
        id = event.customerId();
        name = event.name();
    }

    @EventSourcingHandler
    void on(CustomerRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(CustomerJoinedGroup event) {
        groups.add(event.groupId());
    }

    @EventSourcingHandler
    void on(CustomerLeftGroup event) {
        groups.remove(event.groupId());
    }

    @EventSourcingHandler
    void on(CustomerDeleted event) {
        markDeleted();
    }
}
