package org.orggroups.command;

import org.orggroups.api.group.GroupId;

/**
 * A change carried the version the client last saw ({@code If-Match}) and the group has moved on since.
 * Nothing is changed. HTTP (API.md section 5): 412
 * {@code {"detail": "The organization group has changed since it was read."}}.
 */
public class StaleGroupVersionException extends RuntimeException {

    private final GroupId groupId;
    private final long expected;
    private final long actual;

    /**
     * @param groupId  the group
     * @param expected the version the client sent
     * @param actual   the group's current version (sequence number of its last event)
     */
    public StaleGroupVersionException(GroupId groupId, long expected, long actual) {
        super("Organization group " + groupId + " is at version " + actual + ", not " + expected + ".");
        this.groupId = groupId;
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the group */
    public GroupId groupId() {
        return groupId;
    }

    /** @return the version the client sent */
    public long expected() {
        return expected;
    }

    /** @return the group's current version, for a fresh {@code ETag} */
    public long actual() {
        return actual;
    }
}
