package org.orggroups.app.web;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;

/**
 * A group, customer, offering or plan that has recorded events, named by the {@code {uuid}} of a {@code .../history/} path and
 * resolved by {@link HistorySubjectResolver} before any query parameter is read (API.md section 6: an unknown uuid
 * is 404 whatever the parameters).
 */
public sealed interface HistorySubject
        permits HistorySubject.Group, HistorySubject.Customer, HistorySubject.Offering, HistorySubject.Plan {

    /** @param id a group with at least one event, deleted or not */
    record Group(GroupId id) implements HistorySubject {
    }

    /** @param id a customer with at least one event, deleted or not */
    record Customer(CustomerId id) implements HistorySubject {
    }

    /** @param id an offering with at least one event, deleted or not */
    record Offering(OfferingId id) implements HistorySubject {
    }

    /**
     * @param offering the offering whose stream holds the plan's events
     * @param id       a plan that was created, deleted or not
     */
    record Plan(OfferingId offering, PlanId id) implements HistorySubject {
    }
}
