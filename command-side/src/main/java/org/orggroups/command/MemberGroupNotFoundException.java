package org.orggroups.command;

import org.orggroups.api.group.GroupId;

/**
 * A customer was asked to join a group, or an offering or plan to be restricted to a group, that does not exist or
 * is deleted, possibly deleted by a delete that raced with the command (API.md section 4, API.md 12.4).
 * HTTP: 400
 * {@code {"organization_groups": ["Invalid hyperlink - Object does not exist."]}}.
 */
public class MemberGroupNotFoundException extends RuntimeException {

    private final GroupId groupId;

    /** @param groupId the group that cannot be joined */
    public MemberGroupNotFoundException(GroupId groupId) {
        super("Organization group " + groupId + " does not exist or is deleted.");
        this.groupId = groupId;
    }

    /** @return the group that cannot be joined */
    public GroupId groupId() {
        return groupId;
    }
}
