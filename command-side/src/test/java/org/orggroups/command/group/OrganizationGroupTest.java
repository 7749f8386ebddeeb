package org.orggroups.command.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.command.GroupCycleException;
import org.orggroups.command.GroupOwnParentException;
import org.orggroups.command.InvalidGroupNameException;
import org.orggroups.command.ParentGroupNotFoundException;
import org.orggroups.command.StaleGroupVersionException;
import org.orggroups.command.tree.InMemoryGroupTree;

class OrganizationGroupTest {

    private static final GroupId GROUP = id(1);
    private static final GroupId PARENT = id(2);
    private static final GroupId OTHER = id(3);
    private static final GroupId CHILD = id(4);
    private static final GroupId GRANDCHILD = id(5);

    private AggregateTestFixture<OrganizationGroup> fixture;
    private InMemoryGroupTree tree;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(OrganizationGroup.class);
        tree = new InMemoryGroupTree();
        fixture.registerInjectableResource(tree);
    }

    @Nested
    class Create {

        @Test
        void rootGroupIsCreated() {
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, "Research", null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new GroupCreated(GROUP, "Research", null));
        }

        @Test
        void groupUnderLiveParentIsCreated() {
            tree.group(PARENT, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, "Research", PARENT))
                    .expectEvents(new GroupCreated(GROUP, "Research", PARENT));
        }

        @Test
        void nameOf150CodePointsIsAccepted() {
            String name = "\uD83D\uDE00".repeat(150); // 300 UTF-16 chars, 150 code points
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, name, null))
                    .expectEvents(new GroupCreated(GROUP, name, null));
        }

        @Test
        void blankNameIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, "   ", null))
                    .expectNoEvents()
                    .expectException(InvalidGroupNameException.class)
                    .expectExceptionMessage("Organization group name may not be blank.");
        }

        @Test
        void nameOver150CodePointsIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, "x".repeat(151), null))
                    .expectNoEvents()
                    .expectException(InvalidGroupNameException.class)
                    .expectExceptionMessage("Organization group name may have at most 150 characters, it has 151.");
        }

        @Test
        void unknownParentIsRejected() {
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, "Research", PARENT))
                    .expectNoEvents()
                    .expectException(ParentGroupNotFoundException.class)
                    .expectExceptionMessage("Parent organization group " + PARENT + " does not exist or is deleted.");
        }

        @Test
        void deletedParentIsRejected() {
            tree.deletedGroup(PARENT, null);
            fixture.givenNoPriorActivity()
                    .when(new CreateGroup(GROUP, "Research", PARENT))
                    .expectNoEvents()
                    .expectException(ParentGroupNotFoundException.class)
                    .expectExceptionMessage("Parent organization group " + PARENT + " does not exist or is deleted.");
        }

        @Test
        void createTakesNoShapeLock() {
            tree.group(PARENT, null);
            fixture.givenNoPriorActivity().when(new CreateGroup(GROUP, "Research", PARENT));
            assertThat(tree.shapeLocks()).isZero();
        }
    }

    @Nested
    class Rename {

        @Test
        void renameRecordsNewAndPreviousName() {
            fixture.given(new GroupCreated(GROUP, "Old", null))
                    .when(new UpdateGroup(GROUP, "New", null, null))
                    .expectEvents(new GroupRenamed(GROUP, "New", "Old"));
        }

        @Test
        void renameToCurrentNameRecordsNothing() {
            fixture.given(new GroupCreated(GROUP, "Same", null))
                    .when(new UpdateGroup(GROUP, "Same", null, null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void renameToBlankNameIsRejected() {
            fixture.given(new GroupCreated(GROUP, "Old", null))
                    .when(new UpdateGroup(GROUP, "", null, null))
                    .expectNoEvents()
                    .expectException(InvalidGroupNameException.class)
                    .expectExceptionMessage("Organization group name may not be blank.");
        }

        @Test
        void renameTakesNoShapeLock() {
            fixture.given(new GroupCreated(GROUP, "Old", null)).when(new UpdateGroup(GROUP, "New", null, null));
            assertThat(tree.shapeLocks()).isZero();
        }
    }

    @Nested
    class Version {

        @Test
        void updateExpectingCurrentVersionIsApplied() {
            fixture.given(new GroupCreated(GROUP, "A", null), new GroupRenamed(GROUP, "B", "A"))
                    .when(new UpdateGroup(GROUP, "C", null, 1L))
                    .expectEvents(new GroupRenamed(GROUP, "C", "B"));
        }

        @Test
        void versionIsTheSequenceNumberOfTheLastEvent() {
            tree.group(PARENT, null);
            fixture.given(new GroupCreated(GROUP, "A", null), new GroupRenamed(GROUP, "B", "A"),
                            new GroupReparented(GROUP, PARENT, null))
                    .when(new UpdateGroup(GROUP, "C", null, 2L))
                    .expectEvents(new GroupRenamed(GROUP, "C", "B"));
        }

        @Test
        void updateExpectingStaleVersionIsRejected() {
            fixture.given(new GroupCreated(GROUP, "A", null), new GroupRenamed(GROUP, "B", "A"))
                    .when(new UpdateGroup(GROUP, "C", null, 0L))
                    .expectNoEvents()
                    .expectException(StaleGroupVersionException.class)
                    .expectExceptionMessage("Organization group " + GROUP + " is at version 1, not 0.");
        }

        @Test
        void staleVersionIsRejectedBeforeTheNameIsChecked() {
            fixture.given(new GroupCreated(GROUP, "A", null))
                    .when(new UpdateGroup(GROUP, "", null, 5L))
                    .expectNoEvents()
                    .expectException(StaleGroupVersionException.class)
                    .expectExceptionMessage("Organization group " + GROUP + " is at version 0, not 5.");
        }
    }

    @Nested
    class Reparent {

        @Test
        void moveUnderLiveGroupRecordsNewAndPreviousParent() {
            tree.group(PARENT, null).group(OTHER, null).group(GROUP, PARENT);
            fixture.given(new GroupCreated(GROUP, "G", PARENT))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(OTHER), null))
                    .expectEvents(new GroupReparented(GROUP, OTHER, PARENT));
            assertThat(tree.shapeLocks()).isEqualTo(1);
        }

        @Test
        void moveToRootRecordsNullParent() {
            tree.group(PARENT, null).group(GROUP, PARENT);
            fixture.given(new GroupCreated(GROUP, "G", PARENT))
                    .when(new UpdateGroup(GROUP, null, ParentChange.toRoot(), null))
                    .expectEvents(new GroupReparented(GROUP, null, PARENT));
        }

        @Test
        void moveToCurrentParentRecordsNothingAndTakesNoLock() {
            tree.group(PARENT, null).group(GROUP, PARENT);
            fixture.given(new GroupCreated(GROUP, "G", PARENT))
                    .when(new UpdateGroup(GROUP, "G", new ParentChange(PARENT), null))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
            assertThat(tree.shapeLocks()).isZero();
        }

        @Test
        void renameAndMoveAreRecordedTogether() {
            tree.group(OTHER, null).group(GROUP, null);
            fixture.given(new GroupCreated(GROUP, "Old", null))
                    .when(new UpdateGroup(GROUP, "New", new ParentChange(OTHER), null))
                    .expectEvents(new GroupRenamed(GROUP, "New", "Old"), new GroupReparented(GROUP, OTHER, null));
        }

        @Test
        void moveUnderItselfIsRejected() {
            tree.group(GROUP, null);
            fixture.given(new GroupCreated(GROUP, "G", null))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(GROUP), null))
                    .expectNoEvents()
                    .expectException(GroupOwnParentException.class)
                    .expectExceptionMessage("Organization group cannot be parent of itself.");
        }

        @Test
        void reparentUnderOwnChildIsRejected() {
            tree.group(GROUP, null).group(CHILD, GROUP);
            fixture.given(new GroupCreated(GROUP, "G", null))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(CHILD), null))
                    .expectNoEvents()
                    .expectException(GroupCycleException.class)
                    .expectExceptionMessage("Organization group cannot be moved under its own descendant.");
        }

        @Test
        void reparentUnderOwnDescendantIsRejected() {
            tree.group(PARENT, null).group(GROUP, PARENT).group(CHILD, GROUP).group(GRANDCHILD, CHILD);
            fixture.given(new GroupCreated(GROUP, "G", PARENT))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(GRANDCHILD), null))
                    .expectNoEvents()
                    .expectException(GroupCycleException.class)
                    .expectExceptionMessage("Organization group cannot be moved under its own descendant.");
        }

        @Test
        void refusedMoveLeavesTheNameUnchangedToo() {
            tree.group(GROUP, null).group(CHILD, GROUP);
            fixture.given(new GroupCreated(GROUP, "Old", null))
                    .when(new UpdateGroup(GROUP, "New", new ParentChange(CHILD), null))
                    .expectNoEvents()
                    .expectException(GroupCycleException.class)
                    .expectExceptionMessage("Organization group cannot be moved under its own descendant.");
        }

        @Test
        void moveUnderDeepGroupOfAnotherBranchIsAccepted() {
            tree.group(PARENT, null).group(GROUP, PARENT).group(OTHER, PARENT).group(CHILD, OTHER)
                    .group(GRANDCHILD, CHILD);
            fixture.given(new GroupCreated(GROUP, "G", PARENT))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(GRANDCHILD), null))
                    .expectEvents(new GroupReparented(GROUP, GRANDCHILD, PARENT));
        }

        @Test
        void moveUnderUnknownGroupIsRejected() {
            tree.group(GROUP, null);
            fixture.given(new GroupCreated(GROUP, "G", null))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(OTHER), null))
                    .expectNoEvents()
                    .expectException(ParentGroupNotFoundException.class)
                    .expectExceptionMessage("Parent organization group " + OTHER + " does not exist or is deleted.");
        }

        @Test
        void moveUnderDeletedGroupIsRejected() {
            tree.group(GROUP, null).deletedGroup(OTHER, null);
            fixture.given(new GroupCreated(GROUP, "G", null))
                    .when(new UpdateGroup(GROUP, null, new ParentChange(OTHER), null))
                    .expectNoEvents()
                    .expectException(ParentGroupNotFoundException.class)
                    .expectExceptionMessage("Parent organization group " + OTHER + " does not exist or is deleted.");
        }
    }

    @Nested
    class Deleted {

        @Test
        void updateOfDeletedGroupIsRejectedAsNotFound() {
            fixture.given(new GroupCreated(GROUP, "G", null), new GroupDeleted(GROUP, null, GROUP))
                    .when(new UpdateGroup(GROUP, "New", null, null))
                    .expectNoEvents()
                    .expectException(AggregateDeletedException.class);
        }
    }

    static GroupId id(int n) {
        return new GroupId(UUID.fromString(String.format("00000000-0000-0000-0000-%012x", n)));
    }
}
