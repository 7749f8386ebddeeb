package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.orggroups.app.config.RequestConcurrencyValve;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.app.support.SecondNode;
import org.orggroups.app.web.error.ErrorBodies;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A node lets {@code orggroups.http.concurrency} requests run at once ({@link RequestConcurrencyValve}): here a
 * second node with one, held by a rename that waits for its group's lock. Another request waits for its turn and, past
 * {@code orggroups.http.max-wait}, is answered 503 with DRF's body, having changed nothing; the health probes
 * never wait; the held request completes once the lock is released, and the node serves again. A body that arrives
 * slowly is read before its request takes a turn, and an answer is sent after it gives the turn back, so a client
 * that reads nothing holds none.
 */
class RequestConcurrencyIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** A node of its own with one turn, on the test's database (a second context in one JVM would be one too). */
    private static SecondNode node;

    @BeforeAll
    static void startNodeWithOneTurn() {
        node = SecondNode.start("--orggroups.http.concurrency=1", "--orggroups.http.max-wait=400ms",
                "--orggroups.node-name=one-turn-node");
    }

    @AfterAll
    static void stopNode() {
        node.close();
    }

    /** A request to the one-turn node: anonymous without a body (a read), as the staff user with one. */
    private Response onNode(String method, String path, Object body) {
        String token = body == null ? null : adminToken();
        return call(method, node.baseUrl() + path, token, body == null ? null : json(body));
    }

    @Autowired
    private DataSource dataSource;

    @Test
    void aRequestPastItsWaitIs503AndChangesNothingWhileProbesNeverWait() throws Exception {
        String held = newGroup("Held", null);
        CompletableFuture<Response> rename;
        try (Connection lock = dataSource.getConnection()) {
            lock.setAutoCommit(false);
            lockAggregate(lock, held);
            rename = CompletableFuture.supplyAsync(
                    () -> onNode("PATCH", "/api/organization-groups/" + held + "/", Map.of("name", "Renamed")));

            // The rename has the one turn once a read waits past max-wait.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> onNode("GET", "/api/organization-groups/", null).status() == 503);
            Response refused = onNode("POST", "/api/organization-groups/", Map.of("name", "Refused"));
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.header("Content-Type")).startsWith("application/json");
            assertThat(refused.json()).isEqualTo(JSON.valueToTree(Map.of("detail", ErrorBodies.SERVICE_UNAVAILABLE)));

            for (String probe : new String[] {"/actuator/health/liveness", "/actuator"}) {
                HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + probe))
                        .timeout(Duration.ofMillis(300)).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(answer.statusCode()).as(probe).isNotEqualTo(503);
            }
            assertThat(rename).isNotDone();
            lock.rollback();
        }
        assertThat(rename.get().status()).isEqualTo(200);
        assertThat(rename.get().json().get("name").asText()).isEqualTo("Renamed");

        Response all = get("/api/organization-groups/");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().findValuesAsText("name")).containsExactly("Renamed");
    }

    @Test
    void aBodySentSlowlyHoldsNoTurnWhileItArrives() throws Exception {
        byte[] body = json(Map.of("name", "Sent slowly")).getBytes(StandardCharsets.UTF_8);
        try (Socket client = new Socket("localhost", URI.create(node.baseUrl()).getPort())) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /api/organization-groups/ HTTP/1.1\r\nHost: localhost\r\nAuthorization: Token "
                    + adminToken() + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 5);
            out.flush();
            // Three times past max-wait, and the node's one turn is still free for others.
            for (int i = 0; i < 3; i++) {
                assertThat(onNode("GET", "/api/organization-groups/", null).status()).isEqualTo(200);
                Thread.sleep(200);
            }
            out.write(body, 5, body.length - 5);
            out.flush();
            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 201 ").contains("\"name\":\"Sent slowly\"");
        }
    }

    @Test
    void aClientThatReadsNothingHoldsNoTurn() throws Exception {
        // The node's first schema is generated, not served from springdoc's cache: that can hold the one turn for
        // longer than the max-wait by itself, which is not what this test is about.
        assertThat(onNode("GET", "/api/schema/", null).status()).isEqualTo(200);
        try (Socket client = new Socket("localhost", URI.create(node.baseUrl()).getPort())) {
            client.setReceiveBufferSize(4096);
            String request = "GET /api/schema/ HTTP/1.1\r\nHost: localhost\r\n\r\n";
            OutputStream out = client.getOutputStream();
            out.write(request.repeat(40).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Forty schemas of about 300 kB each, none read: the socket's buffers are full long before the last.
            Thread.sleep(1000);
            for (int i = 0; i < 3; i++) {
                assertThat(onNode("GET", "/api/organization-groups/", null).status()).isEqualTo(200);
            }
        }
    }

    /** Holds the rename's aggregate lock (the group's first event row, as AggregateLockInterceptor takes it). */
    private static void lockAggregate(Connection connection, String group) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement("select global_index from domain_event_entry"
                + " where aggregate_identifier = ? and sequence_number = 0 for update")) {
            statement.setString(1, UUID.fromString(
                    group.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")).toString());
            statement.executeQuery().close();
        }
    }
}
