package org.orggroups.api.query;

import java.time.Instant;

/**
 * One version in the history of a group: the events one request recorded on its aggregate, one event when
 * no request id was recorded (API.md section 6).
 *
 * @param id           the global index of the version's last event in the event store: increases with every
 *                     change of any resource
 * @param revisionDate the last event's time stamp (microsecond precision); a request's events share one
 *                     instant
 * @param user         who made the change, or {@code null} for a change without a recorded user
 * @param comment      what happened, in words, each event's joined by {@code "; "}, with the names the groups had
 *                     at that time (e.g. {@code Renamed from "A" to "B"})
 * @param state        the group right after the last event; for a deletion, as it was when deleted; {@code null}
 *                     when the timeline has no row for it (events older than the timeline, before a rebuild)
 */
public record GroupVersion(long id, Instant revisionDate, RevisionUser user, String comment, GroupSummary state) {
}
