package org.orggroups.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.orggroups.api.PendingRun;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.WrittenGroups;
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
 *
 * <p>It also keeps the past: {@code group_timeline} holds every state each {@code group_view} row has had, and
 * {@code customer_group_timeline} every membership, each valid from one event to the next (see
 * {@link TimelinePosition}). After each statement that changes view rows, the current timeline rows of exactly
 * those groups are closed and copies of the new view rows opened, with the same condition on both tables; so
 * the timeline never computes a value the view does not, and cannot disagree with it.
 */
@Component
@ProcessingGroup(GroupViewProjection.PROCESSING_GROUP)
public class GroupViewProjection {

    /** Name of the processing group, for the processor configuration. */
    public static final String PROCESSING_GROUP = "group-view";

    /** Keeps {@code in (...)} lists well below every driver's limit on bind parameters. */
    private static final int MAX_IN_LIST = 500;

    private final JdbcTemplate jdbc;
    private final PendingRun<DeletedGroup> deletes = new PendingRun<>("group-view.deletes", this::deleteGroups);

    /** @param jdbc access to {@code group_view} and {@code customer_group_view} */
    public GroupViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the group's row, with no customers yet, and hands it to the command's sender ({@link WrittenGroups}).
     *
     * @param event   the creation
     * @param version the event's sequence number in the group's aggregate: the group's first ETag
     * @param message the event message, for its time and global index (the timeline)
     * @throws IllegalStateException when the parent has no row
     */
    @EventHandler
    public void on(GroupCreated event, @SequenceNumber long version, EventMessage<?> message) {
        String parentName = event.parentId() == null ? null : lockParentAndGetName(event.parentId());
        GroupSummary row = new GroupSummary(event.groupId(), event.name(), event.parentId(), parentName, 0, version);
        jdbc.update("insert into group_view (group_id, name, parent_id, parent_name, customers_count, version)"
                        + " values (?, ?, ?, ?, ?, ?)",
                row.groupId().uuid(), row.name(), uuidOrNull(row.parentId()), row.parentName(), row.customersCount(),
                row.version());
        WrittenGroups.record(row);
        // A new group has no timeline row to end yet.
        openGroups(TimelinePosition.of(message), "group_id = ?", event.groupId().uuid());
    }

    /**
     * Renames the group and rewrites the {@code parent_name} of its direct children; hands the group's row to the
     * command's sender.
     *
     * @param event   the rename
     * @param version the event's sequence number: the group's new ETag
     * @param message the event message, for its time and global index (the timeline)
     * @throws IllegalStateException when the group has no row
     */
    @EventHandler
    public void on(GroupRenamed event, @SequenceNumber long version, EventMessage<?> message) {
        UUID groupId = event.groupId().uuid();
        // Updating the group's row first locks it, so a child created or moved under it concurrently waits
        // for this transaction and then reads the new name (see lockParentAndGetName).
        requireOneRow(jdbc.update("update group_view set name = ?, version = ? where group_id = ?",
                event.name(), version, groupId), event.groupId());
        jdbc.update("update group_view set parent_name = ? where parent_id = ?", event.name(), groupId);
        recordGroups(message, "(group_id = ? or parent_id = ?)", groupId, groupId);
        handToSender(groupId);
    }

    /**
     * Moves the group under its new parent, or makes it a root; hands the group's row to the command's sender.
     *
     * @param event   the move
     * @param version the event's sequence number: the group's new ETag
     * @param message the event message, for its time and global index (the timeline)
     * @throws IllegalStateException when the group or its new parent has no row
     */
    @EventHandler
    public void on(GroupReparented event, @SequenceNumber long version, EventMessage<?> message) {
        String parentName = event.parentId() == null ? null : lockParentAndGetName(event.parentId());
        requireOneRow(jdbc.update(
                "update group_view set parent_id = ?, parent_name = ?, version = ? where group_id = ?",
                uuidOrNull(event.parentId()), parentName, version, event.groupId().uuid()), event.groupId());
        recordGroups(message, "group_id = ?", event.groupId().uuid());
        handToSender(event.groupId().uuid());
    }

    /**
     * Removes the group's row and its memberships. A subtree delete sends this deepest first, so no
     * remaining row names the group as its parent; the {@link CustomerLeftGroup} events that follow find
     * nothing left to do. Consecutive deletes are applied together ({@link #deleteGroups}).
     *
     * @param event   the deletion
     * @param message the event message, for its time and global index (the timeline)
     */
    @EventHandler
    public void on(GroupDeleted event, EventMessage<?> message) {
        deletes.add(new DeletedGroup(event.groupId().uuid(), TimelinePosition.of(message)));
    }

    /**
     * Applies the deletes kept so far before an event of any other kind is handled, so that every other handler
     * sees the rows as if each delete had been applied when it came.
     *
     * @param event the event about to be handled
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public void applyPendingDeletes(EventMessage<?> event) {
        if (!(event.getPayload() instanceof GroupDeleted)) {
            deletes.flush();
        }
    }

    /**
     * Applies consecutive deletes with a few statements per chunk of groups instead of five per group. For each
     * group it does what a single delete does: its membership rows go and their timeline rows end at its event, its
     * row goes and its timeline row ends there; no new timeline row begins (a deleted group has no view row to
     * copy). Distinct groups' deletes touch distinct rows, so applying them together gives the same rows.
     */
    private void deleteGroups(List<DeletedGroup> groups) {
        List<Object[]> closing = groups.stream()
                .map(g -> new Object[] {g.at().time(), g.at().index(), g.groupId()}).toList();
        for (List<DeletedGroup> chunk : chunks(groups)) {
            String in = " where group_id in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            Object[] ids = chunk.stream().map(DeletedGroup::groupId).toArray();
            jdbc.update("delete from customer_group_view" + in, ids);
            jdbc.update("delete from group_view" + in, ids);
        }
        jdbc.batchUpdate("update customer_group_timeline set valid_to = ?, to_index = ?"
                + " where to_index is null and group_id = ?", closing);
        jdbc.batchUpdate("update group_timeline set valid_to = ?, to_index = ?"
                + " where to_index is null and group_id = ?", closing);
    }

