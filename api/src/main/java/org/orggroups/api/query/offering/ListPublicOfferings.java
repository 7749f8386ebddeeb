package org.orggroups.api.query.offering;

import org.orggroups.api.query.PageRequest;

/**
 * Lists the offerings a viewer may see in the public catalogue, with the plans it may see (E11; API.md section 12
 * 2.5). Answer: {@code Page<OfferingSummary>}, ordered by name then uuid.
 *
 * @param viewer who asks
 * @param filter the filters; {@link OfferingFilter#allowedCustomerId()} narrows offerings and plans to what that
 *               customer may order
 * @param page   the page wanted
 */
public record ListPublicOfferings(Viewer viewer, OfferingFilter filter, PageRequest page) {
}
