package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The two ways of running a cluster stay one: {@code docker-compose.yml} and {@code scripts/cluster.sh} put the same
 * balancer configuration ({@code docker/nginx.conf}) in front of their nodes, with the same server parameters, and
 * differ only in the balancer's port and the nodes' addresses. The compose file also keeps its images pinned and
 * its nodes' readiness checks. Tests run in the {@code app} module's directory.
 */
class ClusterConfigurationTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SERVER = Pattern.compile("^\\s*server\\s+(\\S+?)((?:\\s+[^;\\s]+)*)\\s*;", Pattern.MULTILINE);
    private static final Pattern LISTEN = Pattern.compile("^\\s*listen\\s+(\\d+)(.*);", Pattern.MULTILINE);

    @TempDir
    Path scriptConfig;

    @Test
    void composeMountsTheSharedBalancerConfigurationAndItsOwnListenAndUpstream() throws IOException {
        Map<String, Object> lb = service("lb");
        assertThat(strings(lb.get("volumes"))).containsExactlyInAnyOrder(
                "./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro",
                "./docker/compose/balancer-listen.conf:/etc/nginx/balancer-listen.conf:ro",
                "./docker/compose/balancer-upstream.conf:/etc/nginx/balancer-upstream.conf:ro");
        String shared = read("docker/nginx.conf");
        assertThat(shared).contains("include balancer-upstream.conf;", "include balancer-listen.conf;");
        // a node's 503 (the database away, alike on every node) must reach the client and take no node out; the
        // test with nginx itself below needs nginx installed, this one holds everywhere
        assertThat(shared).containsPattern("(?m)^\\s*proxy_next_upstream error timeout;$");
    }

    @Test
    void composeBalancesOverEveryNodeServiceOnceTheyAreReady() throws IOException {
        List<String> nodes = services().keySet().stream().filter(name -> name.startsWith("node")).sorted().toList();
        assertThat(nodes).hasSizeGreaterThan(1);
        List<String> upstream = servers(read("docker/compose/balancer-upstream.conf")).stream()
                .map(server -> server.address()).toList();
        assertThat(upstream).containsExactlyElementsOf(nodes.stream().map(node -> node + ":8080").toList());

        @SuppressWarnings("unchecked")
        Map<String, Object> dependsOn = (Map<String, Object>) service("lb").get("depends_on");
        for (String node : nodes) {
            assertThat(dependsOn).containsEntry(node, Map.of("condition", "service_healthy"));
            @SuppressWarnings("unchecked")
            Map<String, Object> healthcheck = (Map<String, Object>) service(node).get("healthcheck");
            assertThat(String.join(" ", strings(healthcheck.get("test"))))
                    .contains("http://localhost:8080/actuator/health/readiness");
        }
    }

    @Test
    void everyComposeImageIsPinned() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services().entrySet()) {
            String image = String.valueOf(service.getValue().get("image"));
            assertThat(image).as(service.getKey()).matches("[a-z0-9./-]+:[0-9][A-Za-z0-9._-]*");
        }
    }

    @Test
    void theScriptsBalancerIsComposesWithItsOwnPortAndNodes() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/cluster.sh").toString(),
                "nginx-config", "3", scriptConfig.toString())
                .redirectErrorStream(true);
        // the script's defaults, whatever cluster settings the machine running the tests has
        builder.environment().keySet().removeIf(name -> name.startsWith("CLUSTER_"));
        Process script = builder.start();
        String output = new String(script.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(script.exitValue()).as(output).isZero();

        assertThat(Files.readString(scriptConfig.resolve("nginx.conf")))
                .contains("include " + ROOT.resolve("docker/nginx.conf") + ";");

        List<Server> compose = servers(read("docker/compose/balancer-upstream.conf"));
        List<Server> local = servers(Files.readString(scriptConfig.resolve("balancer-upstream.conf")));
        assertThat(local).extracting(Server::address)
                .containsExactly("127.0.0.1:8081", "127.0.0.1:8082", "127.0.0.1:8083");
        assertThat(local).extracting(Server::parameters).containsOnly(compose.get(0).parameters());
        assertThat(compose).extracting(Server::parameters).containsOnly(compose.get(0).parameters());

        Matcher composeListen = LISTEN.matcher(read("docker/compose/balancer-listen.conf"));
        Matcher localListen = LISTEN.matcher(Files.readString(scriptConfig.resolve("balancer-listen.conf")));
        assertThat(composeListen.find()).isTrue();
        assertThat(localListen.find()).isTrue();
        assertThat(localListen.group(1)).isEqualTo("8080");
        assertThat(localListen.group(2)).isEqualTo(composeListen.group(2));
    }

    /**
     * A 503 from a node (the database is away, which every node sees alike) reaches the client as the node sent it,
     * and takes no node out of the balancer: listed in {@code proxy_next_upstream}, nginx counted it as a failed
     * attempt, marked every node down after one request, and answered the next ones itself with 502. Runs the
     * script's balancer in front of two stand-in nodes that answer every request 503; skipped where nginx is not
     * installed.
     */
    @Test
    void aNodesAnswer503ReachesTheClientAndTakesNoNodeOut() throws Exception {
        assumeTrue(nginxInstalled(), "nginx is not installed");
        byte[] unavailable = "{\"detail\":\"Service temporarily unavailable, try again later.\"}"
                .getBytes(StandardCharsets.UTF_8);
        List<HttpServer> nodes = twoNodesOnConsecutivePorts(unavailable);
        int balancerPort;
        try (ServerSocket free = new ServerSocket(0)) {
            balancerPort = free.getLocalPort();
        }
        Path conf = scriptConfig.toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("scripts/cluster.sh").toString(),
                "nginx-config", "2", conf.toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("CLUSTER_"));
        builder.environment().put("CLUSTER_PORT", Integer.toString(balancerPort));
        builder.environment().put("CLUSTER_NODE_PORT", Integer.toString(nodes.get(0).getAddress().getPort()));
        assertThat(run(builder)).isZero();
        List<String> nginx = List.of("nginx", "-p", conf + "/", "-c", conf.resolve("nginx.conf").toString(),
                "-e", conf.resolve("error.log").toString());
        assertThat(run(new ProcessBuilder(nginx).redirectErrorStream(true))).isZero();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + balancerPort + "/api/organization-groups/");
            for (int i = 0; i < 6; i++) {
                HttpRequest request = i % 2 == 0 ? HttpRequest.newBuilder(uri).GET().build()
                        : HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                assertThat(response.statusCode()).as("request %d", i + 1).isEqualTo(503);
                assertThat(response.body()).as("request %d", i + 1).isEqualTo(unavailable);
            }
        } finally {
            List<String> stop = new ArrayList<>(nginx);
            stop.addAll(List.of("-s", "stop"));
            run(new ProcessBuilder(stop).redirectErrorStream(true));
            for (int i = 0; i < 100 && Files.exists(conf.resolve("nginx.pid")); i++) {
                Thread.sleep(100);
            }
            nodes.forEach(node -> node.stop(0));
        }
    }

    private static boolean nginxInstalled() throws InterruptedException {
        try {
            return run(new ProcessBuilder("nginx", "-v").redirectErrorStream(true)) == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** @return the process's exit status, its output discarded */
    private static int run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    /** Two stand-in nodes on ports n and n + 1 (the script numbers its nodes' ports so), answering everything. */
    private static List<HttpServer> twoNodesOnConsecutivePorts(byte[] body) throws IOException {
        for (int attempt = 0; ; attempt++) {
            int first;
            try (ServerSocket free = new ServerSocket(0)) {
                first = free.getLocalPort();
            }
            List<HttpServer> nodes = new ArrayList<>();
            try {
                for (int port = first; port <= first + 1; port++) {
                    HttpServer node = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                    node.createContext("/", exchange -> {
                        exchange.getRequestBody().readAllBytes();
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(503, body.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(body);
                        }
                    });
                    node.start();
                    nodes.add(node);
                }
                return nodes;
            } catch (IOException taken) {
                nodes.forEach(node -> node.stop(0));
                if (attempt == 20) {
                    throw taken;
                }
            }
        }
    }

    private record Server(String address, String parameters) {
    }

    private static List<Server> servers(String upstream) {
        List<Server> servers = new ArrayList<>();
        Matcher server = SERVER.matcher(upstream);
        while (server.find()) {
            servers.add(new Server(server.group(1), server.group(2).trim()));
        }
        return servers;
    }

    private static String read(String path) throws IOException {
        return Files.readString(ROOT.resolve(path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(read("docker-compose.yml"));
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static Map<String, Object> service(String name) throws IOException {
        Map<String, Object> service = services().get(name);
        assertThat(service).as("service " + name).isNotNull();
        return service;
    }

    private static List<String> strings(Object list) {
        return ((List<?>) list).stream().map(String::valueOf).toList();
    }
}
