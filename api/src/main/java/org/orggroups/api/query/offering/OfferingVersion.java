package org.orggroups.api.query.offering;

import java.time.Instant;

import org.orggroups.api.query.RevisionUser;

/**
 * One version in the history of an offering or of a plan: the events of the offering's stream that one request
 * recorded and that concern it (API.md section 6, as for groups).
 *
 * @param id           the global index of the version's last event
 * @param revisionDate the last event's time stamp
 * @param user         who made the change, or {@code null}
 * @param comment      what happened, in words, each event's joined by {@code "; "} (API.md section 12; e.g.
 *                     {@code Restricted to "Universities"})
 * @param offering     the offering right after the change (for a deletion, as it was when deleted), with the
 *                     plans and groups of that moment; set for offering histories, {@code null} for plan ones
 * @param plan         the plan right after the change; set for plan histories, {@code null} for offering ones
 */
public record OfferingVersion(long id, Instant revisionDate, RevisionUser user, String comment,
                              OfferingSummary offering, PlanSummary plan) {
}
