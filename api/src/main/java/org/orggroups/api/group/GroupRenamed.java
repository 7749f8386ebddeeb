package org.orggroups.api.group;

import org.axonframework.serialization.Revision;

/**
 * A group got a new name.
 *
 * @param groupId      the group
 * @param name         the new name
 * @param previousName the name it had before, kept for the audit history
 */
@Revision("1")
public record GroupRenamed(GroupId groupId, String name, String previousName) {
}
