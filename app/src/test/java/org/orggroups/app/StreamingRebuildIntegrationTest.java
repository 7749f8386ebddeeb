package org.orggroups.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.app.projections.Projections;
import org.orggroups.app.projections.RebuildRun;
import org.orggroups.app.rebuild.StoredEvents;
import org.orggroups.app.support.HandlerReplay;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rebuilds of the streaming projections (the audit log and the group reports): in bulk into new tables that
 * replace the old ones at the end, with the processor going on from where the load stopped. Checked against the
 * rows that the projections' own handlers write, live and in Axon's replay, also when clients write during the
 * rebuilds.
 */
class StreamingRebuildIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final List<String> STREAMING = List.of("audit-events", "group-report");
    private static final List<String> DERIVED = HandlerReplay.STREAMING_TABLES;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    Projections projections;

    private HandlerReplay handlers;

    @BeforeEach
    void handlers() {
        handlers = new HandlerReplay(processing, storedEvents, transactionManager);
    }

    @Test
    void aRebuildGivesExactlyTheRowsLiveProcessingWrote() {
        writeScriptedHistory();
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> live = snapshot();
        assertThat(live.get(DERIVED.get(0))).hasSize((int) storedEvents.count());

        for (String name : STREAMING) {
            Response started = call("POST", "/api/projections/" + name + "/rebuild/", adminToken(), null);
            assertThat(started.status()).isEqualTo(202);
            awaitLive(name);
        }
        awaitCaughtUp();

        assertThat(snapshot()).isEqualTo(live);
        String root = jdbc.queryForObject("select group_id from report_group where depth = 0 order by name limit 1",
                String.class);
        assertThat(get(GROUPS + root.replace("-", "") + "/stats/").status()).isEqualTo(200);
    }

    /**
     * Four real writers go on through HTTP while the streaming projections are rebuilt again and again; no write
     * fails, and afterwards the tables are exactly those that Axon's replay through the handlers gives.
     */
    @Test
    void rebuildsUnderConcurrentWritesEndEqualToAReplayThroughTheHandlers() throws Exception {
        List<String> groups = new ArrayList<>(List.of(writeScriptedHistory()));
        for (int i = 0; i < 20; i++) {
            groups.add(newGroup("Seed " + i, groups.get(ThreadLocalRandom.current().nextInt(groups.size()))));
        }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(newCustomer("Seed customer " + i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                writers.add(threads.submit(() -> write(writer, groups, customers, writing)));
            }
            int rebuilds = 0;
            long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            while (System.nanoTime() < until || rebuilds < 4) {
                String name = STREAMING.get(rebuilds % STREAMING.size());
                assertThat(call("POST", "/api/projections/" + name + "/rebuild/", adminToken(), null).status())
                        .isEqualTo(202);
                awaitLive(name);
                rebuilds++;
            }
            writing.set(false);
            int writes = 0;
            for (Future<List<Integer>> writer : writers) {
                List<Integer> statuses = writer.get();
                writes += statuses.size();
                assertThat(statuses).as("statuses of writer's requests").allMatch(s -> s < 300);
            }
            assertThat(writes).as("writes made").isGreaterThan(20);
        } finally {
            writing.set(false);
            threads.shutdownNow();
        }
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> afterRebuilds = snapshot();
        assertThat(afterRebuilds.get(DERIVED.get(0))).as("one audit row per event").hasSize((int) storedEvents.count());

        STREAMING.forEach(handlers::streaming);

        assertThat(snapshot()).isEqualTo(afterRebuilds);
    }

    @Test
    void aRebuildOfEverythingReadsTheStoreOnceAndEndsLive() {
        writeScriptedHistory();
        awaitCaughtUp();

        RebuildRun run = projections.startRebuildAll();

        assertThat(run.await()).as(String.valueOf(run.failure())).isTrue();
        assertThat(run.progress().done()).isEqualTo(storedEvents.count());
        awaitCaughtUp();
        Map<String, List<Map<String, Object>>> rebuilt = snapshot();
        for (String name : STREAMING) {
            assertThat(detail(name).get("status").asText()).isEqualTo("live");
        }
        STREAMING.forEach(handlers::streaming);
        assertThat(snapshot()).as("Axon's replay through the handlers").isEqualTo(rebuilt);
    }

    /** On PostgreSQL, where rebuilt tables replace the old ones: the schema afterwards is the one Flyway made. */
    @Test
    void rebuildsLeaveTheSchemaAsFlywayMadeIt() {
        Assumptions.assumeTrue("PostgreSQL".equals(jdbc.execute((ConnectionCallback<String>) connection ->
                connection.getMetaData().getDatabaseProductName())), "PostgreSQL only");
        writeScriptedHistory();
        awaitCaughtUp();
        String schema = "select t.relname, i.relname as index_name, pg_get_indexdef(i.oid) as definition"
                + " from pg_index x join pg_class t on t.oid = x.indrelid join pg_class i on i.oid = x.indexrelid"
                + " join pg_namespace n on n.oid = t.relnamespace where n.nspname = current_schema()"
                + " order by 1, 2";
        String columns = "select table_name, column_name, data_type, collation_name, is_nullable, column_default,"
                + " is_identity from information_schema.columns where table_schema = current_schema() order by 1, 2";
        String sequences = "select sequencename from pg_sequences where schemaname = current_schema() order by 1";
        String storage = "select c.relname, array_to_string(c.reloptions, ',') as options from pg_class c"
                + " join pg_namespace n on n.oid = c.relnamespace where n.nspname = current_schema()"
                + " and c.reloptions is not null order by 1";
        List<Map<String, Object>> indexesBefore = jdbc.queryForList(schema);
        List<Map<String, Object>> storageBefore = jdbc.queryForList(storage);
        assertThat(storageBefore).as("a table with storage parameters, that a rebuild must keep")
                .contains(Map.of("relname", "report_group", "options", "fillfactor=80"));
        List<Map<String, Object>> columnsBefore = jdbc.queryForList(columns);
        List<Map<String, Object>> sequencesBefore = jdbc.queryForList(sequences);

        RebuildRun run = projections.startRebuildAll();

        assertThat(run.await()).as(String.valueOf(run.failure())).isTrue();
        assertThat(jdbc.queryForList(schema)).isEqualTo(indexesBefore);
        assertThat(jdbc.queryForList(columns)).isEqualTo(columnsBefore);
        assertThat(jdbc.queryForList(sequences)).isEqualTo(sequencesBefore);
        assertThat(jdbc.queryForList(storage)).isEqualTo(storageBefore);
        assertThat(jdbc.queryForList("select relname from pg_class where relname like '%rebuild%'"
                + " or relname like '%\\_\\_rb'", String.class)).isEmpty();
    }

    private List<Integer> write(int writer, List<String> groups, List<String> customers, AtomicBoolean writing) {
        List<Integer> statuses = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; writing.get() && i < 2_000; i++) {
            String target = groups.get(random.nextInt(groups.size()));
            Response response = switch (i % 3) {
                case 0 -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("name", "W" + writer + "-" + i);
                    body.put("parent", baseUrl() + GROUPS + target + "/");
                    yield call("POST", GROUPS, adminToken(), json(body));
                }
                case 1 -> call("PATCH", GROUPS + target + "/", adminToken(),
                        json(Map.of("name", "Renamed " + writer + "-" + i)));
                default -> call("POST", "/api/customers/" + customers.get(random.nextInt(customers.size()))
                                + "/update_organization_groups/", adminToken(),
                        json(Map.of("organization_groups", List.of(baseUrl() + GROUPS + target + "/"))));
            };
            statuses.add(response.status());
        }
        return statuses;
    }

    /** Waits until every streaming projection has handled every stored event. */
    private void awaitCaughtUp() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                STREAMING.stream().map(this::detail).allMatch(p -> "live".equals(p.get("status").asText())
                        && p.get("lag").asLong() == 0));
    }

    private void awaitLive(String name) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> "live".equals(detail(name).get("status").asText()));
    }

    private JsonNode detail(String name) {
        Response response = call("GET", "/api/projections/" + name + "/", adminToken(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String query : DERIVED) {
            rows.put(query, jdbc.queryForList(query));
        }
        return rows;
    }
}
