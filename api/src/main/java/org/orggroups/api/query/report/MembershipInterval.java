package org.orggroups.api.query.report;

/** Length of the intervals of a membership-over-time report; each ends on a calendar boundary. */
public enum MembershipInterval {
    /** every day */
    DAY,
    /** ISO weeks, Monday to Sunday */
    WEEK,
    /** calendar months */
    MONTH
}
