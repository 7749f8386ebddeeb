package org.orggroups.query.report;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.query.SqlWhere;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The group reports: {@code report_group} (one row per live group with its counts), kept from the closure of the
 * tree ({@code report_closure}), the direct memberships ({@code report_member}) and, per group and customer of
 * its subtree, the number of the subtree's groups the customer is in ({@code report_subtree_member}); plus
 * {@code report_membership_history}, each group's counts at the end of every UTC day on which they changed.
 *
 * <p>Every count follows from those rows: a subtree's distinct customers change by exactly the number of
 * multiplicity rows that appear or disappear in the same handler, and the number of descendants by exactly the
 * number of closure rows; a direct count is recounted. So counts stay exact through moves of whole subtrees,
 * customers in several groups of one subtree, and cascaded deletes, and a replay gives the same rows.
 *
 * <p>Runs in a pooled streaming processor with one sequence (the handlers of one event read rows that other
 * aggregates' events wrote, so events must be handled in their global order). A subtree delete sends
 * {@link GroupDeleted} deepest first and then the members' {@link CustomerLeftGroup}s: a group's delete takes
 * its members' contribution out of its ancestors, and a later leave of a deleted group finds no membership and
 * does nothing. Handlers throw {@link IllegalStateException} when an event names a group without a row: the
 * processor then stops and retries, visibly, instead of letting the report drift.
 *
 * <p>The processor hands events over in batches, one transaction each, and a batch of a deep tree touches the
 * same ancestor rows again and again (each creation in a chain of 2,000 adds one descendant to every ancestor).
 * Updating one row hundreds of times in one PostgreSQL transaction leaves a chain of row versions that every
 * further update and index probe walks, so the cost of a batch grew with its square and a 2,000-deep chain
 * stalled the processor. So, per batch ({@link Pending}): descendant counts, which no handler reads, are summed
 * in memory and written once per group at prepare-commit; a history row is written again only when its group's
 * counts may have changed since the batch wrote it; and moves and deletes of subtrees without customers skip the
 * customer statements. Every statement that names a set of groups selects it from the closure or guards against
 * an empty list, since {@code in ()} is not SQL.
 */
@Component
@ProcessingGroup(GroupReportProjection.PROCESSING_GROUP)
public class GroupReportProjection {

    /** Name of the processing group and of its processor. */
    public static final String PROCESSING_GROUP = "group-report";

    private final JdbcTemplate jdbc;

    /** @param jdbc access to the report tables */
    public GroupReportProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the group's row and its closure rows; every ancestor gains one descendant.
     *
     * @param event the creation
     * @throws IllegalStateException when the parent has no row
     */
    @EventHandler
    public void on(GroupCreated event) {
        UUID groupId = event.groupId().uuid();
        UUID parentId = event.parentId() == null ? null : event.parentId().uuid();
        if (parentId == null) {
            jdbc.update("insert into report_group (group_id, name, parent_id, depth, customers_count,"
                    + " subtree_customers_count, descendants_count) values (?, ?, null, 0, 0, 0, 0)",
                    groupId, event.name());
        } else {
            // The depth is the parent's plus one, read by the insert itself: no row inserted means no parent row.
            requireRow(jdbc.update("insert into report_group (group_id, name, parent_id, depth, customers_count,"
                    + " subtree_customers_count, descendants_count)"
                    + " select cast(? as uuid), ?, group_id, depth + 1, 0, 0, 0 from report_group where group_id = ?",
                    groupId, event.name(), parentId), event.parentId());
        }
        // The group's own closure row, and one from each of the parent's ancestors (none for a root).
        jdbc.update("insert into report_closure (ancestor_id, descendant_id, depth)"
                + " select cast(? as uuid), cast(? as uuid), 0 union all"
                + " select ancestor_id, cast(? as uuid), depth + 1 from report_closure where descendant_id = ?",
                groupId, groupId, groupId, parentId);
        if (parentId != null) {
            pending().addDescendants(jdbc.queryForList("select ancestor_id from report_closure"
                    + " where descendant_id = ?", UUID.class, parentId), 1);
        }
    }

    /**
     * Renames the group; paths are read through the closure, so no other row changes.
     *
     * @param event the rename
     * @throws IllegalStateException when the group has no row
     */
    @EventHandler
    public void on(GroupRenamed event) {
        requireRow(jdbc.update("update report_group set name = ? where group_id = ?",
                event.name(), event.groupId().uuid()), event.groupId());
    }

    /**
     * Moves the group's whole subtree: takes it and its members out of the old ancestors, puts them into the
     * new ones, and shifts the subtree's depths.
     *
     * @param event     the move
     * @param timestamp when it happened: the day the changed counts are recorded under
     * @throws IllegalStateException when the group or its new parent has no row
     */
    @EventHandler
    public void on(GroupReparented event, @Timestamp Instant timestamp) {
        UUID groupId = event.groupId().uuid();
        int oldDepth = depthOf(groupId);
        boolean customers = hasCustomers(groupId);
        List<UUID> oldAncestors = detach(groupId, customers, true);
        int newDepth = 0;
        List<UUID> newAncestors = List.of();
        if (event.parentId() != null) {
            UUID parentId = event.parentId().uuid();
            newDepth = depthOf(parentId) + 1;
            newAncestors = attach(groupId, parentId, customers);
        }
        jdbc.update("update report_group set depth = depth + ? where group_id in"
                + " (select descendant_id from report_closure where ancestor_id = ?)", newDepth - oldDepth, groupId);
        jdbc.update("update report_group set parent_id = ? where group_id = ?",
                event.parentId() == null ? null : event.parentId().uuid(), groupId);
        Collection<UUID> changed = new LinkedHashSet<>(oldAncestors);
        changed.addAll(newAncestors);
        recordHistory(changed, timestamp, customers);
    }

    /**
     * Removes the group (and, should any be left, its descendants) with its memberships, after taking their
     * contribution out of its ancestors.
     *
     * @param event     the deletion
     * @param timestamp when it happened: the day the ancestors' changed counts are recorded under
     */
    @EventHandler
    public void on(GroupDeleted event, @Timestamp Instant timestamp) {
        UUID groupId = event.groupId().uuid();
        if (jdbc.queryForObject("select count(*) from report_group where group_id = ?", Long.class, groupId) == 0) {
            return;
        }
        boolean customers = hasCustomers(groupId);
        // The closure rows that link the subtree to its ancestors go with all of the subtree's rows below.
        List<UUID> ancestors = detach(groupId, customers, false);
        List<UUID> subtree = jdbc.queryForList(
                "select descendant_id from report_closure where ancestor_id = ?", UUID.class, groupId);
        if (subtree.isEmpty()) {
            // No closure rows (they are written with the group's row, so only an inconsistent table lacks them):
            // the group's own rows still go.
            subtree = List.of(groupId);
        }
        String in = " in (" + SqlWhere.placeholders(subtree.size()) + ")";
        Object[] ids = subtree.toArray();
        if (customers) {
            jdbc.update("delete from report_subtree_member where ancestor_id" + in, ids);
            jdbc.update("delete from report_member where group_id" + in, ids);
        }
        jdbc.update("delete from report_membership_history where group_id" + in, ids);
        jdbc.update("delete from report_closure where descendant_id" + in, ids);
        jdbc.update("delete from report_group where group_id" + in, ids);
        pending().forget(subtree);
        recordHistory(ancestors, timestamp, customers);
    }

    /**
     * Adds the membership, once however often it is told, and counts the customer in the group and in every
     * ancestor whose subtree did not have it yet.
     *
     * @param event     the join
     * @param timestamp when it happened: the day the changed counts are recorded under
     * @throws IllegalStateException when the group has no row: customers only join live groups
     */
    @EventHandler
    public void on(CustomerJoinedGroup event, @Timestamp Instant timestamp) {
        UUID groupId = event.groupId().uuid();
        UUID customerId = event.customerId().uuid();
        depthOf(groupId);
        int added = jdbc.update("insert into report_member (group_id, customer_id) select group_id, ?"
                + " from report_group g where g.group_id = ? and not exists"
                + " (select 1 from report_member m where m.group_id = ? and m.customer_id = ?)",
                customerId, groupId, groupId, customerId);
        if (added == 0) {
            return;
        }
        jdbc.update("update report_group set subtree_customers_count = subtree_customers_count + 1"
                + " where group_id in (select c.ancestor_id from report_closure c where c.descendant_id = ?"
                + " and not exists (select 1 from report_subtree_member s"
                + " where s.ancestor_id = c.ancestor_id and s.customer_id = ?))", groupId, customerId);
        // Existing rows first, so that the rows inserted next are not incremented as well.
        jdbc.update("update report_subtree_member set multiplicity = multiplicity + 1 where customer_id = ?"
                + " and ancestor_id in (select ancestor_id from report_closure where descendant_id = ?)",
                customerId, groupId);
        jdbc.update("insert into report_subtree_member (ancestor_id, customer_id, multiplicity)"
                + " select c.ancestor_id, m.customer_id, 1 from report_closure c, report_member m"
                + " where c.descendant_id = ? and m.group_id = ? and m.customer_id = ? and not exists"
                + " (select 1 from report_subtree_member s where s.ancestor_id = c.ancestor_id"
                + " and s.customer_id = m.customer_id)", groupId, groupId, customerId);
        recountDirectCustomers(groupId);
        recordHistory(ancestorsOf(groupId, true), timestamp, true);
    }

    /**
     * Ends the membership, if there is one: a group deleted before has no memberships left, and the leaves
     * that follow its delete do nothing.
     *
     * @param event     the leave
     * @param timestamp when it happened: the day the changed counts are recorded under
     */
    @EventHandler
    public void on(CustomerLeftGroup event, @Timestamp Instant timestamp) {
        UUID groupId = event.groupId().uuid();
        UUID customerId = event.customerId().uuid();
        if (jdbc.update("delete from report_member where group_id = ? and customer_id = ?", groupId, customerId)
                == 0) {
            return;
        }
        jdbc.update("update report_group set subtree_customers_count = subtree_customers_count - 1"
                + " where group_id in (select s.ancestor_id from report_subtree_member s where s.customer_id = ?"
                + " and s.multiplicity = 1 and s.ancestor_id in"
                + " (select c.ancestor_id from report_closure c where c.descendant_id = ?))", customerId, groupId);
        jdbc.update("delete from report_subtree_member where customer_id = ? and multiplicity = 1"
                + " and ancestor_id in (select ancestor_id from report_closure where descendant_id = ?)",
                customerId, groupId);
        jdbc.update("update report_subtree_member set multiplicity = multiplicity - 1 where customer_id = ?"
                + " and ancestor_id in (select ancestor_id from report_closure where descendant_id = ?)",
                customerId, groupId);
        recountDirectCustomers(groupId);
        recordHistory(ancestorsOf(groupId, true), timestamp, true);
    }

    /** Empties every report table before a replay, which rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        for (String table : List.of("report_membership_history", "report_subtree_member", "report_member",
                "report_closure", "report_group")) {
            jdbc.update("delete from " + table);
        }
    }

    /**
     * Cuts the group's subtree off its strict ancestors: each loses the subtree's groups as descendants and,
     * for each customer, the subtree's multiplicity of it; a customer whose multiplicity drops to zero leaves
     * the ancestor's distinct count. The multiplicity of a customer at the subtree's root is exactly the number
     * of the subtree's groups it is in, so nothing needs to walk the subtree's memberships.
     *
     * @param customers    whether the subtree has members (without, the customer rows and counts stay as they are)
     * @param closureLinks whether to delete the closure rows from the ancestors into the subtree (a delete removes
     *                     all of the subtree's closure rows itself)
     * @return the strict ancestors it was cut from, nearest first
     */
    private List<UUID> detach(UUID groupId, boolean customers, boolean closureLinks) {
        List<UUID> ancestors = ancestorsOf(groupId, false);
        if (ancestors.isEmpty()) {
            return ancestors;
        }
        pending().addDescendants(ancestors, -subtreeSize(groupId));
        String in = " in (" + SqlWhere.placeholders(ancestors.size()) + ")";
        if (customers) {
            jdbc.update("update report_group g set subtree_customers_count = g.subtree_customers_count - (select"
                    + " count(*) from report_subtree_member s join report_subtree_member t"
                    + " on t.customer_id = s.customer_id where s.ancestor_id = ? and t.ancestor_id = g.group_id"
                    + " and t.multiplicity = s.multiplicity) where g.group_id" + in,
                    args(List.of(groupId), ancestors));
            jdbc.update("delete from report_subtree_member t where t.ancestor_id" + in + " and exists (select 1"
                    + " from report_subtree_member s where s.ancestor_id = ? and s.customer_id = t.customer_id"
                    + " and s.multiplicity = t.multiplicity)", args(ancestors, List.of(groupId)));
            jdbc.update("update report_subtree_member t set multiplicity = t.multiplicity - (select"
                    + " s.multiplicity from report_subtree_member s where s.ancestor_id = ?"
                    + " and s.customer_id = t.customer_id) where t.ancestor_id" + in + " and t.customer_id in"
                    + " (select s.customer_id from report_subtree_member s where s.ancestor_id = ?)",
                    args(List.of(groupId), ancestors, List.of(groupId)));
        }
        if (closureLinks) {
            jdbc.update("delete from report_closure where ancestor_id" + in + " and descendant_id in"
                    + " (select d.descendant_id from report_closure d where d.ancestor_id = ?)",
                    args(ancestors, List.of(groupId)));
        }
        return ancestors;
    }

    /**
     * Hangs the group's subtree under a parent: the parent and its ancestors gain the subtree's groups as
     * descendants and its customers' multiplicities; a customer new to an ancestor's subtree joins its count.
     *
     * @param customers whether the subtree has members (without, the customer rows and counts stay as they are)
     * @return the new strict ancestors of the group, nearest first
     * @throws IllegalStateException when the parent has no closure rows
     */
    private List<UUID> attach(UUID groupId, UUID parentId, boolean customers) {
        List<UUID> ancestors = ancestorsOf(parentId, true);
        if (ancestors.isEmpty()) {
            throw new IllegalStateException("report_closure has no row for group " + parentId);
        }
        pending().addDescendants(ancestors, subtreeSize(groupId));
        if (customers) {
            String in = " in (" + SqlWhere.placeholders(ancestors.size()) + ")";
            jdbc.update("update report_group g set subtree_customers_count = g.subtree_customers_count + (select"
                    + " count(*) from report_subtree_member s where s.ancestor_id = ? and not exists (select 1"
                    + " from report_subtree_member t where t.ancestor_id = g.group_id"
                    + " and t.customer_id = s.customer_id)) where g.group_id" + in,
                    args(List.of(groupId), ancestors));
            jdbc.update("update report_subtree_member t set multiplicity = t.multiplicity + (select"
                    + " s.multiplicity from report_subtree_member s where s.ancestor_id = ?"
                    + " and s.customer_id = t.customer_id) where t.ancestor_id" + in + " and t.customer_id in"
                    + " (select s.customer_id from report_subtree_member s where s.ancestor_id = ?)",
                    args(List.of(groupId), ancestors, List.of(groupId)));
            jdbc.update("insert into report_subtree_member (ancestor_id, customer_id, multiplicity)"
                    + " select c.ancestor_id, s.customer_id, s.multiplicity"
                    + " from report_closure c, report_subtree_member s where c.descendant_id = ?"
                    + " and s.ancestor_id = ? and not exists (select 1 from report_subtree_member t"
                    + " where t.ancestor_id = c.ancestor_id and t.customer_id = s.customer_id)", parentId, groupId);
        }
        jdbc.update("insert into report_closure (ancestor_id, descendant_id, depth)"
                + " select a.ancestor_id, d.descendant_id, a.depth + d.depth + 1"
                + " from report_closure a, report_closure d where a.descendant_id = ? and d.ancestor_id = ?",
                parentId, groupId);
        return ancestors;
    }

    /**
     * Records the groups' current counts as their counts at the end of the event's day (a later change on the
     * same day overwrites them).
     *
     * @param countsChanged whether the event may have changed these groups' counts; when not, a group whose row
     *                      for the day this batch already wrote keeps it, as it holds these very counts
     */
    private void recordHistory(Collection<UUID> groupIds, Instant timestamp, boolean countsChanged) {
        LocalDate day = LocalDate.ofInstant(timestamp, ZoneOffset.UTC);
        List<UUID> stale = pending().toRecord(groupIds, day, countsChanged);
        if (stale.isEmpty()) {
            return;
        }
        String in = " in (" + SqlWhere.placeholders(stale.size()) + ")";
        List<Object> args = new ArrayList<>();
        args.add(day);
        args.addAll(stale);
        jdbc.update("merge into report_membership_history h using (select group_id, cast(? as date) as_of,"
                + " customers_count, subtree_customers_count from report_group where group_id" + in + ") g"
                + " on (h.group_id = g.group_id and h.as_of = g.as_of)"
                + " when matched then update set customers_count = g.customers_count,"
                + " subtree_customers_count = g.subtree_customers_count"
                + " when not matched then insert (group_id, as_of, customers_count, subtree_customers_count)"
                + " values (g.group_id, g.as_of, g.customers_count, g.subtree_customers_count)", args.toArray());
    }

    /** @return whether any customer is a member of a group in the group's subtree */
    private boolean hasCustomers(UUID groupId) {
        return !jdbc.queryForList("select customer_id from report_subtree_member where ancestor_id = ?"
                + " fetch first 1 rows only", UUID.class, groupId).isEmpty();
    }

    private void recountDirectCustomers(UUID groupId) {
        jdbc.update("update report_group set customers_count ="
                + " (select count(*) from report_member m where m.group_id = ?) where group_id = ?",
                groupId, groupId);
    }

    /** @return the group's ancestors, nearest first; with the group itself first when {@code inclusive} */
    private List<UUID> ancestorsOf(UUID groupId, boolean inclusive) {
        return jdbc.queryForList("select ancestor_id from report_closure where descendant_id = ?"
                + (inclusive ? "" : " and depth > 0") + " order by depth", UUID.class, groupId);
    }

    private long subtreeSize(UUID groupId) {
        return jdbc.queryForObject("select count(*) from report_closure where ancestor_id = ?", Long.class, groupId);
    }

    private int depthOf(UUID groupId) {
        List<Integer> depth = jdbc.queryForList("select depth from report_group where group_id = ?",
                Integer.class, groupId);
        if (depth.isEmpty()) {
            throw new IllegalStateException("report_group has no row for group " + groupId);
        }
        return depth.get(0);
    }

    /**
     * The current batch's {@link Pending} state, written at its prepare-commit; outside a unit of work (a direct
     * call) one that writes at once.
     */
    private Pending pending() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Pending(jdbc, true);
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending(jdbc, false);
            unitOfWork.onPrepareCommit(u -> pending.flush());
            return pending;
        });
    }

    private static final String PENDING = GroupReportProjection.class.getName() + ".pending";

    /**
     * What one batch keeps in memory: the change of each group's {@code descendants_count} (no handler reads that
     * column, so summing first and writing once gives the same row), and for each group the day whose history
     * row this batch last wrote, valid until the group's counts change (every handler that changes counts records
     * the groups it changed, with {@code countsChanged}).
     */
    private static final class Pending {
        private final JdbcTemplate jdbc;
        private final boolean immediate;
        private final Map<UUID, Long> descendants = new HashMap<>();
        private final Map<UUID, LocalDate> recorded = new HashMap<>();

        Pending(JdbcTemplate jdbc, boolean immediate) {
            this.jdbc = jdbc;
            this.immediate = immediate;
        }

        void addDescendants(Collection<UUID> groupIds, long delta) {
            for (UUID groupId : groupIds) {
                descendants.merge(groupId, delta, Long::sum);
            }
            if (immediate) {
                flush();
            }
        }

        /** @return the groups whose history row for the day must be written, remembered as written */
        List<UUID> toRecord(Collection<UUID> groupIds, LocalDate day, boolean countsChanged) {
            List<UUID> stale = new ArrayList<>(groupIds.size());
            for (UUID groupId : groupIds) {
                if (countsChanged || !day.equals(recorded.get(groupId))) {
                    stale.add(groupId);
                }
                recorded.put(groupId, day);
            }
            return stale;
        }

        /** Drops what is kept of deleted groups: their rows are gone. */
        void forget(Collection<UUID> groupIds) {
            for (UUID groupId : groupIds) {
                descendants.remove(groupId);
                recorded.remove(groupId);
            }
        }

        void flush() {
            List<Object[]> updates = new ArrayList<>(descendants.size());
            descendants.entrySet().stream()
                    .filter(e -> e.getValue() != 0)
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> updates.add(new Object[] {e.getValue(), e.getKey()}));
            descendants.clear();
            if (!updates.isEmpty()) {
                jdbc.batchUpdate("update report_group set descendants_count = descendants_count + ?"
                        + " where group_id = ?", updates);
            }
        }
    }

    private static void requireRow(int updated, GroupId groupId) {
        if (updated != 1) {
            throw new IllegalStateException("report_group has no row for group " + groupId);
        }
    }

    private static Object[] args(List<?>... parts) {
        List<Object> all = new ArrayList<>();
        for (List<?> part : parts) {
            all.addAll(part);
        }
        return all.toArray();
    }
}
