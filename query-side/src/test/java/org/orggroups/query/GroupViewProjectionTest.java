package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.WrittenGroups;

class GroupViewProjectionTest {

    private TestDatabase database;
    private ReadSide readSide;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        readSide = new ReadSide(database.jdbc());
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void createdGroupShowsItsParentsNameAndTheCreationsSequenceNumberAsVersion() {
        GroupId root = readSide.createGroup("Root");
        GroupId child = readSide.createGroup("Child", root);

        assertThat(readSide.group(root)).isEqualTo(new GroupSummary(root, "Root", null, null, 0, 0));
        assertThat(readSide.group(child)).isEqualTo(new GroupSummary(child, "Child", root, "Root", 0, 0));
    }

    @Test
    void aCreatedRowIsHandedToItsSenderAsStored() {
        GroupId root = readSide.createGroup("Root");
        GroupId[] child = new GroupId[1];

        Map<GroupId, GroupSummary> stored = WrittenGroups.collect(() -> child[0] = readSide.createGroup("Child", root));

        assertThat(stored).containsOnlyKeys(child[0]);
        assertThat(stored.get(child[0])).isEqualTo(readSide.group(child[0]))
                .isEqualTo(new GroupSummary(child[0], "Child", root, "Root", 0, 0));
    }

    @Test
    void aCollectionKeepsOnlyItsOwnCommandsRowsAndNothingIsKeptOutsideOne() {
        GroupId[] inner = new GroupId[1];
        GroupId[] outer = new GroupId[1];

        Map<GroupId, GroupSummary> outerRows = WrittenGroups.collect(() -> {
            Map<GroupId, GroupSummary> innerRows = WrittenGroups.collect(() -> inner[0] = readSide.createGroup("Inner"));
            assertThat(innerRows).containsOnlyKeys(inner[0]);
            outer[0] = readSide.createGroup("Outer");
        });
        readSide.createGroup("Outside");

        assertThat(outerRows).containsOnlyKeys(outer[0]);
        assertThat(WrittenGroups.collect(() -> { })).isEmpty();
    }

    @Test
    void aRenamedOrMovedRowIsHandedToItsSenderAsStoredAndOnlyWhenCollected() {
        GroupId root = readSide.createGroup("Root");
        GroupId other = readSide.createGroup("Other");
        GroupId child = readSide.createGroup("Child", root);

        Map<GroupId, GroupSummary> renamed = WrittenGroups.collect(() -> readSide.renameGroup(root, "Renamed"));
        Map<GroupId, GroupSummary> moved = WrittenGroups.collect(() -> readSide.moveGroup(child, other));

        assertThat(renamed).containsOnlyKeys(root);
        assertThat(renamed.get(root)).isEqualTo(new GroupSummary(root, "Renamed", null, null, 0, 1));
        assertThat(moved).containsOnlyKeys(child);
        assertThat(moved.get(child)).isEqualTo(readSide.group(child))
                .isEqualTo(new GroupSummary(child, "Child", other, "Other", 0, 1));
    }

    @Test
    void aRowStoredInAUnitOfWorkThatRollsBackIsNotHandedOver() {
        GroupId root = readSide.createGroup("Root");

        Map<GroupId, GroupSummary> stored = WrittenGroups.collect(() -> {
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            readSide.renameGroup(root, "Lost the race");
            unitOfWork.rollback();
        });

        assertThat(stored).isEmpty();
    }

    @Test
    void renameRewritesParentNameOfDirectChildrenOnlyAndTakesTheNewVersion() {
        GroupId root = readSide.createGroup("Root");
        GroupId child = readSide.createGroup("Child", root);
        GroupId grandchild = readSide.createGroup("Grandchild", child);

        readSide.renameGroup(root, "Renamed root");

        assertThat(readSide.group(root).name()).isEqualTo("Renamed root");
        assertThat(readSide.group(root).version()).isEqualTo(1);
        assertThat(readSide.group(child).parentName()).isEqualTo("Renamed root");
        assertThat(readSide.group(child).version()).as("a parent's rename is no change of the child").isZero();
        assertThat(readSide.group(grandchild).parentName()).isEqualTo("Child");
    }

    @Test
    void moveTakesTheNewParentsCurrentNameAndMovingToRootClearsIt() {
        GroupId first = readSide.createGroup("First");
        GroupId second = readSide.createGroup("Second");
        readSide.renameGroup(second, "Second renamed");
        GroupId moved = readSide.createGroup("Moved", first);

        readSide.moveGroup(moved, second);
        assertThat(readSide.group(moved)).isEqualTo(new GroupSummary(moved, "Moved", second, "Second renamed", 0, 1));

        readSide.moveGroup(moved, null);
        assertThat(readSide.group(moved)).isEqualTo(new GroupSummary(moved, "Moved", null, null, 0, 2));
    }

