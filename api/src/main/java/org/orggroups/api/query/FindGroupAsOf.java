package org.orggroups.api.query;

import java.time.Instant;

import org.orggroups.api.group.GroupId;

/**
 * Finds one group as it was at an instant of the past: what {@link FindGroup} would have answered then.
 * Answer: {@code Optional<GroupSummary>}, empty when the group did not exist yet or was already deleted.
 *
 * @param groupId the group
 * @param asOf    the instant (microsecond precision; events at exactly that instant count as happened)
 */
public record FindGroupAsOf(GroupId groupId, Instant asOf) {
}
