package org.orggroups.command.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.orggroups.command.group.OrganizationGroupTest.id;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.command.EventStreams;
import org.orggroups.command.StaleGroupVersionException;
import org.orggroups.command.tree.GroupTree;
import org.orggroups.command.tree.InMemoryGroupTree;

/**
 * The delete of a subtree, through a real Axon configuration (in-memory event store), since it spans several
 * aggregates and the single-aggregate test fixture cannot hold them.
 */
class GroupDeletionHandlerTest {

    private static final GroupId ROOT = id(1);
    private static final GroupId CHILD_B = id(0xb);
    private static final GroupId CHILD_A = id(0xa);
    private static final GroupId GRANDCHILD = id(0xaa);
    private static final GroupId OUTSIDE = id(2);

    private final InMemoryGroupTree tree = new InMemoryGroupTree();
    private final List<EventMessage<?>> recorded = new ArrayList<>();
    private final List<List<GroupId>> cascades = new ArrayList<>();
    private Configuration axon;

    @BeforeEach
    void start() {
        MembershipCascade cascade = (deleted, deletedBy) -> () -> {
            cascades.add(List.copyOf(deleted));
            cascades.add(List.of(deletedBy));
        };
        axon = DefaultConfigurer.defaultConfiguration()
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(OrganizationGroup.class)
                .registerComponent(GroupTree.class, c -> tree)
                .registerCommandHandler(c -> new GroupDeletionHandler(
                        tree, c.repository(OrganizationGroup.class), cascade, streams(c), c.eventBus()))
                .eventProcessing(processing -> processing.usingSubscribingEventProcessors()
                        .registerEventHandler(c -> tree))
                .buildConfiguration();
        axon.start();
        axon.eventBus().subscribe(recorded::addAll);
        create(ROOT, null);
        create(CHILD_B, ROOT);
        create(CHILD_A, ROOT);
        create(GRANDCHILD, CHILD_A);
        create(OUTSIDE, null);
        recorded.clear();
    }

    /** The store's own answers, one aggregate at a time, as the application's event table gives them at once. */
    private static EventStreams streams(Configuration c) {
        return new EventStreams() {
            @Override
            public Map<String, Long> lastSequenceNumbers(Collection<String> ids) {
                Map<String, Long> heads = new HashMap<>();
                ids.forEach(id -> c.eventStore().lastSequenceNumberFor(id).ifPresent(seq -> heads.put(id, seq)));
                return heads;
            }

            @Override
            public void lock(List<String> ids) {
                // the members are locked by the cascade, which this test replaces
            }

            @Override
            public java.util.Optional<Long> lockAndReadLastSequenceNumber(String id) {
                return c.eventStore().lastSequenceNumberFor(id);
            }
        };
    }

    @AfterEach
    void stop() {
        axon.shutdown();
    }

    @Test
    void deletingGroupDeletesItsSubtreeDeepestFirst() {
        send(new DeleteGroup(ROOT, null));

        assertThat(payloads()).containsExactly(
                new GroupDeleted(GRANDCHILD, CHILD_A, ROOT),
                new GroupDeleted(CHILD_A, ROOT, ROOT),
                new GroupDeleted(CHILD_B, ROOT, ROOT),
                new GroupDeleted(ROOT, null, ROOT));
        assertThat(tree.lockLiveGroup(OUTSIDE)).isTrue();
        assertThat(tree.shapeLocks()).as("the subtree's rows are locked, not the tree").isZero();
    }

    @Test
    void cascadedDeletesNameTheGroupWhoseDeleteCausedThem() {
        send(new DeleteGroup(ROOT, null));

        assertThat(recorded).hasSize(4);
        assertThat(recorded.subList(0, 3)).allSatisfy(event ->
                assertThat(event.getMetaData()).containsEntry(MetadataKeys.CAUSED_BY_GROUP, ROOT.toString()));
        assertThat(recorded.get(3).getMetaData()).doesNotContainKey(MetadataKeys.CAUSED_BY_GROUP);
    }

    @Test
    void membersLeaveEveryDeletedGroup() {
        send(new DeleteGroup(CHILD_A, null));

        assertThat(cascades).containsExactly(List.of(GRANDCHILD, CHILD_A), List.of(CHILD_A));
    }

    @Test
    void deletedGroupsAreNotFoundAfterwards() {
        send(new DeleteGroup(CHILD_A, null));

        assertThatThrownBy(() -> send(new UpdateGroup(GRANDCHILD, "New", null, null)))
                .isInstanceOf(AggregateDeletedException.class);
        assertThatThrownBy(() -> send(new DeleteGroup(CHILD_A, null)))
                .isInstanceOf(AggregateDeletedException.class);
    }

    @Test
    void deletingAGroupAgainDoesNotTouchItsAlreadyDeletedChildren() {
        send(new DeleteGroup(GRANDCHILD, null));
        recorded.clear();

        send(new DeleteGroup(CHILD_A, null));

        assertThat(payloads())
                .containsExactly(new GroupDeleted(CHILD_A, ROOT, CHILD_A));
    }

    @Test
    void deleteExpectingCurrentVersionIsApplied() {
        send(new UpdateGroup(CHILD_B, "Renamed", null, null));
        recorded.clear();

        send(new DeleteGroup(CHILD_B, 1L));

        assertThat(payloads())
                .containsExactly(new GroupDeleted(CHILD_B, ROOT, CHILD_B));
    }

    @Test
    void deleteExpectingStaleVersionIsRejected() {
        send(new UpdateGroup(ROOT, "Renamed", null, null));
        recorded.clear();

        assertThatThrownBy(() -> send(new DeleteGroup(ROOT, 0L)))
                .isInstanceOf(StaleGroupVersionException.class)
                .hasMessage("Organization group " + ROOT + " is at version 1, not 0.")
                .satisfies(e -> assertThat(((StaleGroupVersionException) e).actual()).isEqualTo(1L));
        assertThat(recorded).isEmpty();
        assertThat(cascades).isEmpty();
        assertThat(tree.lockLiveGroup(GRANDCHILD)).isTrue();
    }

    @Test
    void deletingUnknownGroupIsRejectedAsNotFound() {
        assertThatThrownBy(() -> send(new DeleteGroup(id(0xdead), null)))
                .isInstanceOf(AggregateNotFoundException.class);
        assertThat(recorded).isEmpty();
    }

    private List<Object> payloads() {
        return recorded.stream().<Object>map(EventMessage::getPayload).toList();
    }

    private void create(GroupId group, GroupId parent) {
        send(new CreateGroup(group, "Group " + group, parent));
    }

    private void send(Object command) {
        axon.commandGateway().sendAndWait(command);
    }
}
