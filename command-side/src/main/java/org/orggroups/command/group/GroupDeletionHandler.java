package org.orggroups.command.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.command.StaleGroupVersionException;
import org.orggroups.command.EventStreams;
import org.orggroups.command.tree.GroupTree;
import org.springframework.stereotype.Component;

/**
 * Deletes a group with its whole subtree, atomically (API.md section 3, "Delete", Waldur's cascade). Outside
 * the aggregate because it changes many aggregates in one unit of work: every group of the subtree records
 * its own {@code GroupDeleted}, deepest first, then the members leave the deleted groups.
 *
 * <p>Only the root is loaded as an aggregate (its version may be checked). The groups below it have no rule to
 * check, so their deletions are appended as {@link OrganizationGroup#cascadedDeletion} builds them, from the
 * parents in the command-side tree and the streams' last sequence numbers, read for the whole subtree at once: a
 * group loaded one by one cost a query and a replay each (decision record 16). A writer that appended to one of
 * them meanwhile (a rename) makes the append fail on the event table's unique key, and the delete is retried.
 *
 * <p>It takes no shape lock: the root's event row (taken before the command is handled), then the rows of the
 * subtree in {@code group_tree}, level by level, then the members' event rows ({@link MembershipCascade}). A command
 * that touches the subtree waits at one of those rows, or the delete waits for it; the rest of the tree does not
 * wait for the delete (decision record 16).
 */
@Component
class GroupDeletionHandler {

    private final GroupTree tree;
    private final Repository<OrganizationGroup> groups;
    private final MembershipCascade memberships;
    private final EventStreams streams;
    private final EventBus events;

    GroupDeletionHandler(GroupTree tree, Repository<OrganizationGroup> groups, MembershipCascade memberships,
                         EventStreams streams, EventBus events) {
        this.tree = tree;
        this.groups = groups;
        this.memberships = memberships;
        this.streams = streams;
        this.events = events;
    }

    /**
     * @throws org.axonframework.modelling.command.AggregateNotFoundException when the group is unknown
     *         ({@code AggregateDeletedException} when it is deleted already); 404
     * @throws StaleGroupVersionException when the expected version is given and is not the current one
     */
    @CommandHandler
    void handle(DeleteGroup command) {
        GroupId rootId = command.groupId();
        // No shape lock (decision record 16): the subtree's rows are locked level by level below, which is all that
        // moves, creates, joins and restrictions touching the subtree wait for; the rest of the tree goes on.
        Aggregate<OrganizationGroup> root = groups.load(rootId.toString());
        root.execute(group -> group.requireVersion(command.expectedVersion()));
        List<GroupId> subtree = tree.lockSubtreeDeepestFirst(rootId);
        Runnable leaves = memberships.prepareLeaves(subtree, rootId);
        List<GroupId> below = subtree.subList(0, subtree.size() - 1);
        Map<GroupId, GroupId> parents = tree.parentsOf(below);
        Map<String, Long> heads = streams.lastSequenceNumbers(below.stream().map(GroupId::toString).toList());
        List<DomainEventMessage<?>> deletions = new ArrayList<>(below.size());
        for (GroupId groupId : below) {
            Long head = heads.get(groupId.toString());
            GroupId parent = parents.get(groupId);
            if (head == null || parent == null) {
                throw new IllegalStateException("group " + groupId + " of the subtree of " + rootId
                        + " has no events or no parent in the command-side tree");
            }
            deletions.add(OrganizationGroup.cascadedDeletion(groupId, parent, head, rootId));
        }
        events.publish(deletions);
        root.execute(group -> group.delete(rootId));
        leaves.run();
    }
}
