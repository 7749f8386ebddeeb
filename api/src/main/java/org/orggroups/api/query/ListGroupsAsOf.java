package org.orggroups.api.query;

import java.time.Instant;

/**
 * Lists groups as they were at an instant of the past: exactly what {@link ListGroups} would have answered
 * then, with the same filters, ordering and paging (API.md section 3, read with {@code ?as_of=}).
 * Answer: {@code Page<GroupSummary>}, empty before the first group was created.
 *
 * @param list the filters, ordering and page
 * @param asOf the instant (microsecond precision; events at exactly that instant count as happened)
 */
public record ListGroupsAsOf(ListGroups list, Instant asOf) {
}
