package org.orggroups.app.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * Concurrent writers commit their events out of global-index order, so the audit projection sees gaps that are
 * filled later. Every event must still be recorded exactly once, under its own global index.
 */
class AuditEventConcurrencyIntegrationTest extends IntegrationTest {

    @Test
    void everyEventIsRecordedOnceUnderItsOwnIndexWhenWritersCommitOutOfOrder() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    int created = 0;
                    for (int i = 0; i < 15; i++) {
                        if (post("/api/organization-groups/", Map.of("name", "w" + thread + "-" + i)).status() == 201) {
                            created++;
                        }
                    }
                    return created;
                }));
            }
            for (Future<Integer> result : results) {
                assertThat(result.get()).isEqualTo(15);
            }
        } finally {
            threads.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jdbc.queryForObject("select count(*) from audit_event", Long.class)).isEqualTo(120L));
        assertThat(jdbc.queryForObject("select count(*) from audit_event a join domain_event_entry d"
                + " on d.global_index = a.global_index and d.sequence_number = a.sequence_number"
                + " and d.aggregate_identifier = cast(a.aggregate_id as varchar(36))", Long.class))
                .as("each row sits under the index of its own event").isEqualTo(120L);
    }
}
