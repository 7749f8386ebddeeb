package org.orggroups.app.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.app.rebuild.ReadModelRebuilder;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The generated history is one the service could have recorded: stored as the aggregates store it, replayed
 * into the views without a handler error, the views then consistent, and the command side working on the
 * generated aggregates afterwards.
 */
class DatasetGeneratorIntegrationTest extends IntegrationTest {

    private static final long EVENTS = 3_000;
    private static final int GROUPS = 300;

    @Autowired
    DatasetGenerator generator;

    @Autowired
    ReadModelRebuilder rebuilder;

    @Autowired
    EventStorageEngine storage;

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void generatesAValidHistoryThatReplaysAndTakesCommandsAfterTheRebuild() throws InterruptedException {
        DatasetGenerator.Result result = generator.generate(
                new DatasetGenerator.Options(EVENTS, GROUPS, 7, 500, true), (done, total, rate) -> { });

        assertThat(result.events()).isEqualTo(EVENTS);
        assertThat(count("select count(*) from domain_event_entry")).as("exactly the events asked for")
                .isEqualTo(EVENTS);
        assertThat(result.groupsLive()).isBetween(GROUPS * 9 / 10, GROUPS * 11 / 10);
        assertThat(result.customersLive()).isBetween(GROUPS * 4 / 10, GROUPS * 6 / 10);
        assertThat(count("select count(*) from group_view")).as("read tables left for the rebuild").isZero();
        assertStoredLikeTheAggregates();

        assertThat(rebuilder.rebuildAll()).isEqualTo(EVENTS);

        assertViewsConsistent(result);
        awaitStreamingProcessors();
        assertThat(count("select count(*) from audit_event")).isEqualTo(EVENTS);
        assertCommandsWork();
    }

