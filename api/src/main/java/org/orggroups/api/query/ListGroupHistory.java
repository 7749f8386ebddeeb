package org.orggroups.api.query;

import java.time.Instant;

import org.orggroups.api.group.GroupId;

/**
 * Lists the versions of a group, newest first, deleted groups included (API.md section 6).
 * Answer: {@code Page<GroupVersion>}; an unknown group has no versions.
 *
 * @param groupId       the group
 * @param createdAfter  only versions strictly after this instant, or {@code null}
 * @param createdBefore only versions strictly before this instant, or {@code null}
 * @param page          the page wanted
 */
public record ListGroupHistory(GroupId groupId, Instant createdAfter, Instant createdBefore, PageRequest page) {
}
