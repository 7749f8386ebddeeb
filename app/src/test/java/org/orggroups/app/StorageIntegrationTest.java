package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;

/**
 * Storage done right (DESIGN.md section 3): bytea, no large objects, a global index that grows by one,
 * Jackson-serialized revisioned events with who and which request in their metadata, no XStream, no Axon
 * Server connector.
 */
class StorageIntegrationTest extends IntegrationTest {

    @Test
    void eventsAreJacksonJsonWithRevisionAndRequestMetadata() throws Exception {
        Response created = call("POST", "/api/organization-groups/", adminToken(), json(Map.of("name", "Stored")),
                "X-Correlation-ID", "req-42");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("X-Correlation-ID")).isEqualTo("req-42");

        Map<String, Object> row = jdbc.queryForMap(
                "select payload_type, payload_revision, payload, meta_data from domain_event_entry");
        assertThat(row.get("payload_type")).isEqualTo("org.orggroups.api.group.GroupCreated");
        assertThat(row.get("payload_revision")).isEqualTo("1");
        JsonNode payload = JSON.readTree((byte[]) row.get("payload"));
        assertThat(payload.path("name").asText()).isEqualTo("Stored");
        JsonNode metaData = JSON.readTree((byte[]) row.get("meta_data"));
        assertThat(metaData.path("username").asText()).isEqualTo(ADMIN_USERNAME);
        assertThat(metaData.path("userUuid").asText()).isNotBlank();
        assertThat(metaData.path("correlationId").asText()).isEqualTo("req-42");
        assertThat(metaData.toString()).doesNotContain(adminToken());
    }

    @Test
    void globalIndexGrowsByOneWithoutGaps() {
        for (int i = 0; i < 20; i++) {
            post("/api/organization-groups/", Map.of("name", "seq-" + i));
        }
        List<Long> indexes = jdbc.queryForList("select global_index from domain_event_entry order by global_index",
                Long.class);
        assertThat(indexes).hasSize(20);
        assertThat(indexes.get(19) - indexes.get(0)).isEqualTo(19);
    }

    /**
     * The event store appends with one statement per event that answers its global index, and hands it to the
     * timeline in the same transaction (decision record 9): the timeline row of a new group begins at its event.
     */
    @Test
    void theTimelineRowOfAnEventIsMarkedWithTheIndexTheStoreGaveIt() {
        for (int i = 0; i < 3; i++) {
            post("/api/organization-groups/", Map.of("name", "indexed-" + i));
        }
        List<Map<String, Object>> pairs = jdbc.queryForList("select e.global_index, t.from_index"
                + " from domain_event_entry e join group_timeline t"
                + " on t.group_id = cast(e.aggregate_identifier as uuid) order by e.global_index");
        assertThat(pairs).hasSize(3).allSatisfy(pair ->
                assertThat(((Number) pair.get("from_index")).longValue())
                        .isEqualTo(((Number) pair.get("global_index")).longValue()));
    }

    @Test
    void postgresHasNoOidColumnsAndNoLargeObjects() {
        assumeTrue(isPostgres(), "PostgreSQL only");
        for (int i = 0; i < 5; i++) {
            post("/api/organization-groups/", Map.of("name", "lob-" + i));
        }
        assertThat(jdbc.queryForObject("select count(*) from information_schema.columns"
                + " where table_schema = current_schema() and data_type = 'oid'", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select data_type from information_schema.columns"
                + " where table_name = 'domain_event_entry' and column_name = 'payload'", String.class))
                .isEqualTo("bytea");
        assertThat(jdbc.queryForObject("select count(*) from pg_largeobject_metadata", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select increment_by from pg_sequences"
                + " where sequencename = 'domain_event_entry_seq'", Long.class)).isEqualTo(1L);
    }

    @Test
    void xstreamAndTheAxonServerConnectorAreNotOnTheClasspath() {
        assertThatThrownBy(() -> Class.forName("com.thoughtworks.xstream.XStream"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("org.axonframework.axonserver.connector.AxonServerConfiguration"))
                .isInstanceOf(ClassNotFoundException.class);
    }

    private boolean isPostgres() {
        return jdbc.execute((java.sql.Connection c) -> c.getMetaData().getDatabaseProductName()).equals("PostgreSQL");
    }
}
