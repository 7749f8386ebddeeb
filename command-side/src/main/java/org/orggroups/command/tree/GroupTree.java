package org.orggroups.command.tree;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;

/**
 * The command side's own, transactionally consistent view of the tree of groups, of their direct
 * members (DESIGN.md section 4) and of the offerings of each provider (API.md 12.10). Aggregates
 * cannot see each other; they ask this for set-based checks: the parent exists and is live, a move makes no cycle,
 * who is a member of a deleted subtree, which offerings go with a deleted provider.
 * <p>
 * Every method runs in the caller's transaction, and the locks it takes are held until that transaction
 * ends. Lock order, to stay free of deadlocks: {@link #lockShape()} first, then group rows.
 * Creates and renames do not take {@link #lockShape()}; every change of the tree's shape does
 * (move, delete, membership change), and so does every command that must find groups or a provider live until
 * it commits (an offering's creation, a restriction of an offering or a plan to groups), and a customer's delete.
 */
public interface GroupTree {

    /**
     * Takes the single lock that serializes every change of the tree's shape, across all nodes that share
     * the database. Taken before reading ancestors, subtrees or members, so that what was read stays true
     * until the transaction commits (two opposite moves, A under B and B under A, cannot both pass).
     */
    void lockShape();

    /**
     * Locks the group's row, so that the group cannot be deleted before this transaction ends, and a
     * delete already running is waited for.
     *
     * @param groupId the group
     * @return whether the group exists and is not deleted
     */
    boolean lockLiveGroup(GroupId groupId);

    /**
     * @param groupId a group
     * @return the group itself followed by its parent, grandparent and so on up to the root; empty when the
     *         group is unknown. Only consistent while {@link #lockShape()} is held
     */
    List<GroupId> ancestorsOf(GroupId groupId);

    /**
     * Locks a group and its whole live subtree, level by level: each level is locked before its children
     * are read, so a child created concurrently under a locked group is either seen here or, once this
     * transaction has marked its parent deleted, refused by {@link #lockLiveGroup(GroupId)}.
     *
     * @param root the group at the top of the subtree
     * @return the root and its live descendants, deepest level first, the root last; within a level
     *         ordered by uuid
     */
    List<GroupId> lockSubtreeDeepestFirst(GroupId root);

    /**
     * @param groupIds groups, possibly empty
     * @return the parent of each of them that is known and not a root; in the order given. Consistent for groups
     *         whose rows this transaction has locked ({@link #lockSubtreeDeepestFirst}), since a move locks the moved
     *         group's row
     */
    Map<GroupId, GroupId> parentsOf(List<GroupId> groupIds);

    /**
     * @param groupIds groups, possibly empty
     * @return the customers that are direct members of at least one of them, ordered by uuid
     */
    Set<CustomerId> membersOf(Collection<GroupId> groupIds);

    /**
     * @param providerId a customer
     * @return its live offerings, ordered by uuid. Only complete while {@link #lockShape()} is held, which every
     *         creation of an offering takes
     */
    Set<OfferingId> offeringsOf(CustomerId providerId);
}
