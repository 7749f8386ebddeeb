package org.orggroups.api.query;

/** Fields a group list can be ordered by (API.md section 3, query parameter {@code o}). */
public enum GroupSortField {
    NAME,
    CUSTOMERS_COUNT
}
