package org.orggroups.api.query;

import org.orggroups.api.group.GroupId;

/**
 * Finds one live group. Answer: {@code Optional<GroupSummary>}, empty for an unknown or deleted group.
 *
 * @param groupId the group
 */
public record FindGroup(GroupId groupId) {
}
