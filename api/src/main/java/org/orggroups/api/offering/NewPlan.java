package org.orggroups.api.offering;

/**
 * A plan created with its offering (an item of Waldur's nested {@code plans} in the offering's create body);
 * such plans are open (no groups).
 *
 * @param planId the new plan's id
 * @param name   its name, trimmed, 1..150 code points
 */
public record NewPlan(PlanId planId, String name) {
}
