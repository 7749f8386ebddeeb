package org.orggroups.api.query.report;

/** The fields the group report can be ordered by. */
public enum GroupStatsSortField {
    /** the group's name, in the database's collation */
    NAME,
    /** direct customers */
    CUSTOMERS_COUNT,
    /** distinct customers of the subtree */
    SUBTREE_CUSTOMERS_COUNT,
    /** groups below */
    DESCENDANTS_COUNT,
    /** distance from the root */
    DEPTH
}
