package org.orggroups.command;

import org.orggroups.api.group.GroupId;

/**
 * A group was asked to become its own parent. HTTP (API.md section 3, as Waldur answers):
 * 400 {@code {"parent": ["Organization group cannot be parent of itself."]}}.
 */
public class GroupOwnParentException extends RuntimeException {

    /** The message, identical to Waldur's. */
    public static final String MESSAGE = "Organization group cannot be parent of itself.";

    private final GroupId groupId;

    /** @param groupId the group that was to be moved under itself */
    public GroupOwnParentException(GroupId groupId) {
        super(MESSAGE);
        this.groupId = groupId;
    }

    /** @return the group that was to be moved under itself */
    public GroupId groupId() {
        return groupId;
    }
}
