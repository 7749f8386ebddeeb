package org.orggroups.api.group;

import org.axonframework.serialization.Revision;

/**
 * A group was deleted. Every group of a deleted subtree gets its own event, deepest first.
 *
 * @param groupId   the deleted group
 * @param parentId  the parent it had when it was deleted, or {@code null} for a root
 * @param deletedBy the group whose delete was asked for: {@code groupId} itself, or the ancestor
 *                  whose delete cascaded to this group
 */
@Revision("1")
public record GroupDeleted(GroupId groupId, GroupId parentId, GroupId deletedBy) {

    /** @return whether this group was deleted because an ancestor of it was */
    public boolean cascaded() {
        return !groupId.equals(deletedBy);
    }
}
