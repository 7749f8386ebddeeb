package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.audit.AuditEvent;
import org.orggroups.api.query.audit.ListAuditEvents;
import org.orggroups.query.audit.AuditEventBulkRebuild;
import org.orggroups.query.audit.AuditEventQueryHandler;
import org.orggroups.query.audit.AuditEventProjection;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * {@link AuditEventBulkRebuild} gives, row for row, the {@code audit_event} rows {@link AuditEventProjection}'s
 * handler writes for the same events. Here rather than next to the projection because the test databases are this
 * package's. The handler reads each event's global index back from the event store, so its database gets a bare
 * {@code domain_event_entry} with the two columns it reads.
 */
class AuditEventBulkRebuildTest {

    private final AuditEventBulkRebuild rebuild = new AuditEventBulkRebuild();
    private TestDatabase handlers;
    private TestDatabase folded;

    @BeforeEach
    void setUp() {
        handlers = TestDatabase.create();
        folded = TestDatabase.create();
        for (TestDatabase database : List.of(handlers, folded)) {
            new ResourceDatabasePopulator(new ClassPathResource("audit_and_reports.sql"))
                    .execute(database.jdbc().getDataSource());
        }
        handlers.jdbc().execute("create table domain_event_entry (global_index bigint not null primary key,"
                + " event_identifier varchar(255) not null unique)");
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
        GroupId child = history.createGroup("Child \"quoted\" \u00e9", root);
        CustomerId alice = history.createCustomer("Alice");
        history.join(alice, child);
        history.join(alice, child);
        history.nextDay();
        history.renameGroup(root, "Root renamed");
        history.deleteSubtree(root);
        history.deleteCustomer(alice);
        // An aggregate identifier that is no UUID stays out of the uuid column, on both ways.
        history.publish("LegacyAggregate", "legacy-7", new CustomerRenamed(alice, "x", "y"));
        history.publish("OrganizationGroup", "not-a-uuid", new GroupCreated(GroupId.random(), "g", null));

        List<Map<String, Object>> rows = assertSameRows(history);
        assertThat(rows).hasSize(history.events().size());
        assertThat(rows).filteredOn(row -> row.get("aggregate_id") == null).hasSize(2);
    }

    @Test
    void offeringEventsAreRecordedUnderTheirOfferingWithTheirIdsAndGroups() {
        EventHistory history = new EventHistory(44);
        GroupId group = history.createGroup("Group", null);
        CustomerId provider = history.createCustomer("Provider");
        OfferingId offering = history.createOffering("Compute", provider, true, true, List.of(group));
        PlanId plan = history.createPlan(offering, "Plan", false, List.of(group));
        history.openPlan(offering, plan);
        history.deleteProvider(provider);

        assertSameRows(history);
        List<AuditEvent> events = new AuditEventQueryHandler(handlers.jdbc()).handle(new ListAuditEvents(
                offering.uuid(), null, null, null, null, null, new PageRequest(1, 10))).items();
        assertThat(events).extracting(AuditEvent::eventType).containsExactly("OfferingDeleted", "PlanAccessOpened",
                "PlanCreated", "OfferingCreated");
        assertThat(events).extracting(AuditEvent::aggregateType).containsOnly("Offering");
        assertThat(events).extracting(AuditEvent::sequence).containsExactly(3L, 2L, 1L, 0L);
        Map<String, Object> created = events.get(3).payload();
        assertThat(created).containsExactly(Map.entry("offering_id", offering.uuid()),
                Map.entry("provider_id", provider.uuid()), Map.entry("name", "Compute"), Map.entry("shared", true),
                Map.entry("group_ids", List.of(group.uuid())), Map.entry("include_descendant_groups", true));
        assertThat(events.get(2).payload()).containsEntry("plan_id", plan.uuid())
                .containsEntry("offering_id", offering.uuid());
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53})
    void randomHistoryGivesTheHandlersRows(long seed) {
        assertSameRows(new EventHistory(seed).randomSteps(400));
    }

    private List<Map<String, Object>> assertSameRows(EventHistory history) {
        JdbcTemplate jdbc = handlers.jdbc();
        AuditEventProjection projection = new AuditEventProjection(jdbc);
        for (EventHistory.Stored event : history.events()) {
            jdbc.update("insert into domain_event_entry (global_index, event_identifier) values (?, ?)",
                    event.globalIndex(), event.message().getIdentifier());
            EventHistory.replayThroughHandlers(List.of(event), projection);
        }
        EventHistory.replayThroughFold(history.events(), rebuild, folded.jdbc());
        List<Map<String, Object>> expected = EventHistory.rows(rebuild, jdbc).get("audit_event");
        assertThat(EventHistory.rows(rebuild, folded.jdbc()).get("audit_event")).isEqualTo(expected);
        return expected;
    }
}
