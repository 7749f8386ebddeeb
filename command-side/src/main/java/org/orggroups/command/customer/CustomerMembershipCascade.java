package org.orggroups.command.customer;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.command.EventStreams;
import org.orggroups.command.group.MembershipCascade;
import org.orggroups.command.tree.GroupTree;
import org.springframework.stereotype.Component;

/**
 * {@link MembershipCascade} through the customer aggregates: each member of a deleted group records its own
 * leave, in the group delete's unit of work and transaction.
 */
@Component
class CustomerMembershipCascade implements MembershipCascade {

    private final GroupTree tree;
    private final Repository<Customer> customers;
    private final EventStreams streams;

    CustomerMembershipCascade(GroupTree tree, Repository<Customer> customers, EventStreams streams) {
        this.tree = tree;
        this.customers = customers;
        this.streams = streams;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The caller has locked the deleted groups' rows, so no customer can join them any more; the members read
     * then are locked as their own commands lock them (in uuid order) before each is loaded, so a leave or a
     * customer's delete that ran meanwhile is seen: the customer leaves only the groups it is still a member of,
     * and a deleted customer has left all of them already.
     */
    @Override
    public Runnable prepareLeaves(List<GroupId> deletedGroups, GroupId deletedBy) {
        Set<CustomerId> members = tree.membersOf(deletedGroups);
        streams.lock(members.stream().map(CustomerId::toString).toList());
        List<Aggregate<Customer>> loaded = new ArrayList<>(members.size());
        for (CustomerId member : members) {
            try {
                loaded.add(customers.load(member.toString()));
            } catch (AggregateDeletedException deleted) {
                // deleted since the members were read: it has left every group already
            }
        }
        return () -> loaded.forEach(customer -> customer.execute(c -> c.leaveDeletedGroups(deletedGroups, deletedBy)));
    }
}
