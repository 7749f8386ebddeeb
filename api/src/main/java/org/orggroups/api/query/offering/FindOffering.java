package org.orggroups.api.query.offering;

import org.orggroups.api.offering.OfferingId;

/**
 * Finds one live offering, with all its plans, as a provider (staff) sees it (E3).
 * Answer: {@code Optional<OfferingSummary>}, empty for an unknown or deleted offering.
 *
 * @param offeringId the offering
 */
public record FindOffering(OfferingId offeringId) {
}
