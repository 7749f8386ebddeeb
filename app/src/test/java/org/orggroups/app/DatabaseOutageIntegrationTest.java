package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.orggroups.app.rebuild.StoredEvents;
import org.orggroups.app.support.CuttableProxy;
import org.orggroups.app.support.H2BrokenConnections;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.app.support.SecondNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

/**
 * A node whose database goes away and comes back (API.md section 1): meanwhile every request, reads, writes,
 * logins and token lookups, is answered 503 with a JSON body, and nothing is recorded; afterwards the node serves
 * again without a restart, everything acknowledged before is there, and its streaming projections catch up.
 *
 * <p>The node is a second instance of the service that reaches the test's database through a {@link CuttableProxy};
 * on H2, through H2's TCP server in this JVM, which serves the test's in-memory database ({@link H2BrokenConnections}
 * lets the pool recognise H2's broken connections, as it recognises PostgreSQL's).
 */
class DatabaseOutageIntegrationTest extends IntegrationTest {

    private static final String GROUPS = "/api/organization-groups/";
    private static final String NODE = "proxied-node";
    private static final String UNAVAILABLE = "{\"detail\":\"Service temporarily unavailable, try again later.\"}";
    private static final Pattern POSTGRES = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.*)");
    private static final List<String> STREAMING = List.of("audit-events", "group-report");

    @Autowired
    Environment environment;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    StoredEvents storedEvents;

    @Test
    void whileTheDatabaseIsAwayEveryRequestIs503JsonAndAfterwardsNothingAcknowledgedIsLost() throws Exception {
        String url = environment.getRequiredProperty("spring.datasource.url");
        Server h2 = url.startsWith("jdbc:h2:mem:") ? Server.createTcpServer("-tcpPort", "0", "-tcpDaemon").start() : null;
        Matcher postgres = POSTGRES.matcher(url);
        try (CuttableProxy proxy = h2 != null ? CuttableProxy.to("127.0.0.1", h2.getPort())
                : postgres.matches() ? CuttableProxy.to(postgres.group(1),
                        postgres.group(2) == null ? 5432 : Integer.parseInt(postgres.group(2)))
                : unsupported(url)) {
            String proxied = h2 != null ? url.replace("jdbc:h2:mem:", "jdbc:h2:tcp://127.0.0.1:" + proxy.port() + "/mem:")
                    : "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + postgres.group(3);
            // The proxied node takes over the streaming processors, to show that they resume by themselves.
            streaming().forEach(EventProcessor::shutDown);
            List<String> settings = new ArrayList<>(List.of("--spring.datasource.url=" + proxied,
                    "--orggroups.node-name=" + NODE));
            if (h2 != null) {
                settings.add("--spring.datasource.hikari.exception-override-class-name="
                        + H2BrokenConnections.class.getName());
            }
            try (SecondNode node = SecondNode.start(settings.toArray(String[]::new))) {
                outageAndRecovery(node.baseUrl(), proxy);
            } finally {
                streaming().forEach(EventProcessor::start);
            }
        } finally {
            if (h2 != null) {
                h2.stop();
            }
        }
    }

    private void outageAndRecovery(String base, CuttableProxy proxy) {
        await().atMost(Duration.ofSeconds(60)).until(() -> jdbc.queryForList(
                "select distinct coalesce(owner, '') from token_entry", String.class).equals(List.of(NODE)));
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Response created = call("POST", base + GROUPS, adminToken(),
                    json(Map.of("name", "Before the outage " + i)));
            assertThat(created.status()).isEqualTo(201);
            acknowledged.add(created.json().get("uuid").asText());
        }
        String customer = call("POST", base + "/api/customers/", adminToken(), json(Map.of("name", "Member")))
                .json().get("uuid").asText();
        assertThat(call("POST", base + "/api/customers/" + customer + "/update_organization_groups/", adminToken(),
                json(Map.of("organization_groups", List.of(base + GROUPS + acknowledged.get(0) + "/"))))
                .status()).isEqualTo(200);
        // a token that the proxied node has never looked up: its filter must ask the database
        String unseenToken = login(ADMIN_USERNAME, ADMIN_PASSWORD);
        long eventsBefore = storedEvents.count();

        proxy.cut();

        assertUnavailable(call("GET", base + GROUPS, null, null));
        assertUnavailable(call("GET", base + GROUPS + acknowledged.get(1) + "/", adminToken(), null));
        assertUnavailable(call("POST", base + GROUPS, adminToken(), json(Map.of("name", "During the outage"))));
        assertUnavailable(call("PATCH", base + GROUPS + acknowledged.get(2) + "/", adminToken(),
                json(Map.of("name", "Renamed during the outage"))));
        assertUnavailable(call("DELETE", base + GROUPS + acknowledged.get(3) + "/", adminToken(), null));
        assertUnavailable(call("POST", base + "/api-auth/password/", null,
                json(Map.of("username", ADMIN_USERNAME, "password", ADMIN_PASSWORD))));
        assertUnavailable(call("GET", base + "/api/customers/", unseenToken, null));
        assertUnavailable(call("GET", base + "/api/projections/", adminToken(), null));
        assertThat(storedEvents.count()).as("events recorded while the database was away").isEqualTo(eventsBefore);

        proxy.restore();

        await().atMost(Duration.ofSeconds(60)).until(() -> call("GET", base + GROUPS, null, null).status() == 200);
        assertThat(call("GET", base + "/api/customers/", unseenToken, null).status()).isEqualTo(200);
        Response after = call("POST", base + GROUPS, adminToken(), json(Map.of("name", "After the outage")));
        assertThat(after.status()).isEqualTo(201);
        acknowledged.add(after.json().get("uuid").asText());
        for (String group : acknowledged) {
            Response read = call("GET", base + GROUPS + group + "/", null, null);
            assertThat(read.status()).as(group).isEqualTo(200);
            assertThat(read.json().get("name").asText()).startsWith(group.equals(after.json().get("uuid").asText())
                    ? "After" : "Before");
        }
        assertThat(call("GET", base + GROUPS + acknowledged.get(0) + "/", null, null).json()
                .get("customers_count").asInt()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from group_view"
                + " where name in ('During the outage', 'Renamed during the outage')", Long.class)).isZero();
        long head = storedEvents.head();
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            for (String name : STREAMING) {
                Response state = call("GET", base + "/api/projections/" + name + "/", adminToken(), null);
                JsonNode projection = state.json();
                assertThat(projection.get("status").asText()).as(projection.toString()).isEqualTo("live");
                assertThat(projection.get("position").asLong()).as(projection.toString()).isEqualTo(head);
            }
        });
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/json");
        assertThat(response.body()).isEqualTo(UNAVAILABLE);
    }

    private List<StreamingEventProcessor> streaming() {
        return STREAMING.stream().map(name -> (StreamingEventProcessor) processing.eventProcessors().get(name))
                .toList();
    }

    private static CuttableProxy unsupported(String url) throws IOException {
        throw new IOException("no proxy for " + url + ": the test runs on H2 in memory or on PostgreSQL");
    }
}
