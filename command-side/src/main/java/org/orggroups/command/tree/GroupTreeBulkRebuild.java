package org.orggroups.command.tree;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.springframework.stereotype.Component;

/**
 * The bulk rebuild of {@link GroupTreeProjection}: the rows of {@code group_tree}, {@code group_member} and
 * {@code provider_offering} that its handlers write for the same events, computed in memory without touching the
 * database.
 *
 * <p>The tables only ever hold current state, so every row is handed to the sink in {@link Fold#finish()}:
 * {@code group_tree} as (group id {@link UUID}, parent id {@link UUID} or {@code null}, deleted {@link Boolean}),
 * {@code group_member} as (group id, customer id), {@code provider_offering} as (offering id, provider id). Like the handlers, the fold never fails for an event that names
 * an unknown group: a move or delete of a group without a row changes nothing, and a join is recorded whatever the
 * group.
 */
@Component
public class GroupTreeBulkRebuild implements BulkRebuild {

    /** {@code group_tree}: every group ever created, deleted ones marked. */
    public static final Table GROUP_TREE = Table.of("group_tree", "group_id", "parent_id", "deleted");
    /** {@code group_member}: the direct memberships. */
    public static final Table GROUP_MEMBER = Table.of("group_member", "group_id", "customer_id");
    /** {@code provider_offering}: the live offerings of each provider. */
    public static final Table PROVIDER_OFFERING = Table.of("provider_offering", "offering_id", "provider_id");

    /** @return {@value GroupTreeProjection#PROCESSING_GROUP}, the projection's processing group */
    @Override
    public String processingGroup() {
        return GroupTreeProjection.PROCESSING_GROUP;
    }

    /** @return the tables {@link GroupTreeProjection#reset()} empties */
    @Override
    public List<Table> tables() {
        return List.of(GROUP_TREE, GROUP_MEMBER, PROVIDER_OFFERING);
    }

    /**
     * @param sink receives every row in {@link Fold#finish()}, none before
     * @return an empty fold, as after {@link GroupTreeProjection#reset()}
     */
    @Override
    public Fold start(RowSink sink) {
        return new GroupTreeFold(sink);
    }

    /** A {@code group_tree} row. */
    private static final class Node {
        final UUID id;
        UUID parentId;
        boolean deleted;

        Node(UUID id, UUID parentId) {
            this.id = id;
            this.parentId = parentId;
        }
    }

    /**
     * A {@code group_member} row, as four longs rather than two {@link UUID} objects: a third of the memory for
     * the most numerous rows of the fold.
     */
    private record Member(long groupHigh, long groupLow, long customerHigh, long customerLow) {

        static Member of(GroupId groupId, UUID customerId) {
            UUID group = groupId.uuid();
            return new Member(group.getMostSignificantBits(), group.getLeastSignificantBits(),
                    customerId.getMostSignificantBits(), customerId.getLeastSignificantBits());
        }
    }

    private static final class GroupTreeFold implements Fold {

        private final RowSink sink;
        private final Map<UUID, Node> nodes = new HashMap<>();
        private final Set<Member> members = new HashSet<>();
        private final Map<UUID, UUID> providerOfferings = new HashMap<>();
        private boolean finished;

        GroupTreeFold(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void apply(long globalIndex, DomainEventMessage<?> event) {
            if (finished) {
                throw new IllegalStateException("the fold has finished");
            }
            Object payload = event.getPayload();
            if (payload instanceof GroupCreated created) {
                // Mirrors GroupTreeProjection.on(GroupCreated): an upsert, so a create under a known id revives it.
                Node node = nodes.get(created.groupId().uuid());
                if (node == null) {
                    UUID id = created.groupId().uuid();
                    nodes.put(id, new Node(id, parentUuid(created.parentId())));
                } else {
                    node.parentId = parentUuid(created.parentId());
                    node.deleted = false;
                }
            } else if (payload instanceof GroupReparented reparented) {
                // Mirrors GroupTreeProjection.on(GroupReparented).
                Node node = nodes.get(reparented.groupId().uuid());
                if (node != null) {
                    node.parentId = parentUuid(reparented.parentId());
                }
            } else if (payload instanceof GroupDeleted deleted) {
                // Mirrors GroupTreeProjection.on(GroupDeleted): the row stays, marked, and keeps its members.
                Node node = nodes.get(deleted.groupId().uuid());
                if (node != null) {
                    node.deleted = true;
                }
            } else if (payload instanceof CustomerJoinedGroup joined) {
                // Mirrors GroupTreeProjection.on(CustomerJoinedGroup): once, however often it is told.
                members.add(Member.of(joined.groupId(), joined.customerId().uuid()));
            } else if (payload instanceof CustomerLeftGroup left) {
                // Mirrors GroupTreeProjection.on(CustomerLeftGroup).
                members.remove(Member.of(left.groupId(), left.customerId().uuid()));
            } else if (payload instanceof OfferingCreated created) {
                // Mirrors GroupTreeProjection.on(OfferingCreated): an upsert.
                providerOfferings.put(created.offeringId().uuid(), created.providerId().uuid());
            } else if (payload instanceof OfferingDeleted deleted) {
                // Mirrors GroupTreeProjection.on(OfferingDeleted).
                providerOfferings.remove(deleted.offeringId().uuid());
            }
        }

        /** Hands the sink every row of the three tables, then forgets them. */
        @Override
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            for (Node node : nodes.values()) {
                sink.add(GROUP_TREE.name(), node.id, node.parentId, node.deleted);
            }
            nodes.clear();
            for (Member member : members) {
                sink.add(GROUP_MEMBER.name(), new UUID(member.groupHigh(), member.groupLow()),
                        new UUID(member.customerHigh(), member.customerLow()));
            }
            members.clear();
            providerOfferings.forEach((offering, provider) -> sink.add(PROVIDER_OFFERING.name(), offering, provider));
            providerOfferings.clear();
        }

        /** The parent's own id object when it has a row, so that siblings share one instead of a copy each. */
        private UUID parentUuid(GroupId parentId) {
            if (parentId == null) {
                return null;
            }
            Node parent = nodes.get(parentId.uuid());
            return parent == null ? parentId.uuid() : parent.id;
        }
    }
}
