package org.orggroups.api.query;

/**
 * One ordering term of a group list. Ties left after all terms are broken by uuid ascending.
 *
 * @param field      the field
 * @param descending whether to sort from high to low
 */
public record GroupOrder(GroupSortField field, boolean descending) {
}
