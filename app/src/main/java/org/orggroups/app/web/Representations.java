package org.orggroups.app.web;

import java.util.List;


import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.app.web.support.Uuids;

/**
 * Turns the query side's summaries into the response records of groups and customers (API.md sections 3 and
 * 4): hex uuids, absolute links built from {@code base}, the parent keys only for a group with a parent.
 */
public final class Representations {

    private Representations() {
    }

    /** @return the group; {@code parent_uuid} and {@code parent_name} only when it has a parent */
    public static OrganizationGroup organizationGroup(String base, GroupSummary group) {
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

    /** @return the groups, in the order given */
    public static List<OrganizationGroup> organizationGroups(String base, List<GroupSummary> groups) {
        return groups.stream().map(g -> organizationGroup(base, g)).toList();
    }

    /** @return the strong ETag of a group version, e.g. {@code "3"} (API.md section 5) */
    static String etag(GroupSummary group) {
        return "\"" + group.version() + "\"";
    }
}
