package org.orggroups.api.query.offering;

import java.util.List;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.query.GroupSummary;

/**
 * An offering as the read side shows it (API.md 12.2).
 *
 * @param offeringId              the offering
 * @param name                    its name
 * @param providerId              its provider
 * @param providerName            the provider's current name
 * @param shared                  whether other customers than the provider may order it
 * @param restricted              whether a restriction is recorded, even when every group of it was deleted
 * @param includeDescendantGroups the descendant flag (2.9)
 * @param groups                  the live groups of the restriction, ordered by name then uuid
 * @param plans                   its plans, ordered by name then uuid; in public listings only those the viewer
 *                                may see
 * @param version                 the offering stream's last sequence number
 */
public record OfferingSummary(OfferingId offeringId, String name, CustomerId providerId, String providerName,
                              boolean shared, boolean restricted, boolean includeDescendantGroups,
                              List<GroupSummary> groups, List<PlanSummary> plans, long version) {

    public OfferingSummary {
        groups = List.copyOf(groups);
        plans = List.copyOf(plans);
    }
}
