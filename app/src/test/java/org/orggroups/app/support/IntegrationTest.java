package org.orggroups.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Base of the HTTP integration tests: the whole service on a random port, spoken to over real HTTP, on
 * PostgreSQL when {@code SPRING_DATASOURCE_URL} names one (as {@code .ci/run} does), else on in-memory H2.
 * Before each test, the event store and every table built from it are emptied, so tests can assert exact
 * lists and counts, and the failed logins counted for throttling are forgotten. Users and tokens are kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class IntegrationTest {

    /** Tables emptied before each test: everything that events create. */
    private static final List<String> EVENT_TABLES = List.of(
            "domain_event_entry", "snapshot_event_entry", "token_entry", "dead_letter_entry",
            "group_tree", "group_member", "provider_offering", "group_view", "customer_view", "customer_group_view",
            "group_timeline", "customer_timeline", "customer_group_timeline",
            "audit_event", "report_membership_history", "report_subtree_member", "report_member",
            "report_closure", "report_group",
            "offering_view", "offering_group_view", "plan_view", "plan_group_view", "plan_stream");

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final String ADMIN_USERNAME = "admin";
    protected static final String ADMIN_PASSWORD = "test-admin-password";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    private static String cachedAdminToken;

    @LocalServerPort
    protected int port;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private EventProcessingConfiguration eventProcessing;

    @Autowired
    private TokenStore tokenStore;

    @Autowired
    private PlatformTransactionManager transactionManager;

    /**
     * Empties the tables. Streaming processors are stopped meanwhile, and start again with their tokens at the
     * last deleted event: the event store keeps recent events in an in-memory cache that a processor starting
     * from the beginning would be fed again, and a processor still catching up with an earlier test's events
     * would write them into the emptied tables.
     */
    @BeforeEach
    void emptyEventTables() {
        List<StreamingEventProcessor> streaming = eventProcessing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        streaming.forEach(EventProcessor::shutDown);
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        Map<String, Integer> segments = new java.util.HashMap<>();
        transaction.executeWithoutResult(status -> streaming.forEach(p ->
                segments.put(p.getName(), tokenStore.fetchSegments(p.getName()).length)));
        for (String table : EVENT_TABLES) {
            if (!table.equals("token_entry")) {
                emptyTable(table);
            }
        }
        if (head != null) {
            // The tokens are replaced in one transaction, so that a second node's processor never finds the table
            // empty: it would then start over from the beginning of the stream, which the event store's in-memory
            // cache still serves with the deleted events, and write them into the emptied tables. With no event
            // stored, the tokens stay where the last clean-up put them.
            TrackingToken atHead = GapAwareTrackingToken.newInstance(head, List.of());
            transaction.executeWithoutResult(status -> {
                jdbc.execute("delete from token_entry");
                segments.forEach((name, count) -> {
                    if (count > 0) {
                        tokenStore.initializeTokenSegments(name, count, atHead);
                    }
                });
            });
        }
        streaming.forEach(EventProcessor::start);
        // Failed logins are counted per client address, and every test logs in from this machine: a test's
        // failures (or an earlier run's, on PostgreSQL) must not throttle the next test's logins.
        jdbc.update("delete from login_failure");
    }

    /**
     * Deletes a table's rows. A second node started by an earlier test may still be writing the report tables while
     * they are emptied, and PostgreSQL then ends one of the two transactions as a deadlock's victim; the delete is
     * tried again, up to three times in all.
     */
    private void emptyTable(String table) {
        for (int attempt = 1; ; attempt++) {
            try {
                jdbc.execute("delete from " + table);
                return;
            } catch (PessimisticLockingFailureException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /** @return {@code http://localhost:<port>} */
    protected String baseUrl() {
        return "http://localhost:" + port;
    }

    /** @return a token of the staff user made from the test configuration, fetched once per JVM */
    protected String adminToken() {
        if (cachedAdminToken == null) {
            cachedAdminToken = login(ADMIN_USERNAME, ADMIN_PASSWORD);
        }
        return cachedAdminToken;
    }

    /** Logs in through {@code POST /api-auth/password/} and returns the token; fails the test otherwise. */
    protected String login(String username, String password) {
        Response response = call("POST", "/api-auth/password/", null,
                json(Map.of("username", username, "password", password)));
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        return response.json().get("token").asText();
    }

    /** Serializes a value (a map, a list, a string...) to JSON text. */
    protected static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends one real HTTP request, and fails the test when {@code docs/openapi.json} does not describe the answer
     * ({@link SchemaConformance}: the operation of the method and path, its status, content type, headers and body).
     *
     * @param method  GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS...
     * @param path    path and query, starting with {@code /}, or an absolute URL
     * @param token   API token sent as {@code Authorization: Token <token>}, or {@code null} for anonymous
     * @param body    JSON text, or {@code null} for no body
     * @param headers extra header name/value pairs
     */
    protected Response call(String method, String path, String token, String body, String... headers) {
        URI uri = URI.create(path.startsWith("http") ? path : baseUrl() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Token " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            SchemaConformance.committed().check(method, uri, response.statusCode(), response.body(),
                    response.headers().map());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Shorthands for the common calls as the staff user. */
    protected Response get(String path) {
        return call("GET", path, null, null);
    }

    protected Response post(String path, Object body) {
        return call("POST", path, adminToken(), json(body));
    }

    protected Response put(String path, Object body) {
        return call("PUT", path, adminToken(), json(body));
    }

    protected Response patch(String path, Object body) {
        return call("PATCH", path, adminToken(), json(body));
    }

    protected Response delete(String path) {
        return call("DELETE", path, adminToken(), null);
    }

    /**
     * Writes a small history through the API: creates (a root, two regions, a lab, a doomed subtree), a rename, a
     * move, joins of two customers (one of them twice over), and a cascaded delete of a subtree with members.
     *
     * @return the root group's uuid (hex)
     */
    protected String writeScriptedHistory() {
        String root = newGroup("Consortium", null);
        String north = newGroup("North", root);
        String south = newGroup("South", root);
        String lab = newGroup("Lab", north);
        String doomed = newGroup("Doomed", south);
        newGroup("Doomed child", doomed);
        assertThat(patch(linkOfGroup(north), Map.of("name", "Northern region")).status()).isEqualTo(200);
        assertThat(patch(linkOfGroup(lab), Map.of("parent", linkOfGroup(south))).status()).isEqualTo(200);
        String alpha = newCustomer("Alpha");
        String beta = newCustomer("Beta");
        replaceMemberships(alpha, north, lab, doomed);
        replaceMemberships(beta, lab);
        replaceMemberships(beta, north);
        assertThat(delete(linkOfGroup(doomed)).status()).isEqualTo(204);
        return root;
    }

    /**
     * Creates a group through the API and requires 201.
     *
     * @param parent the parent's uuid, or null for a root
     * @return the new group's uuid (hex)
     */
    protected String newGroup(String name, String parent) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("name", name);
        body.put("parent", parent == null ? null : linkOfGroup(parent));
        Response response = post("/api/organization-groups/", body);
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("uuid").asText();
    }

    /** @return the group's absolute URL on this node, as the API links it */
    protected String linkOfGroup(String uuid) {
        return baseUrl() + "/api/organization-groups/" + uuid + "/";
    }

    /** Creates a customer through the API and requires 201; returns its uuid (hex). */
    protected String newCustomer(String name) {
        Response response = post("/api/customers/", Map.of("name", name));
        assertThat(response.status()).isEqualTo(201);
        return response.json().get("uuid").asText();
    }

    /** Sets the customer's groups to exactly these (by uuid) and requires 200. */
    protected void replaceMemberships(String customer, String... groups) {
        Response response = post("/api/customers/" + customer + "/update_organization_groups/",
                Map.of("organization_groups", java.util.Arrays.stream(groups).map(this::linkOfGroup).toList()));
        assertThat(response.status()).isEqualTo(200);
    }

    /**
     * An HTTP answer.
     *
     * @param status  the status code
     * @param body    the raw body text, empty when there is none
     * @param headers the headers, names in lower case
     */
    public record Response(int status, String body, Map<String, List<String>> headers) {

        /** @return the body parsed as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        /** @return the first value of a header (name case-insensitive), or {@code null} */
        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0))
                    .findFirst().orElse(null);
        }
    }
}