    /** Types, sequence numbers, metadata and times, read back through Axon as the aggregates would read them. */
    private void assertStoredLikeTheAggregates() {
        String staff = jdbc.queryForObject("select id from app_user where username = ?", UUID.class,
                ADMIN_USERNAME).toString();
        Map<String, Long> nextSequence = new HashMap<>();
        Instant previous = Instant.EPOCH;
        Instant first = null;
        long read = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                DomainEventMessage<?> event = (DomainEventMessage<?>) iterator.next();
                read++;
                String expectedType = event.getPayloadType().getPackageName().endsWith(".group")
                        ? "OrganizationGroup" : "Customer";
                assertThat(event.getType()).isEqualTo(expectedType);
                long expected = nextSequence.getOrDefault(event.getAggregateIdentifier(), 0L);
                assertThat(event.getSequenceNumber()).as("sequence of %s", event.getAggregateIdentifier())
                        .isEqualTo(expected);
                nextSequence.put(event.getAggregateIdentifier(), expected + 1);
                assertThat(event.getMetaData().get(MetadataKeys.USER_UUID)).isEqualTo(staff);
                assertThat(event.getMetaData().get(MetadataKeys.USERNAME)).isEqualTo(ADMIN_USERNAME);
                assertThat((String) event.getMetaData().get(MetadataKeys.CORRELATION_ID)).matches("[0-9a-f]{32}");
                if (event.getPayload() instanceof GroupDeleted deleted && deleted.cascaded()) {
                    assertThat(event.getMetaData().get(MetadataKeys.CAUSED_BY_GROUP))
                            .isEqualTo(deleted.deletedBy().toString());
                }
                assertThat(event.getTimestamp()).as("time never goes back").isAfterOrEqualTo(previous);
                assertThat(event.getTimestamp().getNano() % 1_000_000).as("whole milliseconds").isZero();
                previous = event.getTimestamp();
                if (first == null) {
                    first = previous;
                }
            }
        }
        assertThat(read).isEqualTo(EVENTS);
        assertThat(Duration.between(first, previous).toDays()).as("spread over about two years")
                .isBetween(600L, 731L);
        assertThat(previous).isBefore(Instant.now());
    }

    private void assertViewsConsistent(DatasetGenerator.Result result) {
        assertThat(count("select count(*) from group_view")).isEqualTo(result.groupsLive());
        assertThat(count("select count(*) from group_tree where deleted = false")).isEqualTo(result.groupsLive());
        assertThat(count("select count(*) from customer_view")).isEqualTo(result.customersLive());
        assertThat(count("select count(*) from customer_group_view")).isEqualTo(result.memberships());
        assertThat(count("select count(*) from group_member")).isEqualTo(result.memberships());
        assertThat(count("""
                select count(*) from group_view v where v.parent_id is not null
                and not exists (select 1 from group_view p where p.group_id = v.parent_id)""")).as("orphans").isZero();
        assertThat(count("""
                select count(*) from group_view v where v.customers_count <>
                (select count(*) from customer_group_view m where m.group_id = v.group_id)""")).isZero();
        assertThat(count("""
                select count(*) from customer_group_view m
                where not exists (select 1 from group_view g where g.group_id = m.group_id)""")).isZero();

        Map<UUID, UUID> parents = new HashMap<>();
        jdbc.query("select group_id, parent_id from group_tree where deleted = false",
                rs -> { parents.put(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)); });
        int deepest = 0;
        for (UUID group : parents.keySet()) {
            int levels = 1;
            for (UUID up = parents.get(group); up != null; up = parents.get(up)) {
                assertThat(parents).as("live parent").containsKey(up);
                levels++;
                assertThat(levels).as("no cycle above %s", group).isLessThanOrEqualTo(SyntheticHistory.MAX_LEVELS);
            }
            deepest = Math.max(deepest, levels);
        }
        assertThat(deepest).isBetween(4, SyntheticHistory.MAX_LEVELS);
        int[] perLevel = result.groupsPerLevel();
        assertThat(perLevel[0]).isLessThan(perLevel[1]).isLessThan(perLevel[2]);
    }

    /** The streaming projections (audit log, reports) take the generated events too. */
    private void awaitStreamingProcessors() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (count("select count(*) from audit_event") < EVENTS && System.nanoTime() < deadline) {
            for (var processor : processing.eventProcessors().values()) {
                if (processor instanceof StreamingEventProcessor streaming) {
                    assertThat(streaming.processingStatus().values()).as(streaming.getName())
                            .noneMatch(EventTrackerStatus::isErrorState);
                }
            }
            Thread.sleep(100);
        }
    }

    /** Aggregates load from the generated events and take new ones after them (sequence numbers continue). */
    private void assertCommandsWork() {
        Map<String, Object> leaf = jdbc.queryForMap("""
                select g.group_id, g.version from group_view g
                where g.parent_id is not null and g.customers_count > 0
                and not exists (select 1 from group_view c where c.parent_id = g.group_id)
                order by g.group_id limit 1""");
        String group = leaf.get("group_id").toString();
        long version = ((Number) leaf.get("version")).longValue();

        Response renamed = patch("/api/organization-groups/" + group + "/", Map.of("name", "Renamed after generation"));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed after generation");
        assertThat(renamed.header("ETag")).isEqualTo("\"" + (version + 1) + "\"");

        String root = jdbc.queryForObject("select group_id from group_view where parent_id is null order by group_id"
                + " limit 1", UUID.class).toString();
        Response moved = patch("/api/organization-groups/" + group + "/",
                Map.of("parent", baseUrl() + "/api/organization-groups/" + root + "/"));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);

        String customer = jdbc.queryForObject("select customer_id from customer_group_view where group_id = ?"
                + " order by customer_id limit 1", UUID.class, UUID.fromString(group)).toString();
        Response joined = post("/api/customers/" + customer + "/update_organization_groups/",
                Map.of("organization_groups", List.of(baseUrl() + "/api/organization-groups/" + root + "/")));
        assertThat(joined.status()).as(joined.body()).isEqualTo(200);

        Response deleted = delete("/api/organization-groups/" + root + "/");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(jdbc.queryForObject("select count(*) from customer_group_view where customer_id = ?",
                Long.class, CustomerId.parse(customer).uuid())).as("memberships left after the delete")
                .isLessThan(GROUPS);
        assertThat(jdbc.queryForObject("select count(*) from group_view where group_id = ?", Long.class,
                UUID.fromString(root))).isZero();
    }

    private long count(String sql) {
        Long value = jdbc.queryForObject(sql, Long.class);
        return value == null ? 0 : value;
    }
}
