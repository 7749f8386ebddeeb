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
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanId;
import org.orggroups.query.offering.OfferingViewBulkRebuild;
import org.orggroups.query.offering.OfferingViewProjection;

/**
 * {@link OfferingViewBulkRebuild} gives, row for row, the tables {@link OfferingViewProjection}'s handlers write
 * for the same events, replayed through the handlers into one database and through the fold into another.
 */
class OfferingViewBulkRebuildTest {

    private final OfferingViewBulkRebuild rebuild = new OfferingViewBulkRebuild();
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
        EventHistory history = new EventHistory(41);
        GroupId root = history.createGroup("Root", null);
        GroupId child = history.createGroup("Child", root);
        GroupId other = history.createGroup("Other", null);
        CustomerId provider = history.createCustomer("Provider");
        CustomerId gone = history.createCustomer("Gone");
        OfferingId offering = history.createOffering("Compute", provider, true, false, List.of(child, other));
        PlanId small = history.createPlan(offering, "Small", false, List.of());
        PlanId large = history.createPlan(offering, "Large", true, List.of(child));
        history.restrictPlan(offering, small, false, List.of(other, root));
        OfferingId closing = history.createOffering("Closing", provider, false, true, List.of(child));
        history.createPlan(closing, "Closing plan", false, List.of(child));
        history.deleteSubtree(root);
        history.openPlan(offering, large);
        history.restrictOffering(offering, true, List.of(other));
        OfferingId goneOffering = history.createOffering("Gone's", gone, true, false, List.of(other));
        history.createPlan(goneOffering, "Gone plan", false, List.of(other));
        history.deleteProvider(gone);
        history.openOffering(closing);

        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("offering_view")).hasSize(2);
        assertThat(rows.get("offering_group_view")).hasSize(1);
        assertThat(rows.get("plan_view")).hasSize(3);
        assertThat(rows.get("plan_group_view")).hasSize(1);
        assertThat(rows.get("plan_stream")).hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53})
    void randomHistoryGivesTheHandlersRows(long seed) {
        Map<String, List<Map<String, Object>>> rows = assertSameRows(new EventHistory(seed).randomOfferingSteps(500));
        assertThat(rows.get("offering_view")).isNotEmpty();
        assertThat(rows.get("plan_group_view")).isNotEmpty();
    }

    @Test
    void failsAsTheHandlersDoForAChangeOfAnOfferingWithoutARow() {
        EventHistory history = new EventHistory(42);
        GroupId group = history.createGroup("Group", null);
        OfferingId ghost = OfferingId.random();
        history.publishOfferingEvent(ghost, new OfferingAccessRestricted(ghost, List.of(group), false, List.of()));
        assertSameFailure(history, ghost.toString());
    }

    @Test
    void failsAsTheHandlersDoForAChangeOfAPlanWithoutARow() {
        EventHistory history = new EventHistory(43);
        CustomerId provider = history.createCustomer("Provider");
        OfferingId offering = history.createOffering("Compute", provider, true, false, List.of());
        PlanId ghost = PlanId.random();
        history.publishOfferingEvent(offering, new PlanAccessOpened(ghost, offering, List.of()));
        assertSameFailure(history, ghost.toString());
    }

    private void assertSameFailure(EventHistory history, String id) {
        Throwable byHandlers = catchThrowable(() -> EventHistory.replayThroughHandlers(history.events(),
                new OfferingViewProjection(handlers.jdbc())));
        assertThat(byHandlers).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage(byHandlers.getMessage())
                .hasMessageContaining("has no row")
                .hasMessageContaining(id);
    }

    private Map<String, List<Map<String, Object>>> assertSameRows(EventHistory history) {
        EventHistory.replayThroughHandlers(history.events(), new OfferingViewProjection(handlers.jdbc()));
        EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc());
        Map<String, List<Map<String, Object>>> expected = EventHistory.rows(rebuild, handlers.jdbc());
        assertThat(EventHistory.rows(rebuild, folded.jdbc())).isEqualTo(expected);
        return expected;
    }
}
