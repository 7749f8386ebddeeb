package org.orggroups.api.query.offering;

/**
 * Who asks for the public offerings, which decides what they see (API.md 12.5).
 */
public enum Viewer {
    /** No token, or a user who is not staff: shared offerings, unrestricted plans. */
    PUBLIC,
    /** Staff: shared offerings and private ones with at least one plan; every plan. */
    STAFF
}
