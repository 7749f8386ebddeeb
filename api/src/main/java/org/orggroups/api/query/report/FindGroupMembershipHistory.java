package org.orggroups.api.query.report;

import java.time.LocalDate;

import org.orggroups.api.group.GroupId;

/**
 * Asks for a live group's member counts at the end of each interval that overlaps {@code [from, to]}.
 * Answer: {@code Optional<MembershipHistory>}, empty for an unknown or deleted group. Days are UTC days.
 *
 * @param groupId  the group
 * @param from     first day of the range, inclusive
 * @param to       last day of the range, inclusive, not before {@code from}
 * @param interval the interval length
 */
public record FindGroupMembershipHistory(GroupId groupId, LocalDate from, LocalDate to,
                                         MembershipInterval interval) {
}
