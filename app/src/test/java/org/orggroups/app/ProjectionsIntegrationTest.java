package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orggroups.app.config.Databases;
import org.orggroups.app.projections.Projections;
import org.orggroups.app.projections.RebuildClaims;
import org.orggroups.app.rebuild.ReadModelRebuilder;
import org.orggroups.app.rebuild.StoredEvents;
import org.orggroups.app.support.HandlerReplay;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.app.support.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code /api/projections/}: the state of every event processor, and rebuilds of them in the background that
 * give exactly the rows live processing wrote, even while clients keep writing.
 */
class ProjectionsIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final List<String> SYNCHRONOUS = List.of("customer-view", "group-tree", "group-view", "offering-view");
    private static final List<String> DERIVED = List.of(
            "select group_id, name, parent_id, parent_name, customers_count, version from group_view order by group_id",
            "select customer_id, name from customer_view order by customer_id",
            "select customer_id, group_id from customer_group_view order by customer_id, group_id",
            "select group_id, parent_id, deleted from group_tree order by group_id",
            "select group_id, customer_id from group_member order by group_id, customer_id",
            "select offering_id, provider_id from provider_offering order by offering_id",
            "select offering_id, name, provider_id, shared, restricted, include_descendant_groups, version"
                    + " from offering_view order by offering_id",
            "select offering_id, group_id from offering_group_view order by offering_id, group_id",
            "select plan_id, offering_id, name, restricted, include_descendant_groups, version from plan_view"
                    + " order by plan_id",
            "select plan_id, group_id from plan_group_view order by plan_id, group_id",
            "select plan_id, offering_id from plan_stream order by plan_id");

    @Autowired
    ReadModelRebuilder rebuilder;

    @Autowired
    DataSource dataSource;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StoredEvents storedEvents;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void listShowsEveryProcessorWithKindStatusPositionAndLag() {
        String root = newGroup("Root", null);
        newGroup("Child", root);
        long head = head();

        Response response = call("GET", "/api/projections/", adminToken(), null);

        assertThat(response.status()).isEqualTo(200);
        Map<String, JsonNode> byName = new HashMap<>();
        response.json().forEach(p -> byName.put(p.get("name").asText(), p));
        assertThat(byName).containsKeys(SYNCHRONOUS.toArray(String[]::new));
        for (String name : SYNCHRONOUS) {
            JsonNode p = byName.get(name);
            assertThat(fieldNames(p)).containsExactly("name", "kind", "status", "position", "lag");
            assertThat(p.get("kind").asText()).isEqualTo("synchronous");
            assertThat(p.get("status").asText()).isEqualTo("live");
            assertThat(p.get("position").asLong()).isEqualTo(head);
            assertThat(p.get("lag").asLong()).isZero();
        }
        byName.values().forEach(p -> assertThat(p.get("kind").asText()).isIn("synchronous", "streaming"));
        // Streaming processors catch up on their own, past any failure an earlier test provoked (a dropped table
        // answers "retrying" until the processor gets past it); then they are live at the head, as every node is.
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            JsonNode list = call("GET", "/api/projections/", adminToken(), null).json();
            for (JsonNode p : list) {
                if (p.get("kind").asText().equals("streaming")) {
                    assertThat(p.get("status").asText()).as(p.toString()).isEqualTo("live");
                    assertThat(p.get("position").asLong()).as(p.toString()).isEqualTo(head);
                    assertThat(p.get("lag").asLong()).as(p.toString()).isZero();
                }
            }
            assertThat(list.findValuesAsText("kind")).contains("streaming");
        });
        Response one = call("GET", "/api/projections/group-view", adminToken(), null);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("name").asText()).isEqualTo("group-view");
    }

    /** The schema names every projection a client may ask for: the list's names, and {@code views}. */
    @Test
    void schemaNamesEveryProjection() {
        JsonNode schema = call("GET", "/api/schema/", null, null).json();
        List<String> named = new ArrayList<>();
        schema.at("/paths/~1api~1projections~1{name}~1/get/parameters/0/schema/enum").forEach(n -> named.add(n.asText()));
        List<String> listed = new ArrayList<>(call("GET", "/api/projections/", adminToken(), null).json()
                .findValuesAsText("name"));
        listed.add("views");

        assertThat(named).containsExactlyInAnyOrderElementsOf(listed);
    }

    @Test
    void unknownProjectionIs404() {
        Response detail = call("GET", "/api/projections/no-such-thing/", adminToken(), null);
        Response rebuild = call("POST", "/api/projections/no-such-thing/rebuild/", adminToken(), null);

        assertThat(detail.status()).isEqualTo(404);
        assertThat(detail.body()).isEqualTo("{\"detail\":\"Not found.\"}");
        assertThat(rebuild.status()).isEqualTo(404);
        assertThat(rebuild.body()).isEqualTo("{\"detail\":\"Not found.\"}");
    }

    @Test
    void projectionsAreForStaffOnly() {
        String username = "viewer" + UUID.randomUUID().toString().substring(0, 8);
        Response created = post("/api/users/", Map.of("username", username, "password", "viewer-password",
                "full_name", "Viewer", "is_staff", false));
        assertThat(created.status()).isEqualTo(201);
        String viewer = login(username, "viewer-password");

        assertThat(call("GET", "/api/projections/", null, null).status()).isEqualTo(401);
        assertThat(call("POST", "/api/projections/group-view/rebuild/", null, null).status()).isEqualTo(401);
        Response forbidden = call("GET", "/api/projections/", viewer, null);
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.body())
                .isEqualTo("{\"detail\":\"You do not have permission to perform this action.\"}");
        assertThat(call("POST", "/api/projections/group-view/rebuild/", viewer, null).status()).isEqualTo(403);
    }

    @Test
    void rebuildAnswers202AndGoesLiveWithTheLiveRows() {
        writeScriptedHistory();
        Map<String, List<Map<String, Object>>> live = snapshot();

        Response response = call("POST", "/api/projections/group-view/rebuild/", adminToken(), null);

        assertThat(response.status()).isEqualTo(202);
        assertThat(response.header("Location")).isEqualTo(baseUrl() + "/api/projections/group-view/");
        assertThat(response.json().get("name").asText()).isEqualTo("group-view");
        assertThat(response.json().get("status").asText()).isIn("rebuilding", "live");
        awaitLive("group-view");
        assertThat(snapshot()).isEqualTo(live);
        for (String name : SYNCHRONOUS) {
            assertThat(detail(name).get("status").asText()).isEqualTo("live");
        }
    }

    /**
     * Two nodes took rebuilds of the same unit at once and both failed on the shadow tables they shared; the second is
     * refused as on one node. Another session holding the unit's claim plays the node whose rebuild runs.
     */
    @Test
    void aRebuildOfAUnitAnotherNodeRebuildsIs409() throws Exception {
        Assumptions.assumeTrue(Databases.isPostgres(dataSource), "PostgreSQL only: H2 serves one node");
        newGroup("Claimed", null);
        try (Connection otherNode = dataSource.getConnection()) {
            try (PreparedStatement claim = otherNode.prepareStatement(RebuildClaims.TRY_LOCK)) {
                claim.setString(1, Projections.VIEWS);
                try (ResultSet rs = claim.executeQuery()) {
                    assertThat(rs.next() && rs.getBoolean(1)).isTrue();
                }
            }
            for (String name : List.of("views", "group-view", "offering-view")) {
                Response refused = call("POST", "/api/projections/" + name + "/rebuild/", adminToken(), null);
                assertThat(refused.status()).isEqualTo(409);
                assertThat(refused.json().get("detail").asText()).isEqualTo("A rebuild of views is already running.");
            }
            assertThat(detail("group-view").get("status").asText()).isEqualTo("live");
            assertThat(call("POST", "/api/projections/audit-events/rebuild/", adminToken(), null).status())
                    .as("another unit").isEqualTo(202);
            awaitLive("audit-events");
            try (Statement release = otherNode.createStatement()) {
                release.execute("select pg_advisory_unlock_all()");
            }
        }

        assertThat(call("POST", "/api/projections/views/rebuild/", adminToken(), null).status()).isEqualTo(202);
        awaitLive("views");
        // Asked of pg_locks, not by locking again: a pooled connection may be the very session that held the claim.
        assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory' and classid = ?"
                + " and database = (select oid from pg_database where datname = current_database())",
                Long.class, RebuildClaims.NAMESPACE)).as("released when the rebuild ended").isZero();
    }

    @Test
    void secondRebuildWhileOneRunsIs409AndProgressIsShown() throws Exception {
        String root = newGroup("Held", null);
        writeScriptedHistory();
        Map<String, List<Map<String, Object>>> live = snapshot();
        // A row lock on a view row holds the rebuild at its start (its table lock or its reset waits for it).
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement lock = holder.prepareStatement(
                    "select name from group_view where group_id = ? for update")) {
                lock.setObject(1, UUID.fromString(dashed(root)));
                try (ResultSet rs = lock.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            assertThat(call("POST", "/api/projections/views/rebuild/", adminToken(), null).status())
                    .isEqualTo(202);

            Response second = call("POST", "/api/projections/customer-view/rebuild/", adminToken(), null);

            assertThat(second.status()).isEqualTo(409);
            assertThat(fieldNames(second.json())).containsExactly("detail");
            JsonNode during = detail("group-tree");
            assertThat(during.get("status").asText()).isEqualTo("rebuilding");
            assertThat(fieldNames(during.get("progress")))
                    .containsExactly("done", "total", "events_per_second", "eta_seconds");
            assertThat(get("/api/organization-groups/" + root + "/").status())
                    .as("readers are not blocked").isEqualTo(200);
            holder.rollback();
        }
        awaitLive("views");
        assertThat(snapshot()).isEqualTo(live);
    }

    @Test
    void aFailedRebuildKeepsTheOldTablesAndSaysWhy() throws Exception {
        writeScriptedHistory();
        Map<String, List<Map<String, Object>>> live = snapshot();
        // The streaming processors must not see the bogus event: one that read it before it is deleted again would
        // hold an event the store no longer has, and retry it for ever. Stopped on purpose, a rebuild leaves them be.
        List<StreamingEventProcessor> streaming = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        streaming.forEach(StreamingEventProcessor::shutDown);
        long bogus = insertRenameOfAMissingGroup();
        try {
            assertThat(call("POST", "/api/projections/views/rebuild/", adminToken(), null).status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> "failed".equals(detail("group-view").get("status").asText()));

            JsonNode failed = detail("group-view");
            assertThat(failed.get("error").asText()).contains("has no row");
            assertThat(snapshot()).isEqualTo(live);
        } finally {
            jdbc.update("delete from domain_event_entry where global_index = ?", bogus);
            streaming.forEach(StreamingEventProcessor::start);
        }
        call("POST", "/api/projections/views/rebuild/", adminToken(), null);
        awaitLive("views");
        assertThat(detail("group-view").has("error")).isFalse();
    }

    /**
     * Real threads create, rename, move and join through HTTP (on two nodes when on PostgreSQL, where the table
     * lock holds back the other node) while synchronous rebuilds run one after another; no write may fail, and
     * afterwards the tables are exactly what a quiet rebuild from the events gives.
     */
    /**
     * A streaming processor whose batches keep failing is shown as {@code retrying} with the reason, never as
     * {@code live}, and goes back to {@code live} once it gets past the event it failed on.
     */
    @Test
    void aStreamingProcessorThatKeepsFailingIsShownRetryingWithTheReason() {
        awaitLive("group-report");
        jdbc.execute("alter table report_group rename to report_group_away");
        try {
            newGroup("Unreportable", null);
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .until(() -> "retrying".equals(detail("group-report").get("status").asText()));
            JsonNode retrying = detail("group-report");
            assertThat(retrying.get("error").asText()).containsIgnoringCase("report_group");
            assertThat(retrying.get("lag").asLong()).isPositive();
        } finally {
            jdbc.execute("alter table report_group_away rename to report_group");
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode state = detail("group-report");
                    return "live".equals(state.get("status").asText()) && state.get("lag").asLong() == 0;
                });
        assertThat(detail("group-report").has("error")).isFalse();
    }

    @Test
    void rebuildsUnderConcurrentWritesLoseNothing() throws Exception {
        List<String> groups = new ArrayList<>(List.of(writeScriptedHistory()));
        for (int i = 0; i < 30; i++) {
            groups.add(newGroup("Seed " + i, groups.get(ThreadLocalRandom.current().nextInt(groups.size()))));
        }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            customers.add(newCustomer("Seed customer " + i));
        }
        boolean postgres;
        try (Connection connection = dataSource.getConnection()) {
            postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        }
        SecondNode node2 = postgres ? SecondNode.start() : null;
        List<String> bases = node2 == null ? List.of(baseUrl()) : List.of(baseUrl(), node2.baseUrl());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                String base = bases.get(w % bases.size());
                int writer = w;
                writers.add(threads.submit(() -> write(base, writer, groups, customers, writing)));
            }
            int rebuilds = 0;
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < until || rebuilds < 3) {
                Response started = call("POST", "/api/projections/views/rebuild/", adminToken(), null);
                assertThat(started.status()).isEqualTo(202);
                awaitLive("views");
                rebuilds++;
            }
            writing.set(false);
            List<String> failures = new ArrayList<>();
            int writes = 0;
            for (Future<List<String>> writer : writers) {
                List<String> outcome = writer.get();
                writes += outcome.size();
                outcome.stream().filter(s -> !s.startsWith("2")).forEach(failures::add);
            }
            assertThat(failures).as("writes that failed during rebuilds").isEmpty();
            assertThat(writes).as("writes made").isGreaterThan(20);
        } finally {
            writing.set(false);
            threads.shutdownNow();
            if (node2 != null) {
                node2.close();
            }
        }
        Map<String, List<Map<String, Object>>> afterConcurrentRebuilds = snapshot();
        assertThat(detail("group-view").get("status").asText()).isEqualTo("live");

        new HandlerReplay(processing, storedEvents, transactionManager).synchronousViews();
        assertThat(snapshot()).as("the handlers' own replay").isEqualTo(afterConcurrentRebuilds);
        long replayed = rebuilder.rebuildAll();

        assertThat(replayed).isEqualTo(jdbc.queryForObject("select count(*) from domain_event_entry", Long.class));
        assertThat(snapshot()).isEqualTo(afterConcurrentRebuilds);
        assertThat(afterConcurrentRebuilds.get(DERIVED.get(0))).hasSizeGreaterThan(40);
    }

    /**
     * One writer: creates (under a parent and as roots), renames, moves, joins and creates customers until told to
     * stop; returns every status as text. Root groups and customers are created because they take no lock before
     * their event's insert (AggregateLockInterceptor), which must still wait for a swap and never deadlock with it.
     */
    private List<String> write(String base, int writer, List<String> groups, List<String> customers,
                               AtomicBoolean writing) {
        List<String> statuses = new ArrayList<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<String> mine = new ArrayList<>();
        for (int i = 0; writing.get() && i < 2_000; i++) {
            String target = groups.get(random.nextInt(groups.size()));
            Response response = switch (i % 4) {
                case 0 -> {
                    Map<String, Object> body = new HashMap<>();
                    body.put("name", "W" + writer + "-" + i);
                    body.put("parent", i % 8 == 0 ? null : base + GROUPS + target + "/");
                    Response created = call("POST", base + GROUPS, adminToken(), json(body));
                    if (created.status() == 201) {
                        mine.add(created.json().get("uuid").asText());
                    }
                    yield created;
                }
                case 1 -> call("PATCH", base + GROUPS + target + "/", adminToken(),
                        json(Map.of("name", "Renamed " + writer + "-" + i)));
                case 2 -> mine.isEmpty() ? call("GET", base + GROUPS + target + "/", null, null)
                        : call("PATCH", base + GROUPS + mine.get(random.nextInt(mine.size())) + "/", adminToken(),
                        json(Map.of("parent", base + GROUPS + groups.get(0) + "/")));
                default -> i % 8 == 3
                        ? call("POST", base + "/api/customers/", adminToken(),
                                json(Map.of("name", "C" + writer + "-" + i)))
                        : call("POST", base + "/api/customers/" + customers.get(random.nextInt(customers.size()))
                                + "/update_organization_groups/", adminToken(),
                        json(Map.of("organization_groups", List.of(base + GROUPS + target + "/"))));
            };
            statuses.add(response.status() + " " + (response.status() >= 300 ? response.body() : ""));
        }
        return statuses;
    }

    private long insertRenameOfAMissingGroup() {
        Map<String, Object> rename = jdbc.queryForMap("select aggregate_identifier, payload, meta_data, payload_type,"
                + " payload_revision, time_stamp, type from domain_event_entry"
                + " where payload_type like '%GroupRenamed' order by global_index limit 1");
        String groupId = (String) rename.get("aggregate_identifier");
        String missing = UUID.randomUUID().toString();
        String payload = new String((byte[]) rename.get("payload"), java.nio.charset.StandardCharsets.UTF_8)
                .replace(groupId, missing).replace(groupId.replace("-", ""), missing.replace("-", ""));
        long index = head() + 1;
        jdbc.update("insert into domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " values (?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                index, UUID.randomUUID().toString(), missing, rename.get("type"), rename.get("time_stamp"),
                rename.get("payload_type"), rename.get("payload_revision"),
                payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), rename.get("meta_data"));
        return index;
    }

    private JsonNode detail(String name) {
        Response response = call("GET", "/api/projections/" + name + "/", adminToken(), null);
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private void awaitLive(String name) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> "live".equals(detail(name).get("status").asText()));
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (String query : DERIVED) {
            rows.put(query, jdbc.queryForList(query));
        }
        return rows;
    }

    private long head() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
    }

    private static String dashed(String hex) {
        return hex.replaceFirst("(\\w{8})(\\w{4})(\\w{4})(\\w{4})(\\w{12})", "$1-$2-$3-$4-$5");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
