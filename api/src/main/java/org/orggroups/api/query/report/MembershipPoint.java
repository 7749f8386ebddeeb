package org.orggroups.api.query.report;

import java.time.LocalDate;

/**
 * A group's member counts at the end of one day.
 *
 * @param date                  the last day of the interval (the range's last day for a cut-off interval)
 * @param customersCount        direct members at the end of that day
 * @param subtreeCustomersCount distinct members of the group and its descendants at the end of that day
 */
public record MembershipPoint(LocalDate date, long customersCount, long subtreeCustomersCount) {
}
