package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ErrorContext;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.app.projections.ProcessorFailures;
import org.orggroups.app.rebuild.StoredEvents;
import org.orggroups.app.support.HandlerReplay;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.app.support.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The streaming projections when a node dies holding segments (API.md section 10): the segments wait, shown as
 * {@code waiting} with whose claim and until when (not {@code retrying} for a failure the survivor had before, nor
 * {@code failed} for a rebuild it could not run),
 * until the claim expires; then another node takes them over and handles every event exactly once.
 *
 * <p>A {@code kill -9} cannot be done to a node in this JVM, but what the other nodes see of it is rows of
 * {@code token_entry} under its name whose claims are no longer renewed: this test's own node stops its streaming
 * processors and its rows are given to a node name that no running node has.
 */
class ProjectionTakeoverIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final String DEAD = "dead-node";
    private static final String SURVIVOR = "survivor";
    /**
     * The survivor's claim timeout: long, so that the claims of the dead node stay unexpired while the test looks
     * at them; the test then ages them past it, which is what the passing of time does to a dead node's claims.
     */
    private static final Duration SURVIVOR_CLAIM_TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> STREAMING = List.of("audit-events", "group-report");
    private static final List<String> DERIVED = HandlerReplay.STREAMING_TABLES;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    TokenStore tokenStore;

    private HandlerReplay handlers;

    @BeforeEach
    void handlers() {
        handlers = new HandlerReplay(processing, storedEvents, transactionManager);
    }

    @Test
    void segmentsOfADeadNodeWaitForItsClaimsToExpireThenAnotherNodeHandlesEveryEventOnce() {
        writeScriptedHistory();
        awaitCaughtUp();
        streaming().forEach(EventProcessor::shutDown);
        SecondNode survivor = null;
        try {
            // Claimed by the dead node, last renewed longer ago than a live node lets a claim age (half the
            // timeout), not yet expired.
            String lastRenewal = DateTimeUtils.formatInstant(
                    Instant.now().minus(SURVIVOR_CLAIM_TIMEOUT.dividedBy(2)).minusSeconds(1));
            jdbc.update("update token_entry set owner = ?, timestamp = ? where processor_name = 'group-report'"
                            + " or (processor_name = 'audit-events' and segment in (0, 2))",
                    DEAD, lastRenewal);
            survivor = SecondNode.start("--orggroups.node-name=" + SURVIVOR,
                    "--axon.eventhandling.tokenstore.claim-timeout=" + SURVIVOR_CLAIM_TIMEOUT.toSeconds() + "s");
            String base = survivor.baseUrl();
            await().atMost(Duration.ofSeconds(60)).until(() -> owners("audit-events").equals(
                    List.of(DEAD, SURVIVOR, DEAD, SURVIVOR)));

            mixedWrites(base);
            long head = storedEvents.head();
            // A failure the survivor had before the death, as a batch that met the database away leaves it:
            // at the position the dead node's segments stay at, so the position cannot get past it before they are
            // taken over. What the processor waits for is the dead node, not that failure.
            ProcessorFailures survivorFailures = survivor.bean(ProcessorFailures.class);
            for (String name : STREAMING) {
                assertThatThrownBy(() -> survivorFailures.handleError(new ErrorContext(name,
                        new IllegalStateException("the database was away"), List.of())))
                        .hasMessage("the database was away");
            }
            // And an error of the survivor's group-report coordinator, which holds no segment of it: Axon clears it
            // only when that coordinator next hands out work, which it cannot before the takeover.
            StreamingEventProcessor survivorReport = (StreamingEventProcessor) survivor
                    .bean(EventProcessingConfiguration.class).eventProcessors().get("group-report");
            jdbc.execute("alter table token_entry rename to token_entry_away");
            try {
                await().atMost(Duration.ofSeconds(60)).until(survivorReport::isError);
            } finally {
                jdbc.execute("alter table token_entry_away rename to token_entry");
            }

            String expiry = DateTimeUtils.parseInstant(lastRenewal).plus(SURVIVOR_CLAIM_TIMEOUT).toString();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode audit = projection(base, "audit-events");
                assertThat(audit.get("status").asText()).as(audit.toString()).isEqualTo("waiting");
                assertThat(audit.get("waiting_for").asText()).isEqualTo(
                        "segment 0 held by dead-node until its claim expires at " + expiry
                                + "; segment 2 held by dead-node until its claim expires at " + expiry);
                assertThat(audit.get("lag").asLong()).isPositive();
                assertThat(audit.has("error")).isFalse();
                JsonNode report = projection(base, "group-report");
                assertThat(report.get("status").asText()).as(report.toString()).isEqualTo("waiting");
                assertThat(report.get("waiting_for").asText())
                        .isEqualTo("segment 0 held by dead-node until its claim expires at " + expiry);
                assertThat(report.get("position").asLong()).isLessThan(head);
            });
            assertThat(owners("audit-events")).containsExactly(DEAD, SURVIVOR, DEAD, SURVIVOR);
            assertThat(owners("group-report")).containsExactly(DEAD);

            // A rebuild asked for meanwhile fails on the dead node's claims; the projection still shows what it
            // waits for, not that failure (a rebuild that is still running would show rebuilding).
            assertThat(call("POST", base + "/api/projections/audit-events/rebuild/", adminToken(), null).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode audit = projection(base, "audit-events");
                assertThat(audit.get("status").asText()).as(audit.toString()).isEqualTo("waiting");
                assertThat(audit.has("error")).isFalse();
                assertThat(owners("audit-events")).containsExactly(DEAD, SURVIVOR, DEAD, SURVIVOR);
            });

            jdbc.update("update token_entry set timestamp = ? where owner = ?",
                    DateTimeUtils.formatInstant(Instant.now().minus(SURVIVOR_CLAIM_TIMEOUT).minusSeconds(1)), DEAD);

            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                for (String name : STREAMING) {
                    JsonNode state = projection(base, name);
                    assertThat(state.get("position").asLong()).as(state.toString()).isEqualTo(head);
                    assertThat(state.get("lag").asLong()).isZero();
                }
                assertThat(projection(base, "group-report").get("status").asText()).isEqualTo("live");
            });
            // Taken over, the failed rebuild shows again until the next one, which now has every segment.
            JsonNode failed = projection(base, "audit-events");
            assertThat(failed.get("status").asText()).as(failed.toString()).isEqualTo("failed");
            assertThat(failed.get("error").asText()).contains(DEAD);
            assertThat(call("POST", base + "/api/projections/audit-events/rebuild/", adminToken(), null).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
                JsonNode audit = projection(base, "audit-events");
                assertThat(audit.get("status").asText()).as(audit.toString()).isEqualTo("live");
                assertThat(audit.get("position").asLong()).isEqualTo(head);
            });
            assertThat(owners("audit-events")).containsOnly(SURVIVOR);
            assertThat(owners("group-report")).containsOnly(SURVIVOR);
            assertThat(jdbc.queryForList("select global_index from audit_event order by global_index", Long.class))
                    .as("one audit row for every event: none skipped, none doubled")
                    .isEqualTo(jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                            Long.class));
            Map<String, List<Map<String, Object>>> takenOver = snapshot();

            survivor.close();
            survivor = null;
            streaming().forEach(EventProcessor::start);
            STREAMING.forEach(handlers::streaming);
            assertThat(snapshot()).as("the rows of a replay of every event through the handlers")
                    .isEqualTo(takenOver);
        } finally {
            if (survivor != null) {
                survivor.close();
            }
            streaming().forEach(EventProcessor::start);
        }
    }

    /**
     * Events handled again by the audit log, as when a segment's batch is delivered a second time, leave its rows
     * as they are: one row per event, keyed by the event's global index.
     */
    @Test
    void eventsDeliveredAgainLeaveTheAuditLogAsItWas() {
        writeScriptedHistory();
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> before = snapshot();
        StreamingEventProcessor audit = (StreamingEventProcessor) processing.eventProcessors().get("audit-events");
        int segments = tokenStore.fetchSegments("audit-events").length;
        audit.shutDown();
        try {
            // Half way back through this test's own events: the event store's cache of recent events still holds
            // the events of earlier tests, deleted from the store, which a token further back would be fed.
            long first = jdbc.queryForObject("select min(global_index) from domain_event_entry", Long.class);
            long back = first + (storedEvents.head() - first) / 2;
            new TransactionTemplate(transactionManager).executeWithoutResult(status -> {
                jdbc.update("delete from token_entry where processor_name = 'audit-events'");
                tokenStore.initializeTokenSegments("audit-events", segments,
                        GapAwareTrackingToken.newInstance(back, List.of()));
            });
        } finally {
            audit.start();
        }
        awaitCaughtUp();

        assertThat(snapshot()).isEqualTo(before);
    }

    /** Creates, renames, moves, joins and deletes through the node at {@code base}, each answered 2xx. */
    private void mixedWrites(String base) {
        List<String> groups = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = new HashMap<>();
            body.put("name", "Load " + i);
            body.put("parent", groups.isEmpty() ? null : base + GROUPS + groups.get(0) + "/");
            Response created = call("POST", base + GROUPS, adminToken(), json(body));
            assertThat(created.status()).isEqualTo(201);
            groups.add(created.json().get("uuid").asText());
        }
        String customer = call("POST", base + "/api/customers/", adminToken(), json(Map.of("name", "Loader")))
                .json().get("uuid").asText();
        assertThat(call("PATCH", base + GROUPS + groups.get(5) + "/", adminToken(),
                json(Map.of("parent", base + GROUPS + groups.get(4) + "/"))).status()).isEqualTo(200);
        assertThat(call("PATCH", base + GROUPS + groups.get(1) + "/", adminToken(),
                json(Map.of("name", "Load renamed"))).status()).isEqualTo(200);
        assertThat(call("POST", base + "/api/customers/" + customer + "/update_organization_groups/", adminToken(),
                json(Map.of("organization_groups", List.of(base + GROUPS + groups.get(2) + "/",
                        base + GROUPS + groups.get(5) + "/")))).status()).isEqualTo(200);
        assertThat(call("DELETE", base + GROUPS + groups.get(4) + "/", adminToken(), null).status()).isEqualTo(204);
    }

    private JsonNode projection(String base, String name) {
        Response response = call("GET", base + "/api/projections/" + name + "/", adminToken(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    /** @return the owner of each of the processor's segments, by segment number */
    private List<String> owners(String processor) {
        return jdbc.queryForList("select owner from token_entry where processor_name = ? order by segment",
                String.class, processor);
    }

    private List<StreamingEventProcessor> streaming() {
        return STREAMING.stream().map(name -> (StreamingEventProcessor) processing.eventProcessors().get(name))
                .toList();
    }

    private void awaitCaughtUp() {
        long head = storedEvents.head();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String name : STREAMING) {
                JsonNode state = projection(baseUrl(), name);
                assertThat(state.get("status").asText()).as(state.toString()).isEqualTo("live");
                assertThat(state.get("position").asLong()).as(state.toString()).isEqualTo(head);
            }
        });
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String query : DERIVED) {
            rows.put(query, jdbc.queryForList(query));
        }
        return rows;
    }
}
