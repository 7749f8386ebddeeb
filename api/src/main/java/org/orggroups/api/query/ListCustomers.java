package org.orggroups.api.query;

import java.util.List;
import java.util.Set;

import org.orggroups.api.group.GroupId;

/**
 * Lists live customers (API.md section 4). Answer: {@code Page<CustomerSummary>}.
 *
 * @param nameContains      case-insensitive substring of the name, matched literally; {@code null} for none
 * @param nameExact         exact, case-sensitive name; {@code null} for none
 * @param memberOfAny       only customers that are direct members of at least one of these groups;
 *                          empty for no filter
 * @param groupNameContains only customers that are direct members of a group whose name contains this,
 *                          case-insensitively; {@code null} for none
 * @param nameDescending    order by name descending instead of ascending (ties by uuid ascending)
 * @param page              the page wanted
 */
public record ListCustomers(String nameContains, String nameExact, Set<GroupId> memberOfAny,
                            String groupNameContains, boolean nameDescending, PageRequest page) {

    public ListCustomers {
        memberOfAny = Set.copyOf(memberOfAny);
    }
}
