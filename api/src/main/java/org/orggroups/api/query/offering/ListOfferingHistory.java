package org.orggroups.api.query.offering;

import java.time.Instant;

import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.PageRequest;

/**
 * Lists the versions of an offering (when {@code planId} is {@code null}) or of one of its plans, newest first,
 * deleted ones included. Answer: {@code Page<OfferingVersion>}; unknown ones have no versions.
 *
 * @param offeringId    the offering
 * @param planId        the plan, or {@code null} for the offering's own history
 * @param createdAfter  only versions strictly after this instant, or {@code null}
 * @param createdBefore only versions strictly before this instant, or {@code null}
 * @param page          the page wanted
 */
public record ListOfferingHistory(OfferingId offeringId, PlanId planId, Instant createdAfter, Instant createdBefore,
                                  PageRequest page) {
}
