package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.group.GroupId;

/**
 * {@link CustomerViewBulkRebuild} gives, row for row, the tables {@link CustomerViewProjection}'s handlers write
 * for the same events, replayed through the handlers into one database and through the fold into another.
 */
class CustomerViewBulkRebuildTest {

    private final CustomerViewBulkRebuild rebuild = new CustomerViewBulkRebuild();
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
        EventHistory history = new EventHistory(21);
        GroupId group = history.createGroup("Group", null);
        CustomerId alice = history.createCustomer("Alice");
        CustomerId bob = history.createCustomer("Bob");
        CustomerId carol = history.createCustomer("Carol");
        history.join(alice, group);
        history.renameCustomer(alice, "Alice B.");
        history.renameCustomer(alice, "Alice C.");
        history.nextDay();
        history.renameCustomer(bob, "Robert");
        history.deleteCustomer(alice);
        history.deleteCustomer(carol);
        // A deletion told twice and a customer registered again under its old id: the handlers take both.
        history.publishCustomerEvent(carol, new CustomerDeleted(carol));
        history.publishCustomerEvent(alice, new CustomerCreated(alice, "Alice again"));
        history.publishCustomerEvent(alice, new CustomerRenamed(alice, "Alice D.", "Alice again"));

        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("customer_view")).hasSize(2);
        assertThat(rows.get("customer_timeline")).hasSize(3 + 2 + 1 + 2);
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34, 35})
    void randomHistoryGivesTheHandlersRows(long seed) {
        assertSameRows(new EventHistory(seed).randomSteps(600));
    }

    @Test
    void failsAsTheHandlersDoForARenameOfACustomerWithoutARow() {
        EventHistory history = new EventHistory(22);
        CustomerId alice = history.createCustomer("Alice");
        history.deleteCustomer(alice);
        history.publishCustomerEvent(alice, new CustomerRenamed(alice, "Ghost", "Alice"));

        Throwable byHandlers = catchThrowable(() -> EventHistory.replayThroughHandlers(history.events(),
                new CustomerViewProjection(handlers.jdbc())));
        assertThat(byHandlers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(byHandlers.getMessage())
                .hasMessageContaining("has no row")
                .hasMessageContaining(alice.toString());
    }

    private Map<String, List<Map<String, Object>>> assertSameRows(EventHistory history) {
        EventHistory.replayThroughHandlers(history.events(), new CustomerViewProjection(handlers.jdbc()));
        EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc());
        Map<String, List<Map<String, Object>>> expected = EventHistory.rows(rebuild, handlers.jdbc());
        assertThat(EventHistory.rows(rebuild, folded.jdbc())).isEqualTo(expected);
        assertThat(expected.get("customer_timeline")).isNotEmpty();
        return expected;
    }
}
