package org.orggroups.api.query.offering;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;

/**
 * Finds one offering of the public catalogue, with the plans the viewer may see (E12, E13, E14). Answer:
 * {@code Optional<OfferingSummary>}, empty when the offering is not in the viewer's list (as Waldur's
 * {@code get_object} applies the list's filters).
 *
 * @param offeringId        the offering
 * @param viewer            who asks
 * @param allowedCustomerId narrows to what this customer may order, or {@code null}
 */
public record FindPublicOffering(OfferingId offeringId, Viewer viewer, CustomerId allowedCustomerId) {
}
