package org.orggroups.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.springframework.stereotype.Component;

/**
 * The bulk rebuild of {@link GroupViewProjection}: the rows of {@code group_view}, {@code customer_group_view},
 * {@code group_timeline} and {@code customer_group_timeline} that its handlers write for the same events, computed
 * in memory without touching the database.
 *
 * <p>The fold keeps only what is current: one object per live {@code group_view} row with its memberships and the
 * position its open timeline row began at, and for each parent id the live rows that name it. A timeline row is
 * handed to the sink the moment it is closed; the views and the still open timeline rows are handed over by
 * {@link Fold#finish()}.
 *
 * <p>Rows are the projection's, column for column: ids as {@link UUID}, names as {@link String}, counts, versions
 * and global indexes as {@link Long}, times as {@link OffsetDateTime} in UTC at the event store's precision
 * (milliseconds, as {@link TimelinePosition} takes them). Where a handler throws an
 * {@link IllegalStateException}, the fold throws one with the same message.
 */
@Component
public class GroupViewBulkRebuild implements BulkRebuild {

    /** {@code group_view}: one row per live group. */
    public static final Table GROUP_VIEW = Table.of("group_view",
            "group_id", "name", "parent_id", "parent_name", "customers_count", "version");
    /** {@code customer_group_view}: one row per direct membership of a live group. */
    public static final Table CUSTOMER_GROUP_VIEW = Table.of("customer_group_view", "customer_id", "group_id");
    /** {@code group_timeline}, without its identity column {@code row_id}. */
    public static final Table GROUP_TIMELINE = Table.of("group_timeline",
            "group_id", "name", "parent_id", "parent_name", "customers_count", "version",
            "valid_from", "valid_to", "from_index", "to_index");
    /** {@code customer_group_timeline}, without its identity column {@code row_id}. */
    public static final Table CUSTOMER_GROUP_TIMELINE = Table.of("customer_group_timeline",
            "customer_id", "group_id", "valid_from", "valid_to", "from_index", "to_index");

    /** @return {@value GroupViewProjection#PROCESSING_GROUP}, the projection's processing group */
    @Override
    public String processingGroup() {
        return GroupViewProjection.PROCESSING_GROUP;
    }

    /**
     * @return the four tables {@link GroupViewProjection#reset()} empties: the views first, then the timelines
     */
    @Override
    public List<Table> tables() {
        return List.of(GROUP_VIEW, CUSTOMER_GROUP_VIEW, GROUP_TIMELINE, CUSTOMER_GROUP_TIMELINE);
    }

    /**
     * @param sink receives closed timeline rows during {@link Fold#apply}, everything else in {@link Fold#finish()}
     * @return an empty fold, as after {@link GroupViewProjection#reset()}
     */
    @Override
    public Fold start(RowSink sink) {
        return new GroupViewFold(sink);
    }

    /**
     * The time and global index of one event, as a timeline row records them where it begins or ends. One object
     * per event, shared by every row the event opens.
     *
     * @param time  the stored time stamp (see {@link #of})
     * @param index the event's global index
     */
    private record Position(long epochSecond, int nano, long index) {

        /** Mirrors {@link TimelinePosition#of}: the time as the event store keeps it, whatever the event carries. */
        static Position of(long globalIndex, DomainEventMessage<?> event) {
            // Seconds and nanoseconds rather than an Instant: one object less for each open row kept.
            Instant stored = TimelinePosition.asStored(event.getTimestamp());
            return new Position(stored.getEpochSecond(), stored.getNano(), globalIndex);
        }

        OffsetDateTime offsetTime() {
            return Instant.ofEpochSecond(epochSecond, nano).atOffset(ZoneOffset.UTC);
        }
    }

    /** A live {@code group_view} row, its memberships, and where its open {@code group_timeline} row began. */
    private static final class Group {
        final UUID id;
        String name;
        UUID parentId;
        String parentName;
        long version;
        /** Customer id to where its open {@code customer_group_timeline} row began; null while there is none. */
        Map<UUID, Position> members;
        Position openedAt;
        /** Neighbours among the live rows with the same {@code parent_id}; see {@code firstChild}. */
        Group previousSibling;
        Group nextSibling;

        Group(UUID id, String name, UUID parentId, String parentName, long version) {
            this.id = id;
            this.name = name;
            this.parentId = parentId;
            this.parentName = parentName;
            this.version = version;
        }

        /** Recounted from the memberships, as {@code recountCustomers} does, never kept as a separate number. */
        long customersCount() {
            return members == null ? 0 : members.size();
        }
    }

    private static final class GroupViewFold implements Fold {

