package org.orggroups.api.query.offering;

/**
 * The row of the access rule that decided an order check (API.md 12.1, R1 to R6). The HTTP code is the
 * lower-case name.
 */
public enum OrderReason {
    /** R1: a private offering, and the customer is not its provider. */
    PRIVATE_OFFERING(false),
    /** R2: the offering is restricted and no group of its restriction is live. */
    OFFERING_GROUPS_DELETED(false),
    /** R3: the offering is restricted and the customer does not qualify. */
    NOT_IN_OFFERING_GROUPS(false),
    /** R4: the plan is restricted and no group of its restriction is live. */
    PLAN_GROUPS_DELETED(false),
    /** R5: the plan is restricted and the customer does not qualify. */
    NOT_IN_PLAN_GROUPS(false),
    /** R6: the customer is the provider of a private offering. */
    PROVIDER(true),
    /** R6: a restriction was met. */
    GRANTED(true),
    /** R6: nothing restricts the customer. */
    OPEN(true);

    private final boolean allowed;

    OrderReason(boolean allowed) {
        this.allowed = allowed;
    }

    /** @return whether the order is allowed */
    public boolean allowed() {
        return allowed;
    }
}
