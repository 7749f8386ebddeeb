package org.orggroups.app.web.report;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.swagger.v3.oas.annotations.media.Schema;

import org.orggroups.api.query.report.GroupStats;
import org.orggroups.app.web.support.Uuids;

/**
 * One live group's counts as the group reports render them (API.md section 9), fields in this order.
 *
 * @param uuid                  the group, 32 hex digits (there is no {@code url})
 * @param name                  its name
 * @param customersCount        customers that are direct members
 * @param subtreeCustomersCount distinct customers that are members of the group or of any group below it
 * @param descendantsCount      groups below it, at any depth
 * @param depth                 0 for a root
 * @param path                  the names from the root down to the group itself
 */
@Schema(name = "OrganizationGroupStats")
@JsonPropertyOrder({"uuid", "name", "customers_count", "subtree_customers_count", "descendants_count", "depth",
        "path"})
public record GroupStatsResponse(
        @Schema(format = "uuid") String uuid,
        String name,
        @JsonProperty("customers_count") long customersCount,
        @JsonProperty("subtree_customers_count") long subtreeCustomersCount,
        @JsonProperty("descendants_count") long descendantsCount,
        int depth,
        List<String> path) {

    /** @return the stats as the wire shows them */
    static GroupStatsResponse of(GroupStats stats) {
        return new GroupStatsResponse(Uuids.hex(stats.groupId().uuid()), stats.name(), stats.customersCount(),
                stats.subtreeCustomersCount(), stats.descendantsCount(), stats.depth(), stats.path());
    }
}
