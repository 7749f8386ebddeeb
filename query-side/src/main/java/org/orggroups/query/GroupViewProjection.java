package org.orggroups.query;

import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The group read model: one {@code group_view} row per live group, keyed by the group's id, and the
 * {@code customer_group_view} membership rows that its {@code customers_count} is counted from.
 *
 * <p>Meant to run in a subscribing processor, in the transaction that stores the events, with errors
 * propagated: clients read their own writes (DESIGN.md section 5), and a handler that fails fails the write
 * instead of letting the view drift. Handlers that would otherwise leave a wrong row (a rename or move of a
 * group without a row, a parent or joined group without a row) throw {@link IllegalStateException}.
 *
 * <p>Every row can be rebuilt from the events alone: counts are recounted from the membership rows, never
 * adjusted by {@code +1/-1}, and the parent's name is read from the parent's row, never taken from an event.
 */
@Component
@ProcessingGroup(GroupViewProjection.PROCESSING_GROUP)
public class GroupViewProjection {

    /** Name of the processing group, for the processor configuration. */
    public static final String PROCESSING_GROUP = "group-view";

    private final JdbcTemplate jdbc;

    /** @param jdbc access to {@code group_view} and {@code customer_group_view} */
    public GroupViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the group's row, with no customers yet.
     *
     * @param event   the creation
     * @param version the event's sequence number in the group's aggregate: the group's first ETag
     * @throws IllegalStateException when the parent has no row
     */
    @EventHandler
    public void on(GroupCreated event, @SequenceNumber long version) {
        String parentName = event.parentId() == null ? null : lockParentAndGetName(event.parentId());
        jdbc.update("insert into group_view (group_id, name, parent_id, parent_name, customers_count, version)"
                        + " values (?, ?, ?, ?, 0, ?)",
                event.groupId().uuid(), event.name(), uuidOrNull(event.parentId()), parentName, version);
    }

    /**
     * Renames the group and rewrites the {@code parent_name} of its direct children.
     *
     * @param event   the rename
     * @param version the event's sequence number: the group's new ETag
     * @throws IllegalStateException when the group has no row
     */
    @EventHandler
    public void on(GroupRenamed event, @SequenceNumber long version) {
        UUID groupId = event.groupId().uuid();
        // Updating the group's row first locks it, so a child created or moved under it concurrently waits
        // for this transaction and then reads the new name (see lockParentAndGetName).
        requireOneRow(jdbc.update("update group_view set name = ?, version = ? where group_id = ?",
                event.name(), version, groupId), event.groupId());
        jdbc.update("update group_view set parent_name = ? where parent_id = ?", event.name(), groupId);
    }

    /**
     * Moves the group under its new parent, or makes it a root.
     *
     * @param event   the move
     * @param version the event's sequence number: the group's new ETag
     * @throws IllegalStateException when the group or its new parent has no row
     */
    @EventHandler
    public void on(GroupReparented event, @SequenceNumber long version) {
        String parentName = event.parentId() == null ? null : lockParentAndGetName(event.parentId());
        requireOneRow(jdbc.update(
                "update group_view set parent_id = ?, parent_name = ?, version = ? where group_id = ?",
                uuidOrNull(event.parentId()), parentName, version, event.groupId().uuid()), event.groupId());
    }

    /**
     * Removes the group's row and its memberships. A subtree delete sends this deepest first, so no
     * remaining row names the group as its parent; the {@link CustomerLeftGroup} events that follow find
     * nothing left to do.
     *
     * @param event the deletion
     */
    @EventHandler
    public void on(GroupDeleted event) {
        UUID groupId = event.groupId().uuid();
        jdbc.update("delete from customer_group_view where group_id = ?", groupId);
        jdbc.update("delete from group_view where group_id = ?", groupId);
    }

    /**
     * Records the membership (once, however often it is told) and recounts the group's customers.
     *
     * @param event the join
     * @throws IllegalStateException when the group has no row: customers only join live groups
     */
    @EventHandler
    public void on(CustomerJoinedGroup event) {
        if (!lockGroup(event.groupId())) {
            throw new IllegalStateException("group_view has no row for joined group " + event.groupId());
        }
        UUID customerId = event.customerId().uuid();
        UUID groupId = event.groupId().uuid();
        jdbc.update("insert into customer_group_view (customer_id, group_id) select ?, ?"
                        + " where not exists (select 1 from customer_group_view where customer_id = ? and group_id = ?)",
                customerId, groupId, customerId, groupId);
        recountCustomers(groupId);
    }

    /**
     * Ends the membership and recounts the group's customers, if the group still has a row (a group being
     * deleted has lost it already).
     *
     * @param event the leave
     */
    @EventHandler
    public void on(CustomerLeftGroup event) {
        boolean groupLive = lockGroup(event.groupId());
        jdbc.update("delete from customer_group_view where customer_id = ? and group_id = ?",
                event.customerId().uuid(), event.groupId().uuid());
        if (groupLive) {
            recountCustomers(event.groupId().uuid());
        }
    }

    /** Empties both tables before a replay, so that the replay rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from customer_group_view");
        jdbc.update("delete from group_view");
    }

    /**
     * Reads the parent's name under a row lock: a rename of the parent in a concurrent transaction either
     * committed before (and its name is read here) or waits for this one (and then rewrites this child's
     * {@code parent_name} too). Without the lock a child could keep the parent's old name.
     */
    private String lockParentAndGetName(GroupId parentId) {
        List<String> names = jdbc.queryForList("select name from group_view where group_id = ? for update",
                String.class, parentId.uuid());
        if (names.isEmpty()) {
            throw new IllegalStateException("group_view has no row for parent group " + parentId);
        }
        return names.get(0);
    }

    /**
     * Locks the group's row before its memberships change, so that concurrent joins and leaves of one group
     * recount one after the other, each seeing the other's committed row: a recount that ran in parallel
     * would miss the other transaction's membership.
     *
     * @return whether the group has a row
     */
    private boolean lockGroup(GroupId groupId) {
        return !jdbc.queryForList("select group_id from group_view where group_id = ? for update",
                UUID.class, groupId.uuid()).isEmpty();
    }

    private void recountCustomers(UUID groupId) {
        jdbc.update("update group_view set customers_count ="
                + " (select count(*) from customer_group_view m where m.group_id = ?) where group_id = ?",
                groupId, groupId);
    }

    private static void requireOneRow(int updated, GroupId groupId) {
        if (updated != 1) {
            throw new IllegalStateException("group_view has no row for group " + groupId);
        }
    }

    private static UUID uuidOrNull(GroupId id) {
        return id == null ? null : id.uuid();
    }
}
