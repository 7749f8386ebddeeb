package org.orggroups.command.group;

import java.util.List;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.command.StaleGroupVersionException;
import org.orggroups.command.tree.GroupTree;
import org.springframework.stereotype.Component;

/**
 * Deletes a group with its whole subtree, atomically (API.md section 3, "Delete", Waldur's cascade). Outside
 * the aggregate because it changes many aggregates in one unit of work: every group of the subtree records
 * its own {@code GroupDeleted}, deepest first, then the members leave the deleted groups.
 */
@Component
class GroupDeletionHandler {

    private final GroupTree tree;
    private final Repository<OrganizationGroup> groups;
    private final MembershipCascade memberships;

    GroupDeletionHandler(GroupTree tree, Repository<OrganizationGroup> groups, MembershipCascade memberships) {
        this.tree = tree;
        this.groups = groups;
        this.memberships = memberships;
    }

    /**
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when the group is unknown
     *         ({@code AggregateDeletedException} when it is deleted already); 404
     * @throws StaleGroupVersionException when the expected version is given and is not the current one
     */
    @CommandHandler
    void handle(DeleteGroup command) {
        GroupId rootId = command.groupId();
        // The shape lock comes before any group is loaded, so the subtree and its members read below cannot
        // change until the delete commits.
        tree.lockShape();
        Aggregate<OrganizationGroup> root = groups.load(rootId.toString());
        root.execute(group -> group.requireVersion(command.expectedVersion()));
        List<GroupId> subtree = tree.lockSubtreeDeepestFirst(rootId);
        for (GroupId groupId : subtree) {
            Aggregate<OrganizationGroup> group = groupId.equals(rootId) ? root : groups.load(groupId.toString());
            group.execute(g -> g.delete(rootId));
        }
        memberships.leaveDeletedGroups(subtree, rootId);
    }
}
