package org.orggroups.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Uuids;

/**
 * Turns the query side's summaries into the response records of groups and customers (API.md sections 3 and
 * 4): hex uuids, absolute links built from {@code base}, the parent keys only for a group with a parent.
 */
final class Representations {

    /** Only for the map forms below: the records carry their own key order and inclusion rules. */
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() { };

    private Representations() {
    }

    /** @return the group; {@code parent_uuid} and {@code parent_name} only when it has a parent */
    static OrganizationGroup organizationGroup(String base, GroupSummary group) {
        boolean root = group.parentId() == null;
        return new OrganizationGroup(Uuids.hex(group.groupId().uuid()), Hyperlinks.group(base, group.groupId().uuid()),
                group.name(),
                root ? null : Uuids.hex(group.parentId().uuid()),
                root ? null : group.parentName(),
                root ? null : Hyperlinks.group(base, group.parentId().uuid()),
                group.customersCount());
    }

    /** @return the customer with its groups, in the order the query side gives them (by name) */
    static Customer customerOf(String base, CustomerSummary customer) {
        return new Customer(Uuids.hex(customer.customerId().uuid()),
                Hyperlinks.customer(base, customer.customerId().uuid()), customer.name(),
                organizationGroups(base, customer.groups()));
    }

    static List<OrganizationGroup> organizationGroups(String base, List<GroupSummary> groups) {
        return groups.stream().map(g -> organizationGroup(base, g)).toList();
    }

    /**
     * The group as an ordered map, for the history's {@code serialized_data}, which holds either a group or a
     * customer; the same keys and order as {@link #organizationGroup}, which it is made from.
     */
    static Map<String, Object> group(String base, GroupSummary group) {
        return JSON.convertValue(organizationGroup(base, group), MAP);
    }

    /** The customer as an ordered map, for the history's {@code serialized_data}; made from {@link #customerOf}. */
    static Map<String, Object> customer(String base, CustomerSummary customer) {
        return JSON.convertValue(customerOf(base, customer), MAP);
    }

    /** @return the strong ETag of a group version, e.g. {@code "3"} (API.md section 5) */
    static String etag(GroupSummary group) {
        return "\"" + group.version() + "\"";
    }
}
