package org.orggroups.command;

import org.orggroups.api.offering.PlanId;

/**
 * A command named a plan that the offering handling it does not have (API.md 12.3, E9, E10). HTTP: 404
 * {@code {"detail": "Not found."}}, like an unknown offering.
 */
public class PlanNotFoundException extends RuntimeException {

    private final PlanId planId;

    /** @param planId the plan asked for */
    public PlanNotFoundException(PlanId planId) {
        super("Plan " + planId + " does not exist.");
        this.planId = planId;
    }

    /** @return the plan asked for */
    public PlanId planId() {
        return planId;
    }
}
