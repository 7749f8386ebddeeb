package org.orggroups.api.offering;

import org.axonframework.serialization.Revision;
import org.orggroups.api.customer.CustomerId;

/**
 * An offering was deleted with its plans, because its provider was (Waldur's {@code on_delete=CASCADE};
 * API.md 12.10). The event's metadata names the cause ({@code MetadataKeys.CAUSED_BY_CUSTOMER}).
 *
 * @param offeringId the offering
 * @param providerId its provider, whose delete caused this
 */
@Revision("1")
public record OfferingDeleted(OfferingId offeringId, CustomerId providerId) {
}
