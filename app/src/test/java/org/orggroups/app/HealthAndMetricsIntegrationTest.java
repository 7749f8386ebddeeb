package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.query.audit.AuditEventProjection;
import org.orggroups.query.offering.OfferingViewProjection;
import org.orggroups.query.report.GroupReportProjection;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operators' endpoints (README "Cluster"): liveness and readiness for balancers and orchestrators, and the
 * Prometheus metrics of command latency and of every event processor, all without a token.
 *
 * <p>Actuator answers are Spring Boot's own JSON and Prometheus text, outside the API and its schema, so they are
 * fetched here with a plain HTTP client rather than through the schema-checking {@code call}.
 */
class HealthAndMetricsIntegrationTest extends IntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** One sample line of the Prometheus text format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void livenessAndReadinessAreOpenAndUpOnARunningNode() {
        Actuator liveness = actuator("/actuator/health/liveness");
        assertThat(liveness.status()).isEqualTo(200);
        assertThat(liveness.json().path("status").asText()).isEqualTo("UP");

        Actuator readiness = actuator("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.json().path("status").asText()).isEqualTo("UP");
        assertThat(readiness.json().path("components").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("db", "projections", "readinessState");
    }

    @Test
    void readinessIsDownWhileASynchronousProjectionIsStoppedAndLivenessIsNot() {
        EventProcessor offeringView = processing.eventProcessor(OfferingViewProjection.PROCESSING_GROUP)
                .orElseThrow();
        offeringView.shutDown();
        try {
            Actuator readiness = actuator("/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(503);
            assertThat(readiness.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(readiness.json().path("components").path("projections").path("status").asText())
                    .isEqualTo("DOWN");
            assertThat(readiness.json().path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(actuator("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            offeringView.start();
        }
        assertThat(actuator("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void prometheusShowsCommandLatencyPerCommandType() {
        String root = newGroup("Timed", null);
        String child = newGroup("Timed child", root);
        // refused by the aggregate: a failed command
        assertThat(patch(linkOfGroup(root), Map.of("parent", linkOfGroup(child))).status()).isEqualTo(400);

        Actuator scrape = actuator("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.header("Content-Type")).startsWith("text/plain");
        List<Sample> samples = Sample.parse(scrape.body());
        assertThat(value(samples, "orggroups_command_successTimer_seconds_count", Map.of("command", "CreateGroup")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(samples, "orggroups_command_allTimer_seconds_count", Map.of("command", "CreateGroup")))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(samples, "orggroups_command_failureTimer_seconds_count", Map.of("command", "UpdateGroup")))
                .isGreaterThanOrEqualTo(1);
        // histogram buckets, which add up over nodes
        assertThat(value(samples, "orggroups_command_allTimer_seconds_bucket",
                Map.of("command", "CreateGroup", "le", "+Inf"))).isGreaterThanOrEqualTo(1);
    }

    @Test
    void prometheusShowsEveryProcessorsLagPositionAndStateAsProjectionsDo() {
        String root = newGroup("Measured", null);
        newGroup("Measured child", root);
        List<String> streaming = List.of(AuditEventProjection.PROCESSING_GROUP, GroupReportProjection.PROCESSING_GROUP);
        // Once the streaming processors have caught up, /api/projections/ and the metrics agree
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (JsonNode projection : call("GET", "/api/projections/", adminToken(), null).json()) {
                assertThat(projection.path("lag").asLong()).as(projection.toString()).isZero();
            }
        });
        // the metrics keep a reading for up to a second
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<Sample> samples = Sample.parse(actuator("/actuator/prometheus").body());
            for (JsonNode projection : call("GET", "/api/projections/", adminToken(), null).json()) {
                String name = projection.path("name").asText();
                Map<String, String> tags = Map.of("processor", name, "kind", projection.path("kind").asText());
                assertThat(value(samples, "orggroups_projection_lag", tags)).as(name)
                        .isEqualTo(projection.path("lag").asDouble());
                assertThat(value(samples, "orggroups_projection_position", tags)).as(name)
                        .isEqualTo(projection.path("position").asDouble());
                for (String state : List.of("live", "rebuilding", "retrying", "waiting", "failed")) {
                    Map<String, String> stateTags = new LinkedHashMap<>(tags);
                    stateTags.put("state", state);
                    assertThat(value(samples, "orggroups_projection_state", stateTags)).as(name + " " + state)
                            .isEqualTo(state.equals(projection.path("status").asText()) ? 1.0 : 0.0);
                }
            }
        });
        List<Sample> samples = Sample.parse(actuator("/actuator/prometheus").body());
        for (String name : streaming) {
            assertThat(value(samples, "orggroups_projection_position", Map.of("processor", name)))
                    .as(name).isPositive();
        }
    }

    @Test
    void otherActuatorEndpointsStillNeedAStaffToken() {
        assertThat(actuator("/actuator/metrics").status()).isEqualTo(401);
        assertThat(actuator("/actuator").status()).isEqualTo(401);
    }

    private static double value(List<Sample> samples, String name, Map<String, String> tags) {
        List<Sample> matching = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(tags.entrySet()))
                .toList();
        assertThat(matching).as("samples of %s with %s", name, tags).hasSize(1);
        return matching.get(0).value();
    }

    private Actuator actuator(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            return new Actuator(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Actuator(int status, String body, HttpResponse<String> response) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }
    }

    /** One sample of the Prometheus text format. */
    private record Sample(String name, Map<String, String> labels, double value) {

        static List<Sample> parse(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                Matcher sample = SAMPLE.matcher(line);
                if (line.startsWith("#") || !sample.matches()) {
                    continue;
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
            return samples;
        }
    }
}
