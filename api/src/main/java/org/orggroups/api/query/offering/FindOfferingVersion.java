package org.orggroups.api.query.offering;

import java.time.Instant;

import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;

/**
 * Finds the latest version of an offering (or plan) at or before an instant ({@code history/at/}). Answer:
 * {@code Optional<OfferingVersion>}, empty when it did not exist yet.
 *
 * @param offeringId the offering
 * @param planId     the plan, or {@code null} for the offering
 * @param at         the instant
 */
public record FindOfferingVersion(OfferingId offeringId, PlanId planId, Instant at) {
}
