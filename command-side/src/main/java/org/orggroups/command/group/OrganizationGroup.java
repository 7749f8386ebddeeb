package org.orggroups.command.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

import java.util.List;
import java.util.Objects;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.group.GroupRules;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.command.GroupCycleException;
import org.orggroups.command.GroupOwnParentException;
import org.orggroups.command.InvalidGroupNameException;
import org.orggroups.command.ParentGroupNotFoundException;
import org.orggroups.command.StaleGroupVersionException;
import org.orggroups.command.tree.GroupTree;

/**
 * An organization group: its name and its parent. Rules that need other groups (the parent is live, a move
 * makes no cycle) are decided here from what {@link GroupTree} reports. Deleting is done by
 * {@link GroupDeletionHandler}, since it spans the whole subtree.
 */
@Aggregate(lockFactory = "aggregateLockFactory")
class OrganizationGroup {

    @AggregateIdentifier
    private GroupId id;
    private String name;
    private GroupId parentId;
    /** Sequence number of the last event: the ETag of the group (API.md section 5). */
    private long version;

    OrganizationGroup() {
        // for Axon, which rebuilds the group from its events
    }

    /**
     * Creates a group. No shape lock: a new leaf cannot close a cycle, and the parent's row lock is enough to
     * keep a concurrent delete of the parent from missing it.
     *
     * @throws InvalidGroupNameException    when the name is blank or too long
     * @throws ParentGroupNotFoundException when the parent is unknown or deleted
     */
    @CommandHandler
    OrganizationGroup(CreateGroup command, GroupTree tree) {
        requireValidName(command.name());
        if (command.parentId() != null) {
            requireLiveParent(command.parentId(), tree.lockLiveGroup(command.parentId()));
        }
        apply(new GroupCreated(command.groupId(), command.name(), command.parentId()));
    }

    /**
     * Renames and/or moves the group as one change: either all of it is recorded or, when a rule fails,
     * none of it. Values equal to the current ones record nothing.
     *
     * @throws StaleGroupVersionException   when the expected version is given and is not the current one
     * @throws InvalidGroupNameException    when the new name is blank or too long
     * @throws GroupOwnParentException      when the new parent is the group itself
     * @throws ParentGroupNotFoundException when the new parent is unknown or deleted
     * @throws GroupCycleException          when the new parent is a descendant of the group
     */
    @CommandHandler
    void handle(UpdateGroup command, GroupTree tree) {
        requireVersion(command.expectedVersion());
        String newName = command.name();
        if (newName != null) {
            requireValidName(newName);
        }
        boolean renames = newName != null && !newName.equals(name);
        ParentChange parentChange = command.parent();
        boolean moves = parentChange != null && !Objects.equals(parentChange.parentId(), parentId);
        if (moves) {
            GroupId newParent = parentChange.parentId();
            rejectOwnParent(newParent);
            // The lock comes before the ancestors are read, so no other move can change them until we commit.
            tree.lockShape();
            // Deletes take no shape lock; the group's own row makes a delete of a subtree holding it wait for this
            // move, or this move for that delete (whose event then takes this one's sequence number: retried, 404).
            tree.lockLiveGroup(id);
            if (newParent != null) {
                requireLiveParent(newParent, tree.lockLiveGroup(newParent));
                rejectCycle(newParent, tree.ancestorsOf(newParent));
            }
        }
        String previousName = name;
        GroupId previousParent = parentId;
        if (renames) {
            apply(new GroupRenamed(id, newName, previousName));
        }
        if (moves) {
            apply(new GroupReparented(id, parentChange.parentId(), previousParent));
        }
    }

    /**
     * Deletes this group, as part of the delete of {@code deletedBy}'s subtree. Called by
     * {@link GroupDeletionHandler}, which has already locked the subtree.
     *
     * @param deletedBy the group whose delete was asked for: this group, or an ancestor of it
     */
    void delete(GroupId deletedBy) {
        GroupDeleted event = new GroupDeleted(id, parentId, deletedBy);
        apply(event, deletionMetaData(event));
    }

    /**
     * The deletion of a group of a deleted subtree below its root, as {@link #delete} would record it on the loaded
     * group: the same event and metadata, as the event after the group's last one. {@link GroupDeletionHandler}
     * appends these without loading each group, which cost a query and an event replay per group.
     *
     * @param groupId            the group
     * @param parentId           its parent, as the command-side tree has it under the subtree's row locks
     * @param lastSequenceNumber the sequence number of the group's last event
     * @param deletedBy          the root of the deleted subtree, an ancestor of the group
     * @return the event message, with the correlation data of the current unit of work
     */
    static DomainEventMessage<GroupDeleted> cascadedDeletion(GroupId groupId, GroupId parentId,
                                                            long lastSequenceNumber, GroupId deletedBy) {
        GroupDeleted event = new GroupDeleted(groupId, parentId, deletedBy);
        return new GenericDomainEventMessage<>(OrganizationGroup.class.getSimpleName(), groupId.toString(),
                lastSequenceNumber + 1, new GenericMessage<>(event, deletionMetaData(event)),
                GenericEventMessage.clock::instant);
    }

    /** A cascaded delete names the group whose delete caused it (DESIGN.md section 1). */
    private static MetaData deletionMetaData(GroupDeleted event) {
        return event.cascaded()
                ? MetaData.with(MetadataKeys.CAUSED_BY_GROUP, event.deletedBy().toString())
                : MetaData.emptyInstance();
    }

    /**
     * @param expectedVersion the version the client last saw, or {@code null} for no check
     * @throws StaleGroupVersionException when it is given and the group has moved on
     */
    void requireVersion(Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new StaleGroupVersionException(id, expectedVersion, version);
        }
    }

    static void requireValidName(String name) {
        if (!GroupRules.isValidName(name)) {
            throw new InvalidGroupNameException(name);
        }
    }

    static void requireLiveParent(GroupId parent, boolean live) {
        if (!live) {
            throw new ParentGroupNotFoundException(parent);
        }
    }

    void rejectOwnParent(GroupId newParent) {
        if (id.equals(newParent)) {
            throw new GroupOwnParentException(id);
        }
    }

    /** @param ancestorsOfNewParent the new parent and all its ancestors */
    void rejectCycle(GroupId newParent, List<GroupId> ancestorsOfNewParent) {
        if (ancestorsOfNewParent.contains(id)) {
            throw new GroupCycleException(id, newParent);
        }
    }

    @EventSourcingHandler
    void on(GroupCreated event, @SequenceNumber long sequenceNumber) {
        id = event.groupId();
        name = event.name();
        parentId = event.parentId();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(GroupRenamed event, @SequenceNumber long sequenceNumber) {
        name = event.name();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(GroupReparented event, @SequenceNumber long sequenceNumber) {
        parentId = event.parentId();
        version = sequenceNumber;
    }

    @EventSourcingHandler
    void on(GroupDeleted event, @SequenceNumber long sequenceNumber) {
        version = sequenceNumber;
        markDeleted();
    }
}
