package org.orggroups.command;

import org.orggroups.api.group.GroupId;

/**
 * The parent asked for on a create or a move does not exist or is deleted. HTTP (API.md section 3):
 * 400 {@code {"parent": ["Invalid hyperlink - Object does not exist."]}}.
 */
public class ParentGroupNotFoundException extends RuntimeException {

    private final GroupId parentId;

    /** @param parentId the parent that was asked for */
    public ParentGroupNotFoundException(GroupId parentId) {
        super("Parent organization group " + parentId + " does not exist or is deleted.");
        this.parentId = parentId;
    }

    /** @return the parent that was asked for */
    public GroupId parentId() {
        return parentId;
    }
}
