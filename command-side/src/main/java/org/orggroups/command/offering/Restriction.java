package org.orggroups.command.offering;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.GroupSets;

/**
 * The groups an offering or a plan is restricted to, as its events recorded them (API.md 12.1): deleted
 * groups stay in the set, because a group delete writes no offering or plan event (section 3), so a resource whose
 * groups were all deleted is still restricted, and closed, until staff open it.
 *
 * <p>The one statement of the update rule of 2.4 for offerings and plans alike ({@link #replacedBy}).
 *
 * @param groupIds                the set, in {@link GroupSets#ORDER}; empty when open
 * @param includeDescendantGroups whether members of the groups' descendants qualify too (2.9); always
 *                                {@code false} when open, so a flag never outlives the set it qualified
 */
record Restriction(List<GroupId> groupIds, boolean includeDescendantGroups) {

    /** Open to every customer: no groups, no flag. */
    static final Restriction OPEN = new Restriction(List.of(), false);

    Restriction {
        groupIds = GroupSets.normalized(groupIds);
        includeDescendantGroups = includeDescendantGroups && !groupIds.isEmpty();
    }

    /** @return whether a set is recorded, live groups left in it or not */
    boolean restricted() {
        return !groupIds.isEmpty();
    }

    /**
     * Decides an {@code update_organization_groups} (API.md 12.4): the list replaces the whole set, an empty
     * list opens, and an absent flag keeps the current one.
     *
     * @param groups                  the complete new set, duplicates collapsed; empty to open
     * @param includeDescendantGroups the new flag, or {@code null} to keep the current one
     * @return the restriction to record, or empty when it equals this one (nothing is recorded: same set and flag, or
     *         opening what is open)
     */
    Optional<Restriction> replacedBy(Set<GroupId> groups, Boolean includeDescendantGroups) {
        boolean flag = includeDescendantGroups == null ? this.includeDescendantGroups : includeDescendantGroups;
        Restriction next = groups.isEmpty() ? OPEN : new Restriction(List.copyOf(groups), flag);
        return next.equals(this) ? Optional.empty() : Optional.of(next);
    }
}