    @Test
    void customersCountCountsDirectMembersOnly() {
        GroupId parent = readSide.createGroup("Parent");
        GroupId child = readSide.createGroup("Child", parent);
        CustomerId alice = readSide.createCustomer("Alice");
        CustomerId bob = readSide.createCustomer("Bob");

        readSide.join(alice, parent, child);
        readSide.join(bob, child);

        assertThat(readSide.group(parent).customersCount()).isEqualTo(1);
        assertThat(readSide.group(child).customersCount()).isEqualTo(2);
    }

    @Test
    void aRepeatedJoinIsCountedOnce() {
        GroupId group = readSide.createGroup("Group");
        CustomerId alice = readSide.createCustomer("Alice");

        readSide.join(alice, group);
        readSide.publishCustomerEvent(alice, new CustomerJoinedGroup(alice, group));

        assertThat(readSide.group(group).customersCount()).isEqualTo(1);
        assertThat(readSide.membershipRows(Set.of(group))).isEqualTo(1);
    }

    @Test
    void leavingAndDeletingCustomersRecountsTheGroup() {
        GroupId group = readSide.createGroup("Group");
        CustomerId alice = readSide.createCustomer("Alice");
        CustomerId bob = readSide.createCustomer("Bob");
        CustomerId carol = readSide.createCustomer("Carol");
        readSide.join(alice, group);
        readSide.join(bob, group);
        readSide.join(carol, group);

        readSide.leave(alice, group, false);
        readSide.deleteCustomer(bob);

        assertThat(readSide.group(group).customersCount()).isEqualTo(1);
        assertThat(readSide.customers.handle(new FindCustomer(bob))).isEmpty();
    }

    @Test
    void subtreeDeleteRemovesEveryGroupAndItsMembershipsButKeepsTheCustomers() {
        GroupId root = readSide.createGroup("Root");
        GroupId doomed = readSide.createGroup("Doomed", root);
        GroupId doomedChild = readSide.createGroup("Doomed child", doomed);
        CustomerId alice = readSide.createCustomer("Alice");
        readSide.join(alice, root, doomed, doomedChild);

        // The command side's order: deepest first, then the members' leaves.
        readSide.deleteGroup(doomedChild, doomed);
        readSide.deleteGroup(doomed, doomed);
        readSide.leave(alice, doomedChild, true);
        readSide.leave(alice, doomed, true);

        assertThat(readSide.groups.handle(new FindGroup(doomed))).isEmpty();
        assertThat(readSide.groups.handle(new FindGroup(doomedChild))).isEmpty();
        assertThat(readSide.membershipRows(Set.of(doomed, doomedChild))).isZero();
        assertThat(readSide.customer(alice).groups()).extracting(GroupSummary::groupId).containsExactly(root);
        assertThat(readSide.group(root).customersCount()).isEqualTo(1);
    }

    @Test
    void groupUnderAParentWithoutARowFailsInsteadOfShowingNoParentName() {
        GroupId unknownParent = GroupId.random();
        GroupId group = GroupId.random();

        assertThatThrownBy(() -> readSide.publishGroupEvent(group, new GroupCreated(group, "Orphan", unknownParent)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(unknownParent.toString());
    }

    @Test
    void joiningAGroupWithoutARowFails() {
        CustomerId alice = readSide.createCustomer("Alice");
        GroupId unknown = GroupId.random();

        assertThatThrownBy(() -> readSide.join(alice, unknown))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(unknown.toString());
    }

    @Test
    void rebuildingFromTheEventsGivesTheSameRows() {
        GroupId root = readSide.createGroup("Root");
        GroupId child = readSide.createGroup("Child", root);
        GroupId other = readSide.createGroup("Other");
        GroupId leaf = readSide.createGroup("Leaf", child);
        CustomerId alice = readSide.createCustomer("Alice");
        CustomerId bob = readSide.createCustomer("Bob");
        readSide.join(alice, root, child, leaf);
        readSide.join(bob, child, other);
        readSide.renameGroup(root, "Root renamed");
        readSide.moveGroup(child, other);
        readSide.renameCustomer(bob, "Robert");
        readSide.leave(bob, other, false);
        readSide.deleteGroup(leaf, leaf);
        readSide.leave(alice, leaf, true);
        List<Map<String, Object>> before = readSide.allRows();

        readSide.rebuild();

        assertThat(readSide.allRows()).isEqualTo(before);
        assertThat(readSide.group(child).customersCount()).isEqualTo(2);
    }
}
