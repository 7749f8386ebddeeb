package org.orggroups.api.query;

import java.time.Instant;

/**
 * One version in the history of a customer: the events one request recorded on its aggregate, membership
 * changes included; one event when no request id was recorded (API.md section 6).
 *
 * @param id           the global index of the version's last event in the event store: increases with every
 *                     change of any resource
 * @param revisionDate the last event's time stamp (microsecond precision); a request's events share one
 *                     instant
 * @param user         who made the change, or {@code null} for a change without a recorded user
 * @param comment      what happened, in words, each event's joined by {@code "; "}, with the names of that time
 *                     (e.g. {@code Joined "Nordic"; Joined "Suomi"})
 * @param state        the customer right after the last event, with the groups it was a member of then, as they
 *                     were then, ordered by name then uuid; for a deletion, as it was when deleted; {@code null}
 *                     when the timeline has no row for it (events older than the timeline, before a rebuild)
 */
public record CustomerVersion(long id, Instant revisionDate, RevisionUser user, String comment,
                              CustomerSummary state) {
}
