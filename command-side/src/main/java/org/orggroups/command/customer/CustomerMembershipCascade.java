package org.orggroups.command.customer;

import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.Repository;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
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

    CustomerMembershipCascade(GroupTree tree, Repository<Customer> customers) {
        this.tree = tree;
        this.customers = customers;
    }

    @Override
    public void leaveDeletedGroups(List<GroupId> deletedGroups, GroupId deletedBy) {
        // The caller holds the shape lock, so no membership can change between this read and the commit.
        Set<CustomerId> members = tree.membersOf(deletedGroups);
        for (CustomerId member : members) {
            customers.load(member.toString())
                    .execute(customer -> customer.leaveDeletedGroups(deletedGroups, deletedBy));
        }
    }
}
