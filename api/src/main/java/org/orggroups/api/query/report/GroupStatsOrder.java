package org.orggroups.api.query.report;

/**
 * One ordering term of the group report. Ties left after all terms are broken by uuid ascending.
 *
 * @param field      the field
 * @param descending whether to sort from high to low
 */
public record GroupStatsOrder(GroupStatsSortField field, boolean descending) {
}