        private final RowSink sink;
        private final Map<UUID, Group> groups = new HashMap<>();
        /**
         * Parent id to the first of the live rows whose {@code parent_id} it is, the others linked from it through
         * their siblings: one map entry per parent instead of a set each. Kept for deleted parents too: a
         * rename's {@code where parent_id = ?} matches rows by id, whatever became of the parent.
         */
        private final Map<UUID, Group> firstChild = new HashMap<>();
        private boolean finished;

        GroupViewFold(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void apply(long globalIndex, DomainEventMessage<?> event) {
            if (finished) {
                throw new IllegalStateException("the fold has finished");
            }
            Object payload = event.getPayload();
            if (payload instanceof GroupCreated created) {
                created(created, event.getSequenceNumber(), Position.of(globalIndex, event));
            } else if (payload instanceof GroupRenamed renamed) {
                renamed(renamed, event.getSequenceNumber(), Position.of(globalIndex, event));
            } else if (payload instanceof GroupReparented reparented) {
                reparented(reparented, event.getSequenceNumber(), Position.of(globalIndex, event));
            } else if (payload instanceof GroupDeleted deleted) {
                deleted(deleted, Position.of(globalIndex, event));
            } else if (payload instanceof CustomerJoinedGroup joined) {
                joined(joined, globalIndex, event);
            } else if (payload instanceof CustomerLeftGroup left) {
                left(left, globalIndex, event);
            }
        }

        /** Mirrors {@code GroupViewProjection.on(GroupCreated)}: the parent's name first, then the new row. */
        private void created(GroupCreated event, long version, Position at) {
            String parentName = event.parentId() == null ? null : parentName(event.parentId());
            UUID groupId = event.groupId().uuid();
            if (groups.containsKey(groupId)) {
                // The handler's insert fails on the primary key here; the fold fails as plainly.
                throw new IllegalStateException("group_view already has a row for group " + event.groupId());
            }
            Group group = new Group(groupId, event.name(), parentUuid(event.parentId()), parentName, version);
            groups.put(groupId, group);
            adopt(group);
            group.openedAt = at;
        }

        /**
         * Mirrors {@code GroupViewProjection.on(GroupRenamed)}: the group takes the name and version, its direct
         * children the {@code parent_name}, and the timeline rows of all of them are closed and opened again.
         */
        private void renamed(GroupRenamed event, long version, Position at) {
            Group group = requireGroup(event.groupId());
            close(group, at);
            for (Group child = firstChild.get(group.id); child != null; child = child.nextSibling) {
                // "group_id = ? or parent_id = ?" selects a row once, even one that would name itself.
                if (child != group) {
                    close(child, at);
                }
            }
            group.name = event.name();
            group.version = version;
            group.openedAt = at;
            for (Group child = firstChild.get(group.id); child != null; child = child.nextSibling) {
                child.parentName = event.name();
                child.openedAt = at;
            }
        }

        /**
         * Mirrors {@code GroupViewProjection.on(GroupReparented)}: the new parent's row is required before the
         * group's, as the handler reads it first.
         */
        private void reparented(GroupReparented event, long version, Position at) {
            String parentName = event.parentId() == null ? null : parentName(event.parentId());
            Group group = requireGroup(event.groupId());
            close(group, at);
            disown(group);
            group.parentId = parentUuid(event.parentId());
            group.parentName = parentName;
            group.version = version;
            adopt(group);
            group.openedAt = at;
        }

        /**
         * Mirrors {@code GroupViewProjection.on(GroupDeleted)}: the memberships end, then the row. Nothing for a
         * group without a row. Rows that still name the group as their parent keep it (a subtree delete sends the
         * children's deletions first, so there are none).
         */
        private void deleted(GroupDeleted event, Position at) {
            Group group = groups.remove(event.groupId().uuid());
            if (group == null) {
                return;
            }
            // The closed timeline row is the copy made when it opened: it still counts the members.
            close(group, at);
            if (group.members != null) {
                group.members.forEach((customerId, since) -> closeMembership(customerId, group.id, since, at));
                group.members = null;
            }
            disown(group);
        }

        /**
         * Mirrors {@code GroupViewProjection.on(CustomerJoinedGroup)}: a membership already there changes nothing
         * and records nothing.
         */
        private void joined(CustomerJoinedGroup event, long globalIndex, DomainEventMessage<?> message) {
            Group group = groups.get(event.groupId().uuid());
            if (group == null) {
                throw new IllegalStateException("group_view has no row for joined group " + event.groupId());
            }
            UUID customerId = event.customerId().uuid();
            if (group.members != null && group.members.containsKey(customerId)) {
                return;
            }
            Position at = Position.of(globalIndex, message);
            // The closed row shows the count before the join; the timeline is closed before the recount shows.
            close(group, at);
            if (group.members == null) {
                group.members = new HashMap<>(4);
            }
            group.members.put(customerId, at);
            group.openedAt = at;
        }

        /**
         * Mirrors {@code GroupViewProjection.on(CustomerLeftGroup)}: only a membership that exists ends. A group
         * without a row (deleted before its members were told) has none left, so its leaves record nothing.
         */
        private void left(CustomerLeftGroup event, long globalIndex, DomainEventMessage<?> message) {
            Group group = groups.get(event.groupId().uuid());
            UUID customerId = event.customerId().uuid();
            Position since = group == null || group.members == null ? null : group.members.get(customerId);
            if (since == null) {
                return;
            }
            Position at = Position.of(globalIndex, message);
            close(group, at);
            group.members.remove(customerId);
            if (group.members.isEmpty()) {
                group.members = null;
            }
            closeMembership(customerId, group.id, since, at);
            group.openedAt = at;
        }

        /**
         * Hands the sink every row of {@code group_view} and {@code customer_group_view} and every timeline row
         * still open, then forgets them.
         */
        @Override
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            for (Group group : groups.values()) {
                sink.add(GROUP_VIEW.name(), group.id, group.name, group.parentId, group.parentName,
                        group.customersCount(), group.version);
                sink.add(GROUP_TIMELINE.name(), group.id, group.name, group.parentId, group.parentName,
                        group.customersCount(), group.version, group.openedAt.offsetTime(), null,
                        group.openedAt.index(), null);
                if (group.members != null) {
                    group.members.forEach((customerId, since) -> {
                        sink.add(CUSTOMER_GROUP_VIEW.name(), customerId, group.id);
                        sink.add(CUSTOMER_GROUP_TIMELINE.name(), customerId, group.id, since.offsetTime(), null,
                                since.index(), null);
                    });
                }
            }
            groups.clear();
            firstChild.clear();
        }

