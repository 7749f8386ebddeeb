package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.orggroups.app.rebuild.WriteGate;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.app.support.SecondNode;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;

/**
 * A node being stopped (SIGTERM, or its context closed) first reports itself not ready, then refuses new
 * connections, so that a balancer sends new requests elsewhere, and finishes the requests it has already taken
 * ({@code server.shutdown: graceful}): a rolling restart through the balancer loses no request.
 */
class GracefulShutdownIntegrationTest extends IntegrationTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void aStoppingNodeTurnsNotReadyRefusesNewConnectionsAndFinishesTheWriteInFlight() throws Exception {
        SecondNode node2 = SecondNode.start();
        boolean closed = false;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch gateClosed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        HttpClient client = HttpClient.newHttpClient();
        try {
            // The write waits at node 2's write gate, held closed here, until the node is already stopping.
            WriteGate gate = node2.bean(WriteGate.class);
            threads.submit(() -> gate.closedDuring(() -> {
                gateClosed.countDown();
                try {
                    return release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }));
            assertThat(gateClosed.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
            CompletableFuture<HttpResponse<String>> write = client.sendAsync(
                    HttpRequest.newBuilder(URI.create(node2.baseUrl() + "/api/organization-groups/"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Token " + adminToken())
                            .POST(HttpRequest.BodyPublishers.ofString(json(Map.of("name", "In flight"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            MeterRegistry meters = node2.bean(MeterRegistry.class);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                    meters.find("http.server.requests.active").longTaskTimers().stream()
                            .mapToInt(LongTaskTimer::activeTasks).sum()).isEqualTo(1));

            ApplicationAvailability availability = node2.bean(ApplicationAvailability.class);
            Future<?> stopping = threads.submit(node2::close);
            await().atMost(PATIENCE).until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
            HttpRequest liveness = HttpRequest.newBuilder(URI.create(node2.baseUrl() + "/actuator/health/liveness"))
                    .build();
            await().atMost(PATIENCE).untilAsserted(() -> assertThatThrownBy(
                    () -> HttpClient.newHttpClient().send(liveness, HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(ConnectException.class));
            assertThat(write).as("the write in flight, while the node refuses new connections").isNotDone();

            release.countDown();
            HttpResponse<String> written = write.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            assertThat(written.statusCode()).as(written.body()).isEqualTo(201);
            stopping.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            closed = true;
            String uuid = JSON.readTree(written.body()).get("uuid").asText();
            Response stored = get("/api/organization-groups/" + uuid + "/");
            assertThat(stored.status()).isEqualTo(200);
            assertThat(stored.json().get("name").asText()).isEqualTo("In flight");
        } finally {
            release.countDown();
            if (!closed) {
                node2.close();
            }
            threads.shutdownNow();
        }
    }
}
