package org.orggroups.command.tree;

import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.orggroups.api.PendingRun;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code group_tree}, {@code group_member} and {@code provider_offering}, the tables behind
 * {@link JdbcGroupTree}, from the events.
 * <p>
 * Processing group {@value #PROCESSING_GROUP}: it must run as a subscribing processor, in the transaction of
 * the command that applied the events, so that the next command sees them (DESIGN.md section 4). Deleted
 * groups keep their row, marked deleted: a uuid is never reused and a create under it must be refused.
 * Every handler gives the same rows when the events are replayed into empty tables or applied twice.
 */
@Component
@ProcessingGroup(GroupTreeProjection.PROCESSING_GROUP)
public class GroupTreeProjection {

    /** Name of the processing group, for the application's processor configuration. */
    public static final String PROCESSING_GROUP = "group-tree";

    /** Keeps {@code in (...)} lists well below every driver's limit on bind parameters. */
    private static final int MAX_IN_LIST = 500;

    private final JdbcTemplate jdbc;
    private final PendingRun<UUID> deletes = new PendingRun<>("group-tree.deletes", this::markDeleted);

    /** @param jdbc the template on the service's database */
    public GroupTreeProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @param event a new group: a live row under its parent */
    @EventHandler
    public void on(GroupCreated event) {
        // An upsert in one statement that PostgreSQL and H2 both take (H2 has no "on conflict"), so that the event
        // applied twice leaves the same row; a failed plain insert would abort the whole transaction on PostgreSQL.
        jdbc.update("merge into group_tree t using (select cast(? as uuid) as group_id, cast(? as uuid) as parent_id) v"
                        + " on (t.group_id = v.group_id)"
                        + " when matched then update set parent_id = v.parent_id, deleted = false"
                        + " when not matched then insert (group_id, parent_id, deleted) values (v.group_id, v.parent_id, false)",
                event.groupId().uuid(), uuid(event.parentId()));
    }

    /** @param event a move: the row gets the new parent */
    @EventHandler
    public void on(GroupReparented event) {
        jdbc.update("update group_tree set parent_id = ? where group_id = ?",
                uuid(event.parentId()), event.groupId().uuid());
    }

    /**
     * @param event a delete: the row stays, marked deleted. Consecutive deletes (a subtree's) are marked together,
     *              one statement per chunk of groups, before any other event is handled ({@link PendingRun})
     */
    @EventHandler
    public void on(GroupDeleted event) {
        deletes.add(event.groupId().uuid());
    }

    /**
     * Marks the deletes kept so far before an event of any other kind is handled.
     *
     * @param event the event about to be handled
     */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    public void applyPendingDeletes(EventMessage<?> event) {
        if (!(event.getPayload() instanceof GroupDeleted)) {
            deletes.flush();
        }
    }

    private void markDeleted(List<UUID> groupIds) {
        for (int from = 0; from < groupIds.size(); from += MAX_IN_LIST) {
            List<UUID> chunk = groupIds.subList(from, Math.min(groupIds.size(), from + MAX_IN_LIST));
            jdbc.update("update group_tree set deleted = true where group_id in ("
                    + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")", chunk.toArray());
        }
    }

    /** @param event a join: a member row, unless it is there already */
    @EventHandler
    public void on(CustomerJoinedGroup event) {
        Integer present = jdbc.queryForObject(
                "select count(*) from group_member where group_id = ? and customer_id = ?", Integer.class,
                event.groupId().uuid(), event.customerId().uuid());
        if (present == null || present == 0) {
            jdbc.update("insert into group_member (group_id, customer_id) values (?, ?)",
                    event.groupId().uuid(), event.customerId().uuid());
        }
    }

    /** @param event a leave: the member row goes */
    @EventHandler
    public void on(CustomerLeftGroup event) {
        jdbc.update("delete from group_member where group_id = ? and customer_id = ?",
                event.groupId().uuid(), event.customerId().uuid());
    }

    /** @param event a new offering: a row under its provider, whose delete will delete it */
    @EventHandler
    public void on(OfferingCreated event) {
        // An upsert, as for GroupCreated, so that the event applied twice leaves the same row.
        jdbc.update("merge into provider_offering t"
                        + " using (select cast(? as uuid) as offering_id, cast(? as uuid) as provider_id) v"
                        + " on (t.offering_id = v.offering_id)"
                        + " when matched then update set provider_id = v.provider_id"
                        + " when not matched then insert (offering_id, provider_id) values (v.offering_id, v.provider_id)",
                event.offeringId().uuid(), event.providerId().uuid());
    }

    /** @param event a deleted offering: its row goes, since a provider is deleted once */
    @EventHandler
    public void on(OfferingDeleted event) {
        jdbc.update("delete from provider_offering where offering_id = ?", event.offeringId().uuid());
    }

    /** Empties the tables before a replay rebuilds them from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from group_member");
        jdbc.update("delete from group_tree");
        jdbc.update("delete from provider_offering");
    }

    private static Object uuid(GroupId id) {
        return id == null ? null : id.uuid();
    }
}
