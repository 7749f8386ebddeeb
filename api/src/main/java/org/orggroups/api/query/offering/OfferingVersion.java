package org.orggroups.api.query.offering;

import java.time.Instant;

import org.orggroups.api.query.RevisionUser;

/**
 * One version in the history of an offering or of a plan: one event of the offering's stream that concerns it
 * (API.md section 6, as for groups).
 *
 * @param id           the event's global index
 * @param revisionDate the event's time stamp
 * @param user         who made the change, or {@code null}
 * @param comment      what happened, in words (API.md section 12; e.g. {@code Restricted to "Universities"})
 * @param offering     the offering right after the change (for a deletion, as it was when deleted), with the
 *                     plans and groups of that moment; set for offering histories, {@code null} for plan ones
 * @param plan         the plan right after the change; set for plan histories, {@code null} for offering ones
 */
public record OfferingVersion(long id, Instant revisionDate, RevisionUser user, String comment,
                              OfferingSummary offering, PlanSummary plan) {
}
