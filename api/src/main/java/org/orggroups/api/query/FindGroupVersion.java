package org.orggroups.api.query;

import java.time.Instant;

import org.orggroups.api.group.GroupId;

/**
 * Finds the latest version of a group whose revision date is at or before an instant, deleted groups included
 * (API.md section 6, {@code history/at/}). Answer: {@code Optional<GroupVersion>}, empty when the group had
 * no version yet at that instant, or is unknown.
 *
 * @param groupId the group
 * @param at      the instant, or {@code null} for the latest version of all
 */
public record FindGroupVersion(GroupId groupId, Instant at) {
}
