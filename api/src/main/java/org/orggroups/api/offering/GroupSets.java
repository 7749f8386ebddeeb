package org.orggroups.api.offering;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.orggroups.api.group.GroupId;

/**
 * The one spelling of a set of groups in offering and plan messages: distinct, in the database's {@code uuid}
 * order, immutable. Events carry lists in this form so that the same set is always stored the same way.
 */
public final class GroupSets {

    /** Same order as PostgreSQL's and H2's {@code uuid} order; {@link java.util.UUID#compareTo} compares signed. */
    public static final Comparator<GroupId> ORDER = Comparator.comparing(GroupId::toString);

    private GroupSets() {
    }

    /**
     * @param groups groups in any order, duplicates allowed; {@code null} is read as empty
     * @return the distinct groups, in {@link #ORDER}
     */
    public static List<GroupId> normalized(Collection<GroupId> groups) {
        return groups == null ? List.of() : groups.stream().distinct().sorted(ORDER).toList();
    }
}
