package org.orggroups.app.support;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.orggroups.app.OrgGroupsApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second, independent instance of the whole service (its own Spring context, Axon configuration, HTTP
 * server and connection pool) on the same database as the test's own instance: two nodes of a cluster.
 */
public final class SecondNode implements AutoCloseable {

    private static final String NODE_NAME = "orggroups.node-name";

    private final ConfigurableApplicationContext context;
    private final int port;

    private SecondNode(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /** Starts a node with the test profile on a random port. */
    public static SecondNode start() {
        return start(new String[0]);
    }

    /**
     * Starts a node with the test profile on a random port, and settings of its own; its name in the streaming
     * processors' claims is {@code second-node} unless the settings name it.
     *
     * @param settings command-line arguments such as {@code --orggroups.node-name=node-b}, which win over every
     *                 configuration file
     */
    public static SecondNode start(String... settings) {
        List<String> args = new ArrayList<>();
        // An argument, not a default property: application.yml's server.port would win over a default.
        args.add("--server.port=0");
        if (Arrays.stream(settings).noneMatch(s -> s.startsWith("--" + NODE_NAME + "="))) {
            // Nodes in one JVM share Axon's default name (pid@host), under which each may claim the other's
            // streaming segments: as two machines, they need names of their own.
            args.add("--" + NODE_NAME + "=second-node");
        }
        args.addAll(List.of(settings));
        return new SecondNode(new SpringApplicationBuilder(OrgGroupsApplication.class).profiles("test")
                .run(args.toArray(String[]::new)));
    }

    /** @return the node's bean of that type, to look at or act on it as the test's own node's beans are */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** @return {@code http://localhost:<port>} of this node */
    public String baseUrl() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        context.close();
    }
}
