package org.orggroups.api.group;

import org.axonframework.serialization.Revision;

/**
 * A group was moved under another parent, or made a root.
 *
 * @param groupId          the group
 * @param parentId         the new parent, or {@code null} when it became a root
 * @param previousParentId the parent before the move, or {@code null} when it was a root
 */
@Revision("1")
public record GroupReparented(GroupId groupId, GroupId parentId, GroupId previousParentId) {
}
