package org.orggroups.api.query.offering;

import org.orggroups.api.query.PageRequest;

/**
 * Lists live offerings with all their plans, as a provider (staff) sees them (E2).
 * Answer: {@code Page<OfferingSummary>}, ordered by name then uuid.
 *
 * @param filter the filters
 * @param page   the page wanted
 */
public record ListOfferings(OfferingFilter filter, PageRequest page) {
}
