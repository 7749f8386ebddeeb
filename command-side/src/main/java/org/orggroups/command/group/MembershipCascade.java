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
    void leaveDeletedGroups(List<GroupId> deletedGroups, GroupId deletedBy);
}