        /** The group's open timeline row, as it was until now, ends at {@code at} and is final. */
        private void close(Group group, Position at) {
            sink.add(GROUP_TIMELINE.name(), group.id, group.name, group.parentId, group.parentName,
                    group.customersCount(), group.version, group.openedAt.offsetTime(), at.offsetTime(),
                    group.openedAt.index(), at.index());
            group.openedAt = null;
        }

        private void closeMembership(UUID customerId, UUID groupId, Position since, Position at) {
            sink.add(CUSTOMER_GROUP_TIMELINE.name(), customerId, groupId, since.offsetTime(), at.offsetTime(),
                    since.index(), at.index());
        }

        /** Mirrors {@code lockParentAndGetName}, with its message. */
        private String parentName(GroupId parentId) {
            Group parent = groups.get(parentId.uuid());
            if (parent == null) {
                throw new IllegalStateException("group_view has no row for parent group " + parentId);
            }
            return parent.name;
        }

        /** Mirrors {@code requireOneRow}, with its message. */
        private Group requireGroup(GroupId groupId) {
            Group group = groups.get(groupId.uuid());
            if (group == null) {
                throw new IllegalStateException("group_view has no row for group " + groupId);
            }
            return group;
        }

        /**
         * The parent's own id object when it has a row, so that the children of one parent share it instead of
         * each keeping the copy its event was read into.
         */
        private UUID parentUuid(GroupId parentId) {
            if (parentId == null) {
                return null;
            }
            Group parent = groups.get(parentId.uuid());
            return parent == null ? parentId.uuid() : parent.id;
        }

        /** Links the row in first among the rows naming its parent. */
        private void adopt(Group group) {
            if (group.parentId == null) {
                return;
            }
            Group first = firstChild.put(group.parentId, group);
            group.previousSibling = null;
            group.nextSibling = first;
            if (first != null) {
                first.previousSibling = group;
            }
        }

        /** Unlinks the row from the rows naming its parent, before its parent changes or it goes. */
        private void disown(Group group) {
            if (group.parentId == null) {
                return;
            }
            if (group.previousSibling != null) {
                group.previousSibling.nextSibling = group.nextSibling;
            } else if (group.nextSibling != null) {
                firstChild.put(group.parentId, group.nextSibling);
            } else {
                firstChild.remove(group.parentId);
            }
            if (group.nextSibling != null) {
                group.nextSibling.previousSibling = group.previousSibling;
            }
            group.previousSibling = null;
            group.nextSibling = null;
        }
    }
}
