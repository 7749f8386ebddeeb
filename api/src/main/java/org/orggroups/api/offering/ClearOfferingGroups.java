package org.orggroups.api.offering;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to open an offering to every customer (Waldur's {@code delete_organization_groups}, API.md 12.4,
 * E5). Records {@link OfferingAccessOpened} only when the offering was restricted.
 *
 * @param offeringId the offering
 */
public record ClearOfferingGroups(@TargetAggregateIdentifier OfferingId offeringId) {
}
