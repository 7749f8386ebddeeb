package org.orggroups.query.offering;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.orggroups.api.PendingRun;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingAccessOpened;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanAccessRestricted;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The offering read model (API.md 12.10): one {@code offering_view} row per live offering and one
 * {@code plan_view} row per plan of a live offering, keyed by their ids; the live groups of their restrictions in
 * {@code offering_group_view} and {@code plan_group_view}; and in {@code plan_stream} every plan ever created with
 * the offering whose stream holds it, kept after deletes.
 *
 * <p>{@code version} is the event's sequence number in the offering's stream: for an offering its stream's last
 * event (a plan's change is one too), for a plan the last event that changed it.
 *
 * <p>Deleting a group drops it from every restriction but leaves {@code restricted} as it was, so a resource
 * whose last group goes is closed, never opened (contract 2.8). Nothing else ends a restriction than an explicit
 * {@link OfferingAccessOpened} or {@link PlanAccessOpened}.
 *
 * <p>Meant to run in a subscribing processor, in the transaction that stores the events, with errors propagated
 * (DESIGN.md section 5). A change to an offering or plan without a row throws {@link IllegalStateException}, which
 * fails the write instead of letting the view drift. {@link OfferingViewBulkRebuild} computes the same rows.
 */
@Component
@ProcessingGroup(OfferingViewProjection.PROCESSING_GROUP)
public class OfferingViewProjection {

    /** Name of the processing group, for the processor configuration. */
    public static final String PROCESSING_GROUP = "offering-view";

    /** Keeps {@code in (...)} lists well below every driver's limit on bind parameters. */
    private static final int MAX_IN_LIST = 500;

    private final JdbcTemplate jdbc;
    private final PendingRun<UUID> deletedGroups = new PendingRun<>("offering-view.deleted-groups", this::dropGroups);

    /** @param jdbc access to the offering and plan views */
    public OfferingViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Adds the offering's row and the groups of its restriction (restricted from birth when there are any).
     *
     * @param event   the creation
     * @param version the event's sequence number: the offering's first version
     */
    @EventHandler
    public void on(OfferingCreated event, @SequenceNumber long version) {
        UUID offeringId = event.offeringId().uuid();
        jdbc.update("insert into offering_view (offering_id, name, provider_id, shared, restricted,"
                        + " include_descendant_groups, version) values (?, ?, ?, ?, ?, ?, ?)",
                offeringId, event.name(), event.providerId().uuid(), event.shared(), !event.groupIds().isEmpty(),
                event.includeDescendantGroups(), version);
        insertGroups("offering_group_view", "offering_id", offeringId, event.groupIds());
    }

    /**
     * Replaces the offering's restriction.
     *
     * @param event   the new set and flag
     * @param version the event's sequence number
     * @throws IllegalStateException when the offering has no row
     */
    @EventHandler
    public void on(OfferingAccessRestricted event, @SequenceNumber long version) {
        UUID offeringId = event.offeringId().uuid();
        requireOfferingRow(jdbc.update("update offering_view set restricted = true, include_descendant_groups = ?,"
                + " version = ? where offering_id = ?", event.includeDescendantGroups(), version, offeringId),
                event.offeringId());
        jdbc.update("delete from offering_group_view where offering_id = ?", offeringId);
        insertGroups("offering_group_view", "offering_id", offeringId, event.groupIds());
    }

    /**
     * Opens the offering: no restriction, no groups, the descendant flag back to {@code false}.
     *
     * @param event   the opening
     * @param version the event's sequence number
     * @throws IllegalStateException when the offering has no row
     */
    @EventHandler
    public void on(OfferingAccessOpened event, @SequenceNumber long version) {
        UUID offeringId = event.offeringId().uuid();
        requireOfferingRow(jdbc.update("update offering_view set restricted = false, include_descendant_groups = false,"
                + " version = ? where offering_id = ?", version, offeringId), event.offeringId());
        jdbc.update("delete from offering_group_view where offering_id = ?", offeringId);
    }

    /**
     * Adds the plan's row, its groups and its {@code plan_stream} row; the offering's version moves on.
     *
     * @param event   the plan's creation
     * @param version the event's sequence number in the offering's stream
     * @throws IllegalStateException when the offering has no row
     */
    @EventHandler
    public void on(PlanCreated event, @SequenceNumber long version) {
        touchOffering(event.offeringId(), version);
        UUID planId = event.planId().uuid();
        jdbc.update("insert into plan_view (plan_id, offering_id, name, restricted, include_descendant_groups, version)"
                        + " values (?, ?, ?, ?, ?, ?)",
                planId, event.offeringId().uuid(), event.name(), !event.groupIds().isEmpty(),
                event.includeDescendantGroups(), version);
        insertGroups("plan_group_view", "plan_id", planId, event.groupIds());
        jdbc.update("insert into plan_stream (plan_id, offering_id) values (?, ?)", planId, event.offeringId().uuid());
    }

    /**
     * Replaces the plan's restriction; the offering's version moves on.
     *
     * @param event   the new set and flag
     * @param version the event's sequence number in the offering's stream
     * @throws IllegalStateException when the offering or the plan has no row
     */
    @EventHandler
    public void on(PlanAccessRestricted event, @SequenceNumber long version) {
        touchOffering(event.offeringId(), version);
        UUID planId = event.planId().uuid();
        requirePlanRow(jdbc.update("update plan_view set restricted = true, include_descendant_groups = ?,"
                + " version = ? where plan_id = ?", event.includeDescendantGroups(), version, planId), event.planId());
        jdbc.update("delete from plan_group_view where plan_id = ?", planId);
        insertGroups("plan_group_view", "plan_id", planId, event.groupIds());
    }

    /**
     * Opens the plan; the offering's version moves on.
     *
     * @param event   the opening
     * @param version the event's sequence number in the offering's stream
     * @throws IllegalStateException when the offering or the plan has no row
     */
    @EventHandler
    public void on(PlanAccessOpened event, @SequenceNumber long version) {
        touchOffering(event.offeringId(), version);
        UUID planId = event.planId().uuid();
        requirePlanRow(jdbc.update("update plan_view set restricted = false, include_descendant_groups = false,"
                + " version = ? where plan_id = ?", version, planId), event.planId());
        jdbc.update("delete from plan_group_view where plan_id = ?", planId);
    }

    /**
     * Removes the offering, its plans and their groups; {@code plan_stream} keeps the plans, for their history.
     * Nothing for an offering without a row.
     *
     * @param event the deletion, caused by the provider's
     */
    @EventHandler
    public void on(OfferingDeleted event) {
        UUID offeringId = event.offeringId().uuid();
        jdbc.update("delete from plan_group_view where plan_id in"
                + " (select plan_id from plan_view where offering_id = ?)", offeringId);
        jdbc.update("delete from plan_view where offering_id = ?", offeringId);
        jdbc.update("delete from offering_group_view where offering_id = ?", offeringId);
        jdbc.update("delete from offering_view where offering_id = ?", offeringId);
    }

    /**
     * Drops the group from every restriction. {@code restricted} stays as it was (contract 2.8), and no version
     * moves: no offering event was written.
     *
     * @param event a group's deletion (each group of a deleted subtree has its own); consecutive ones are applied
     *              together, one statement per table and chunk of groups, before any other event is handled
     *              ({@link PendingRun})
     */
    @EventHandler
    public void on(GroupDeleted event) {
        deletedGroups.add(event.groupId().uuid());
    }

    /**
     * Applies the group deletes kept so far before an event of any other kind is handled.
     *
     * @param event the event about to be handled
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public void applyPendingDeletes(EventMessage<?> event) {
        if (!(event.getPayload() instanceof GroupDeleted)) {
            deletedGroups.flush();
        }
    }

    private void dropGroups(List<UUID> groupIds) {
        for (int from = 0; from < groupIds.size(); from += MAX_IN_LIST) {
            List<UUID> chunk = groupIds.subList(from, Math.min(groupIds.size(), from + MAX_IN_LIST));
            String in = " where group_id in (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            jdbc.update("delete from offering_group_view" + in, chunk.toArray());
            jdbc.update("delete from plan_group_view" + in, chunk.toArray());
        }
    }

    /** Empties every table before a replay, so that the replay rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from plan_group_view");
        jdbc.update("delete from plan_view");
        jdbc.update("delete from offering_group_view");
        jdbc.update("delete from offering_view");
        jdbc.update("delete from plan_stream");
    }

    private void insertGroups(String table, String key, UUID id, List<GroupId> groupIds) {
        if (!groupIds.isEmpty()) {
            jdbc.batchUpdate("insert into " + table + " (" + key + ", group_id) values (?, ?)",
                    groupIds.stream().map(g -> new Object[] {id, g.uuid()}).toList());
        }
    }

    /** A plan event is the offering stream's latest event too. */
    private void touchOffering(OfferingId offeringId, long version) {
        requireOfferingRow(jdbc.update("update offering_view set version = ? where offering_id = ?",
                version, offeringId.uuid()), offeringId);
    }

    /** @throws IllegalStateException with {@link #noOfferingRow}'s message unless one row was updated */
    private static void requireOfferingRow(int updated, OfferingId offeringId) {
        if (updated != 1) {
            throw new IllegalStateException(noOfferingRow(offeringId));
        }
    }

    private static void requirePlanRow(int updated, PlanId planId) {
        if (updated != 1) {
            throw new IllegalStateException(noPlanRow(planId));
        }
    }

    /** @return the message of a change to an offering without a row, the same in {@link OfferingViewBulkRebuild} */
    static String noOfferingRow(OfferingId offeringId) {
        return "offering_view has no row for offering " + offeringId;
    }

    /** @return the message of a change to a plan without a row, the same in {@link OfferingViewBulkRebuild} */
    static String noPlanRow(PlanId planId) {
        return "plan_view has no row for plan " + planId;
    }
}