    private static <T> List<List<T>> chunks(List<T> items) {
        List<List<T>> chunks = new ArrayList<>();
        for (int from = 0; from < items.size(); from += MAX_IN_LIST) {
            chunks.add(items.subList(from, Math.min(items.size(), from + MAX_IN_LIST)));
        }
        return chunks;
    }

    /** A group deleted, and where its delete stands in the store. */
    private record DeletedGroup(UUID groupId, TimelinePosition at) {
    }

    /**
     * Records the membership (once, however often it is told) and recounts the group's customers.
     *
     * @param event   the join
     * @param message the event message, for its time and global index (the timeline)
     * @throws IllegalStateException when the group has no row: customers only join live groups
     */
    @EventHandler
    public void on(CustomerJoinedGroup event, EventMessage<?> message) {
        if (!lockGroup(event.groupId())) {
            throw new IllegalStateException("group_view has no row for joined group " + event.groupId());
        }
        UUID customerId = event.customerId().uuid();
        UUID groupId = event.groupId().uuid();
        int joined = jdbc.update("insert into customer_group_view (customer_id, group_id) select ?, ?"
                        + " where not exists (select 1 from customer_group_view where customer_id = ? and group_id = ?)",
                customerId, groupId, customerId, groupId);
        recountCustomers(groupId);
        if (joined > 0) {
            TimelinePosition at = TimelinePosition.of(message);
            jdbc.update("insert into customer_group_timeline (customer_id, group_id, valid_from, from_index)"
                    + " values (?, ?, ?, ?)", customerId, groupId, at.time(), at.index());
            recordGroups(at, "group_id = ?", groupId);
        }
    }

    /**
     * Ends the membership and recounts the group's customers, if the group still has a row (a group being
     * deleted has lost it already).
     *
     * @param event   the leave
     * @param message the event message, for its time and global index (the timeline)
     */
    @EventHandler
    public void on(CustomerLeftGroup event, EventMessage<?> message) {
        boolean groupLive = lockGroup(event.groupId());
        UUID customerId = event.customerId().uuid();
        UUID groupId = event.groupId().uuid();
        int left = jdbc.update("delete from customer_group_view where customer_id = ? and group_id = ?",
                customerId, groupId);
        if (groupLive) {
            recountCustomers(groupId);
        }
        if (left > 0) {
            TimelinePosition at = TimelinePosition.of(message);
            closeMemberships(at, "customer_id = ? and group_id = ?", customerId, groupId);
            if (groupLive) {
                recordGroups(at, "group_id = ?", groupId);
            }
        }
    }

    /** Empties both tables before a replay, so that the replay rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from customer_group_view");
        jdbc.update("delete from group_view");
        jdbc.update("delete from customer_group_timeline");
        jdbc.update("delete from group_timeline");
    }

    private void recordGroups(EventMessage<?> message, String condition, Object... args) {
        recordGroups(TimelinePosition.of(message), condition, args);
    }

    /**
     * Makes {@code group_timeline} follow {@code group_view} for the groups that {@code condition} selects: their
     * current timeline rows end at {@code at}, and copies of their view rows (none for a deleted group) begin
     * there. Called after the view changed; the condition must select the same groups in the current timeline
     * rows as in the view, which holds for conditions on columns the change left alone (the id, the parent
     * when only names changed).
     *
     * @param condition an SQL condition on the columns both tables share, with {@code ?} placeholders
     */
    private void recordGroups(TimelinePosition at, String condition, Object... args) {
        jdbc.update("update group_timeline set valid_to = ?, to_index = ? where to_index is null and " + condition,
                prepend(args, at.time(), at.index()));
        openGroups(at, condition, args);
    }

    /** Begins at {@code at} copies of the view rows that {@code condition} selects, as {@link #recordGroups} does. */
    private void openGroups(TimelinePosition at, String condition, Object... args) {
        jdbc.update("insert into group_timeline (group_id, name, parent_id, parent_name, customers_count, version,"
                + " valid_from, from_index) select group_id, name, parent_id, parent_name, customers_count, version,"
                + " ?, ? from group_view where " + condition, prepend(args, at.time(), at.index()));
    }

    /** Ends at {@code at} the current membership rows of {@code customer_group_timeline} that match. */
    private void closeMemberships(TimelinePosition at, String condition, Object... args) {
        jdbc.update("update customer_group_timeline set valid_to = ?, to_index = ? where to_index is null and "
                + condition, prepend(args, at.time(), at.index()));
    }

    private static Object[] prepend(Object[] args, Object... first) {
        Object[] all = new Object[first.length + args.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(args, 0, all, first.length, args.length);
        return all;
    }

    /**
     * Hands a changed group's row, read again in this transaction, to the command's sender when it collects
     * ({@link WrittenGroups}); reads nothing otherwise (a replay, a cascade of another command).
     */
    private void handToSender(UUID groupId) {
        if (WrittenGroups.collecting()) {
            GroupRows.current(jdbc, groupId).ifPresent(WrittenGroups::record);
        }
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
