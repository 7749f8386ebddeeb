package org.orggroups.api.query.report;

import java.util.List;

/**
 * A group's member counts over time.
 *
 * @param points one point per interval, oldest first
 */
public record MembershipHistory(List<MembershipPoint> points) {

    public MembershipHistory {
        points = List.copyOf(points);
    }
}
