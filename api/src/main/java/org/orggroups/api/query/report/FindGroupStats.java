package org.orggroups.api.query.report;

import org.orggroups.api.group.GroupId;

/**
 * Finds the report row of one live group. Answer: {@code Optional<GroupStats>}, empty for an unknown or
 * deleted group. Eventually consistent: reflects the events the report processor has handled.
 *
 * @param groupId the group
 */
public record FindGroupStats(GroupId groupId) {
}
