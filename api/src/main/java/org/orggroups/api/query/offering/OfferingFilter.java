package org.orggroups.api.query.offering;

import java.util.Set;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;

/**
 * The filters of the offering lists (API.md 12.3, "Filters"); every one optional.
 *
 * @param nameContains      case-insensitive substring of the name, matched literally; {@code null} for none
 * @param nameExact         exact, case-sensitive name; {@code null} for none
 * @param providerId        only this provider's offerings; {@code null} for none
 * @param shared            only shared ({@code true}) or private ({@code false}) ones; {@code null} for none
 * @param linkedToAny       only offerings whose restriction names at least one of these groups directly;
 *                          empty for none
 * @param allowedCustomerId only offerings this customer may order (R1 to R3); {@code null} for none. An unknown or
 *                          deleted customer matches nothing; in public listings it also narrows the plans (R4, R5)
 * @param nameDescending    order by name descending instead of ascending (ties by uuid ascending)
 */
public record OfferingFilter(String nameContains, String nameExact, CustomerId providerId, Boolean shared,
                             Set<GroupId> linkedToAny, CustomerId allowedCustomerId, boolean nameDescending) {

    public OfferingFilter {
        linkedToAny = Set.copyOf(linkedToAny);
    }

    /** @return no filter, ordered by name */
    public static OfferingFilter none() {
        return new OfferingFilter(null, null, null, null, Set.of(), null, false);
    }
}
