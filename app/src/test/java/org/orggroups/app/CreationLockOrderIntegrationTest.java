package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orggroups.app.config.Databases;
import org.orggroups.app.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A rebuild's swap locks the event table first and the view tables after it ({@code ReadModelRebuilder}), so a
 * writer waiting at the event table must hold no lock on a view or tree table, or the two deadlock (decision records
 * 9 and 21). {@code AggregateLockInterceptor#locksRowsBeforeAppend} decides which creations wait at the event table
 * before their handler runs and which first lock at their event's insert; this test holds the swap's lock and sends
 * every kind of creation in turn, so it fails when a creation's handler locks a row that decision does not know of.
 */
class CreationLockOrderIntegrationTest extends IntegrationTest {

    /** Waiting backends of this database at the event table. */
    private static final String WAITING = "select l.pid from pg_locks l where l.locktype = 'relation'"
            + " and l.relation = 'domain_event_entry'::regclass and not l.granted"
            + " and l.database = (select oid from pg_database where datname = current_database())";

    /** Relations a backend holds a lock on, but the event table's and the shape lock's (which no swap takes). */
    private static final String HELD = "select c.relname from pg_locks l join pg_class c on c.oid = l.relation"
            + " where l.pid = ? and l.granted and l.locktype = 'relation'"
            + " and c.relname not like 'domain_event_entry%' and c.relname not like 'tree_lock%'";

    @Autowired
    private DataSource dataSource;

    @Test
    void everyCreationWaitsAtTheEventTableHoldingNoViewOrTreeLock() throws Exception {
        Assumptions.assumeTrue(Databases.isPostgres(dataSource), "PostgreSQL only");
        String parent = newGroup("Parent", null);
        String provider = newCustomer("Provider");
        Map<String, Object> root = new HashMap<>();
        root.put("name", "Root");
        root.put("parent", null);
        List<Creation> creations = List.of(
                new Creation("/api/organization-groups/", root),
                new Creation("/api/organization-groups/", Map.of("name", "Child",
                        "parent", baseUrl() + "/api/organization-groups/" + parent + "/")),
                new Creation("/api/customers/", Map.of("name", "Customer")),
                new Creation("/api/marketplace-provider-offerings/", Map.of("name", "Compute",
                        "customer", baseUrl() + "/api/customers/" + provider + "/")));
        String token = adminToken();

        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            for (Creation creation : creations) {
                Future<Response> answer;
                try (Connection swap = dataSource.getConnection()) {
                    swap.setAutoCommit(false);
                    try {
                        try (Statement statement = swap.createStatement()) {
                            statement.execute("lock table domain_event_entry in exclusive mode");
                        }
                        answer = thread.submit(() -> call("POST", creation.path(), token, json(creation.body())));
                        await().atMost(Duration.ofSeconds(20))
                                .until(() -> jdbc.queryForList(WAITING, Integer.class).size() == 1);
                        Integer pid = jdbc.queryForObject(WAITING, Integer.class);
                        assertThat(jdbc.queryForList(HELD, String.class, pid))
                                .as("relations held while %s waits at the event table", creation).isEmpty();
                    } finally {
                        swap.commit();
                    }
                }
                Response response = answer.get(20, TimeUnit.SECONDS);
                assertThat(response.status()).as(response.body()).isEqualTo(201);
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /** One creation request: where it is sent and its body. */
    private record Creation(String path, Map<String, Object> body) {
    }
}
