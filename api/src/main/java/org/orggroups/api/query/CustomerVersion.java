package org.orggroups.api.query;

import java.time.Instant;

/**
 * One version in the history of a customer: one event of its aggregate, membership changes included
 * (API.md section 6).
 *
 * @param id           the event's global index in the event store: increases with every change of any resource
 * @param revisionDate the event's time stamp (microsecond precision)
 * @param user         who made the change, or {@code null} for a change without a recorded user
 * @param comment      what happened, in words, with the names of that time (e.g. {@code Joined "Nordic"})
 * @param state        the customer right after the change, with the groups it was a member of then, as they
 *                     were then, ordered by name then uuid; for a deletion, as it was when deleted; {@code null}
 *                     when the timeline has no row for it (events older than the timeline, before a rebuild)
 */
public record CustomerVersion(long id, Instant revisionDate, RevisionUser user, String comment,
                              CustomerSummary state) {
}
