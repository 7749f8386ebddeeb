package org.orggroups.api.group;

import org.axonframework.serialization.Revision;

/**
 * A group was created.
 *
 * @param groupId  the new group
 * @param name     its name
 * @param parentId its parent, or {@code null} for a root group
 */
@Revision("1")
public record GroupCreated(GroupId groupId, String name, GroupId parentId) {
}
