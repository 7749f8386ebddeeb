package org.orggroups.app.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Uuids;

/**
 * The JSON shapes of groups and customers, fields in the contract's order (API.md sections 3 and 4).
 */
final class Representations {

    private Representations() {
    }

    /**
     * A group: {@code uuid, url, name, [parent_uuid, parent_name,] parent, customers_count}. The two parent keys
     * are absent (not null) for a root; {@code parent} is always present, null for a root.
     */
    static Map<String, Object> group(String base, GroupSummary group) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", Uuids.hex(group.groupId().uuid()));
        json.put("url", Hyperlinks.group(base, group.groupId().uuid()));
        json.put("name", group.name());
        if (group.parentId() != null) {
            json.put("parent_uuid", Uuids.hex(group.parentId().uuid()));
            json.put("parent_name", group.parentName());
            json.put("parent", Hyperlinks.group(base, group.parentId().uuid()));
        } else {
            json.put("parent", null);
        }
        json.put("customers_count", group.customersCount());
        return json;
    }

    /** A customer: {@code uuid, url, name, organization_groups} (groups ordered by name). */
    static Map<String, Object> customer(String base, CustomerSummary customer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("uuid", Uuids.hex(customer.customerId().uuid()));
        json.put("url", Hyperlinks.customer(base, customer.customerId().uuid()));
        json.put("name", customer.name());
        json.put("organization_groups", customer.groups().stream().map(g -> group(base, g)).toList());
        return json;
    }

    /** @return the strong ETag of a group version, e.g. {@code "3"} */
    static String etag(GroupSummary group) {
        return "\"" + group.version() + "\"";
    }

    static List<Map<String, Object>> groups(String base, List<GroupSummary> groups) {
        return groups.stream().map(g -> group(base, g)).toList();
    }
}
