package org.orggroups.api.group;

/**
 * The parent that an {@link UpdateGroup} asks for. A {@code null} {@code ParentChange} in a command means
 * "keep the parent"; a {@code ParentChange} with a {@code null} {@link #parentId()} means "make it a root".
 *
 * @param parentId the new parent, or {@code null} for a root
 */
public record ParentChange(GroupId parentId) {

    /** @return the change that makes a group a root */
    public static ParentChange toRoot() {
        return new ParentChange(null);
    }
}
