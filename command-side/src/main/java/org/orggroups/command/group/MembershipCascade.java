package org.orggroups.command.group;

import java.util.List;

import org.orggroups.api.group.GroupId;

/**
 * Ends the memberships in groups that a delete removes (API.md section 3, "Delete": customers are never
 * deleted, they lose their membership). Implemented next to the customer aggregate, which records it;
 * called by {@link GroupDeletionHandler} in the delete's own unit of work.
 */
public interface MembershipCascade {

    /**
     * Makes every direct member of the deleted groups leave each of them, recorded on the customer with
     * {@code CustomerLeftGroup(customer, group, true)} and the metadata {@code causedByGroup}.
     *
     * @param deletedGroups the groups just deleted
     * @param deletedBy     the group whose delete was asked for
     */
    default void leaveDeletedGroups(List<GroupId> deletedGroups, GroupId deletedBy) {
        prepareLeaves(deletedGroups, deletedBy).run();
    }

    /**
     * Reads, locks and loads the members of groups about to be deleted, and answers the step that records their
     * leaves as {@link #leaveDeletedGroups} does, to be run once the groups' deletions are applied. Loading comes
     * first because Axon looks through every event staged in the unit of work on each load of an aggregate: 200
     * members loaded after the 5,000 deletions of a big subtree took most of its delete's time (decision record 16).
     *
     * @param deletedGroups the groups about to be deleted; their rows are locked already
     * @param deletedBy     the group whose delete was asked for
     * @return the step that records the leaves, in the same unit of work
     */
    Runnable prepareLeaves(List<GroupId> deletedGroups, GroupId deletedBy);
}
