package org.orggroups.api.query;

import java.time.Instant;

/**
 * One version in the history of a group: one event of its aggregate (API.md section 6).
 *
 * @param id           the event's global index in the event store: increases with every change of any resource
 * @param revisionDate the event's time stamp (microsecond precision)
 * @param user         who made the change, or {@code null} for a change without a recorded user
 * @param comment      what happened, in words, with the names the groups had at that time (e.g.
 *                     {@code Renamed from "A" to "B"})
 * @param state        the group right after the change; for a deletion, as it was when deleted; {@code null}
 *                     when the timeline has no row for it (events older than the timeline, before a rebuild)
 */
public record GroupVersion(long id, Instant revisionDate, RevisionUser user, String comment, GroupSummary state) {
}
