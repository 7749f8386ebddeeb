package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;

/**
 * {@link GroupViewBulkRebuild} gives, row for row, the tables {@link GroupViewProjection}'s handlers write for the
 * same events: scripted histories for each rule and edge case, random ones for the combinations, each replayed
 * through the handlers into one database and through the fold into another.
 */
class GroupViewBulkRebuildTest {

    private final GroupViewBulkRebuild rebuild = new GroupViewBulkRebuild();
    private TestDatabase handlers;
    private TestDatabase folded;

    @BeforeEach
    void setUp() {
        handlers = TestDatabase.create();
        folded = TestDatabase.create();
    }

    @AfterEach
    void tearDown() {
        handlers.close();
        folded.close();
    }

    @Test
    void scriptedHistoryGivesTheHandlersRows() {
        EventHistory history = new EventHistory(1);
        GroupId root = history.createGroup("Root", null);
        GroupId child = history.createGroup("Child", root);
        GroupId sibling = history.createGroup("Sibling", root);
        GroupId grandchild = history.createGroup("Grandchild", child);
        GroupId other = history.createGroup("Other", null);
        CustomerId alice = history.createCustomer("Alice");
        CustomerId bob = history.createCustomer("Bob");
        history.join(alice, root);
        history.join(alice, child);
        history.join(alice, grandchild);
        history.join(bob, child);
        history.join(bob, child);
        history.nextDay();
        history.renameGroup(root, "Root renamed");
        history.renameGroup(child, "Child renamed");
        history.moveGroup(child, other);
        history.moveGroup(sibling, null);
        history.renameGroup(other, "Other renamed");
        history.leave(bob, child);
        history.join(bob, child);
        history.nextDay();
        history.deleteSubtree(other);
        history.publishCustomerEvent(bob, new CustomerLeftGroup(bob, child, true));
        history.deleteCustomer(alice);
        history.renameCustomer(bob, "Robert");
        GroupId late = history.createGroup("Late", root);
        history.join(bob, late);

        assertSameRows(history);
    }

    @Test
    void aRenameRewritesTheDirectChildrenOnlyAndClosesTheirTimelineRows() {
        EventHistory history = new EventHistory(2);
        GroupId root = history.createGroup("Root", null);
        GroupId first = history.createGroup("First", root);
        GroupId second = history.createGroup("Second", root);
        history.createGroup("Grandchild", first);
        history.renameGroup(root, "New");
        history.renameGroup(root, "Newer");
        history.moveGroup(second, null);
        history.renameGroup(root, "Newest");

        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("group_timeline")).filteredOn(row -> row.get("parent_name") != null
                        && row.get("parent_name").toString().startsWith("New"))
                .hasSize(5);
    }

    @Test
    void joinsToldTwiceAndLeavesOfDeletedGroupsRecordNothing() {
        EventHistory history = new EventHistory(3);
        GroupId top = history.createGroup("Top", null);
        GroupId middle = history.createGroup("Middle", top);
        GroupId bottom = history.createGroup("Bottom", middle);
        CustomerId alice = history.createCustomer("Alice");
        history.join(alice, top);
        history.join(alice, top);
        history.join(alice, middle);
        history.join(alice, bottom);
        history.deleteSubtree(middle);
        history.publishCustomerEvent(alice, new CustomerLeftGroup(alice, bottom, true));
        history.publishGroupEvent(bottom, new GroupDeleted(bottom, middle, middle));
        history.join(alice, top);

        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("customer_group_timeline")).hasSize(3);
        assertThat(rows.get("group_timeline")).hasSize(2 + 2 + 2);
    }

    @Test
    void timesAreTheStoredMillisecondsInUtc() {
        EventHistory history = new EventHistory(4);
        for (int i = 0; i < 30; i++) {
            history.createGroup("g" + i, null);
        }
        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("group_timeline")).allSatisfy(row -> {
            OffsetDateTime validFrom = toOffsetDateTime(row.get("valid_from"));
            assertThat(validFrom.getNano() % 1_000_000).isZero();
        });
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13, 14, 15, 16, 17, 18})
    void randomHistoryGivesTheHandlersRows(long seed) {
        assertSameRows(new EventHistory(seed).randomSteps(600));
    }

    @Test
    void failsAsTheHandlersDoForEventsNamingAGroupWithoutARow() {
        GroupId missing = GroupId.random();
        assertBothFail(history -> {
            CustomerId alice = history.createCustomer("Alice");
            history.publishCustomerEvent(alice, new CustomerJoinedGroup(alice, missing));
        }, missing);
        assertBothFail(history -> history.publishGroupEvent(missing, new GroupRenamed(missing, "x", "y")), missing);
        assertBothFail(history -> history.publishGroupEvent(missing, new GroupReparented(missing, null, null)),
                missing);
        assertBothFail(history -> {
            GroupId group = history.createGroup("Group", null);
            history.publishGroupEvent(group, new GroupReparented(group, missing, null));
        }, missing);
        assertBothFail(history -> {
            GroupId group = GroupId.random();
            history.publishGroupEvent(group, new GroupCreated(group, "Orphan", missing));
        }, missing);
        assertBothFail(history -> {
            GroupId parent = history.createGroup("Parent", null);
            GroupId child = history.createGroup("Child", parent);
            CustomerId alice = history.createCustomer("Alice");
            history.deleteSubtree(parent);
            history.publishCustomerEvent(alice, new CustomerJoinedGroup(alice, child));
        }, null);
    }

    @Test
    void aSecondCreationOfALiveGroupFailsLikeTheHandlersInsert() {
        EventHistory history = new EventHistory(5);
        GroupId group = history.createGroup("Group", null);
        history.publishGroupEvent(group, new GroupCreated(group, "Again", null));

        assertThat(catchThrowable(() -> EventHistory.replayThroughHandlers(history.events(),
                new GroupViewProjection(handlers.jdbc())))).isNotNull();
        assertThatThrownBy(() -> EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(group.toString());
    }

    private void assertBothFail(Consumer<EventHistory> script, GroupId named) {
        EventHistory history = new EventHistory(6);
        script.accept(history);
        TestDatabase first = TestDatabase.create();
        TestDatabase second = TestDatabase.create();
        try {
            Throwable byHandlers = catchThrowable(() -> EventHistory.replayThroughHandlers(history.events(),
                    new GroupViewProjection(first.jdbc())));
            Throwable byFold = catchThrowable(() -> EventHistory.replayThroughFold(history.events(), rebuild,
                    second.jdbc()));
            assertThat(byHandlers).isInstanceOf(IllegalStateException.class);
            assertThat(byFold).isInstanceOf(IllegalStateException.class)
                    .hasMessage(byHandlers.getMessage())
                    .hasMessageContaining("has no row");
            if (named != null) {
                assertThat(byFold).hasMessageContaining(named.toString());
            }
        } finally {
            first.close();
            second.close();
        }
    }

    private Map<String, List<Map<String, Object>>> assertSameRows(EventHistory history) {
        EventHistory.replayThroughHandlers(history.events(), new GroupViewProjection(handlers.jdbc()));
        EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc());
        Map<String, List<Map<String, Object>>> expected = EventHistory.rows(rebuild, handlers.jdbc());
        assertThat(EventHistory.rows(rebuild, folded.jdbc())).isEqualTo(expected);
        assertThat(expected.get("group_timeline")).isNotEmpty();
        return expected;
    }

    private static OffsetDateTime toOffsetDateTime(Object value) {
        return value instanceof OffsetDateTime time ? time
                : ((java.sql.Timestamp) value).toInstant().atOffset(java.time.ZoneOffset.UTC);
    }
}
