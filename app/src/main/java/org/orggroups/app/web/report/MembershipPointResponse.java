package org.orggroups.app.web.report;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.query.report.MembershipPoint;

/**
 * A group's member counts at the end of one interval (API.md section 9, {@code membership/}), fields in this order.
 *
 * @param date                  the interval's last day, {@code YYYY-MM-DD}, never later than {@code to}
 * @param customersCount        direct members at the end of that day
 * @param subtreeCustomersCount distinct members of the group and the groups below it at the end of that day
 */
@Schema(name = "OrganizationGroupMembershipPoint")
@JsonPropertyOrder({"date", "customers_count", "subtree_customers_count"})
public record MembershipPointResponse(
        @Schema(format = "date", example = "2026-11-29") String date,
        @JsonProperty("customers_count") long customersCount,
        @JsonProperty("subtree_customers_count") long subtreeCustomersCount) {

    /** @return the point as the wire shows it */
    static MembershipPointResponse of(MembershipPoint point) {
        return new MembershipPointResponse(point.date().toString(), point.customersCount(),
                point.subtreeCustomersCount());
    }
}
