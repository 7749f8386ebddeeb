package org.orggroups.command;

import org.orggroups.api.group.GroupId;

/**
 * A group was asked to move under one of its own descendants, which would make a cycle. Waldur misses
 * this check (API.md section 3); we refuse with 400
 * {@code {"parent": ["Organization group cannot be moved under its own descendant."]}}.
 */
public class GroupCycleException extends RuntimeException {

    /** The message, worded like Waldur's own-parent message. */
    public static final String MESSAGE = "Organization group cannot be moved under its own descendant.";

    private final GroupId groupId;
    private final GroupId parentId;

    /**
     * @param groupId  the group that was to be moved
     * @param parentId the descendant it was to be moved under
     */
    public GroupCycleException(GroupId groupId, GroupId parentId) {
        super(MESSAGE);
        this.groupId = groupId;
        this.parentId = parentId;
    }

    /** @return the group that was to be moved */
    public GroupId groupId() {
        return groupId;
    }

    /** @return the descendant it was to be moved under */
    public GroupId parentId() {
        return parentId;
    }
}
