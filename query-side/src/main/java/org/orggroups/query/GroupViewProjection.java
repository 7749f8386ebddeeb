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

    /**
     * The parent's name as a statement of a run reads it, after {@link #lockParent} locked the parent's row; its
     * argument is the parent's id (none for a root, whose name is then null).
     */
    private static final String PARENT_NAME = "(select p.name from group_view p where p.group_id = ?)";

    private final JdbcTemplate jdbc;
    private final RoundTrips roundTrips;
    private final PendingRun<DeletedGroup> deletes = new PendingRun<>("group-view.deletes", this::deleteGroups);

    /** @param jdbc access to {@code group_view} and {@code customer_group_view} */
    public GroupViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.roundTrips = new RoundTrips(jdbc);
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
        UUID parentId = uuidOrNull(event.parentId());
        RoundTrips.Run run = roundTrips.run();
        lockParent(run, parentId);
        run.update("insert into group_view (group_id, name, parent_id, parent_name, customers_count, version)"
                        + " values (?, ?, ?, " + PARENT_NAME + ", 0, ?)",
                event.groupId().uuid(), event.name(), parentId, parentId, version);
        // A new group has no timeline row to end yet.
        openGroups(run, TimelinePosition.of(message), "group_id = ?", event.groupId().uuid());
        RoundTrips.Results results = run.execute();
        String parentName = parentId == null ? null : lockedParentName(results, event.parentId());
        WrittenGroups.record(new GroupSummary(event.groupId(), event.name(), event.parentId(), parentName, 0, version));
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
        // for this transaction and then reads the new name (see lockParent).
        RoundTrips.Run run = roundTrips.run()
                .update("update group_view set name = ?, version = ? where group_id = ?",
                        event.name(), version, groupId)
                .update("update group_view set parent_name = ? where parent_id = ?", event.name(), groupId);
        recordGroups(run, TimelinePosition.of(message), "(group_id = ? or parent_id = ?)", groupId, groupId);
        int read = readForSender(run, groupId);
        RoundTrips.Results results = run.execute();
        requireOneRow(results.updated(0), event.groupId());
        handToSender(results, read);
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
        UUID groupId = event.groupId().uuid();
        UUID parentId = uuidOrNull(event.parentId());
        RoundTrips.Run run = roundTrips.run();
        lockParent(run, parentId);
        int update = run.size();
        run.update("update group_view set parent_id = ?, parent_name = " + PARENT_NAME
                + ", version = ? where group_id = ?", parentId, parentId, version, groupId);
        recordGroups(run, TimelinePosition.of(message), "group_id = ?", groupId);
        int read = readForSender(run, groupId);
        RoundTrips.Results results = run.execute();
        if (parentId != null) {
            lockedParentName(results, event.parentId());
        }
        requireOneRow(results.updated(update), event.groupId());
        handToSender(results, read);
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
        RoundTrips.Run run = recountCustomers(roundTrips.run(), groupId);
        if (joined > 0) {
            TimelinePosition at = TimelinePosition.of(message);
            run.update("insert into customer_group_timeline (customer_id, group_id, valid_from, from_index)"
                    + " values (?, ?, ?, ?)", customerId, groupId, at.time(), at.index());
            recordGroups(run, at, "group_id = ?", groupId);
        }
        run.execute();
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
        RoundTrips.Run run = roundTrips.run();
        if (groupLive) {
            recountCustomers(run, groupId);
        }
        if (left > 0) {
            TimelinePosition at = TimelinePosition.of(message);
            closeMemberships(run, at, "customer_id = ? and group_id = ?", customerId, groupId);
            if (groupLive) {
                recordGroups(run, at, "group_id = ?", groupId);
            }
        }
        run.execute();
    }

    /** Empties both tables before a replay, so that the replay rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from customer_group_view");
        jdbc.update("delete from group_view");
        jdbc.update("delete from customer_group_timeline");
        jdbc.update("delete from group_timeline");
    }

    /**
     * Makes {@code group_timeline} follow {@code group_view} for the groups that {@code condition} selects: their
     * current timeline rows end at {@code at}, and copies of their view rows (none for a deleted group) begin
     * there. Added to a run after the statements that change the view; the condition must select the same groups
     * in the current timeline rows as in the view, which holds for conditions on columns the change left alone
     * (the id, the parent when only names changed).
     *
     * @param condition an SQL condition on the columns both tables share, with {@code ?} placeholders
     * @return the run
     */
    private static RoundTrips.Run recordGroups(RoundTrips.Run run, TimelinePosition at, String condition,
                                               Object... args) {
        run.update("update group_timeline set valid_to = ?, to_index = ? where to_index is null and " + condition,
                prepend(args, at.time(), at.index()));
        return openGroups(run, at, condition, args);
    }

    /** Begins at {@code at} copies of the view rows that {@code condition} selects, as {@link #recordGroups} does. */
    private static RoundTrips.Run openGroups(RoundTrips.Run run, TimelinePosition at, String condition,
                                             Object... args) {
        return run.update("insert into group_timeline (group_id, name, parent_id, parent_name, customers_count,"
                + " version, valid_from, from_index) select group_id, name, parent_id, parent_name, customers_count,"
                + " version, ?, ? from group_view where " + condition, prepend(args, at.time(), at.index()));
    }

    /** Ends at {@code at} the current membership rows of {@code customer_group_timeline} that match. */
    private static void closeMemberships(RoundTrips.Run run, TimelinePosition at, String condition,
                                         Object... args) {
        run.update("update customer_group_timeline set valid_to = ?, to_index = ? where to_index is null and "
                + condition, prepend(args, at.time(), at.index()));
    }

    private static Object[] prepend(Object[] args, Object... first) {
        Object[] all = new Object[first.length + args.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(args, 0, all, first.length, args.length);
        return all;
    }

    /**
     * Adds to the run the read of a changed group's row, in this transaction after its change, when the command's
     * sender collects rows ({@link WrittenGroups}); nothing otherwise (a replay, a cascade of another command).
     *
     * @return the read's place in the run, or -1 when nothing was added
     */
    private static int readForSender(RoundTrips.Run run, UUID groupId) {
        if (!WrittenGroups.collecting()) {
            return -1;
        }
        int place = run.size();
        run.query(GroupRows.CURRENT, GroupRows::map, groupId);
        return place;
    }

    /** Hands the row that {@link #readForSender} read, if it added a read, to the command's sender. */
    private static void handToSender(RoundTrips.Results results, int read) {
        if (read >= 0) {
            results.<GroupSummary>rows(read).forEach(WrittenGroups::record);
        }
    }

    /**
     * Adds to the run, for a group created or moved under {@code parentId}, the lock of the parent's row; nothing
     * for a root. A rename of the parent in a concurrent transaction either committed before (and the statements
     * after the lock, each with a snapshot of its own, read the new name through {@link #PARENT_NAME}) or waits for
     * this one (and then rewrites this child's {@code parent_name} too). Without the lock a child could keep the
     * parent's old name.
     */
    private static void lockParent(RoundTrips.Run run, UUID parentId) {
        if (parentId != null) {
            run.query("select name from group_view where group_id = ? for update", (rs, row) -> rs.getString(1),
                    parentId);
        }
    }

    /**
     * @param results a run whose first statement was {@link #lockParent}'s
     * @return the parent's name
     * @throws IllegalStateException when the parent has no row (the rest of the run is then rolled back)
     */
    private static String lockedParentName(RoundTrips.Results results, GroupId parentId) {
        List<String> names = results.rows(0);
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

    private static RoundTrips.Run recountCustomers(RoundTrips.Run run, UUID groupId) {
        return run.update("update group_view set customers_count ="
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
