package org.orggroups.command.tree;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.replay.BulkRebuild;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * {@link GroupTreeBulkRebuild} gives, row for row, the {@code group_tree}, {@code group_member} and
 * {@code provider_offering} rows
 * {@link GroupTreeProjection}'s handlers write for the same stored events: scripted and random histories, replayed
 * through the handlers into one database and through the fold into another. In-memory H2; PostgreSQL when
 * {@code SPRING_DATASOURCE_URL} (or the system property {@code orggroups.test.jdbc-url}, as for
 * {@link JdbcGroupTreeTest}) names one, each database in a schema of its own that is dropped afterwards.
 */
class GroupTreeBulkRebuildTest {

    private final GroupTreeBulkRebuild rebuild = new GroupTreeBulkRebuild();
    private final List<Runnable> cleanUps = new ArrayList<>();
    private JdbcTemplate handlers;
    private JdbcTemplate folded;

    @BeforeEach
    void setUp() {
        handlers = database();
        folded = database();
    }

    @AfterEach
    void tearDown() {
        // Last made, first undone: a schema is dropped after its connection is closed.
        for (int i = cleanUps.size() - 1; i >= 0; i--) {
            cleanUps.get(i).run();
        }
    }

    @Test
    void scriptedHistoryGivesTheHandlersRows() {
        History history = new History(1);
        GroupId root = history.createGroup(null);
        GroupId child = history.createGroup(root);
        GroupId grandchild = history.createGroup(child);
        GroupId other = history.createGroup(null);
        CustomerId alice = history.createCustomer();
        CustomerId bob = history.createCustomer();
        history.join(alice, root);
        history.join(alice, grandchild);
        history.join(bob, child);
        history.join(bob, child);
        OfferingId alicesFirst = history.createOffering(alice);
        history.createOffering(alice);
        OfferingId bobs = history.createOffering(bob);
        history.publishGroupEvent(root, new GroupRenamed(root, "renamed", "old"));
        history.moveGroup(child, other);
        history.moveGroup(other, root);
        history.join(bob, other);
        history.leave(alice, root);
        history.deleteSubtree(child);
        history.publishCustomerEvent(bob, new CustomerLeftGroup(bob, child, true));
        history.deleteCustomer(alice);
        // Events the command side never sends for these groups: the handlers change nothing, or revive the row.
        history.publishGroupEvent(child, new GroupDeleted(child, other, child));
        GroupId unknown = GroupId.random();
        history.publishGroupEvent(unknown, new GroupReparented(unknown, root, null));
        history.publishGroupEvent(unknown, new GroupDeleted(unknown, null, unknown));
        history.publishGroupEvent(grandchild, new GroupCreated(grandchild, "again", root));
        // Offering events the command side never sends twice: the handlers delete nothing, or upsert.
        history.publishOfferingEvent(alicesFirst, new OfferingDeleted(alicesFirst, alice));
        history.publishOfferingEvent(bobs, new OfferingCreated(bobs, bob, "again", true, List.of(), false));

        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("group_tree")).hasSize(4);
        assertThat(rows.get("group_member")).hasSize(1);
        assertThat(rows.get("provider_offering")).singleElement()
                .isEqualTo(Map.of("offering_id", bobs.uuid(), "provider_id", bob.uuid()));
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9, 10, 11})
    void randomHistoryGivesTheHandlersRows(long seed) {
        assertSameRows(new History(seed).randomSteps(800));
    }

    /** The handlers never fail for a group without a row, so neither does the fold: it writes what they write. */
    @Test
    void eventsNamingGroupsWithoutARowGiveTheHandlersRows() {
        History history = new History(2);
        CustomerId alice = history.createCustomer();
        GroupId missing = GroupId.random();
        history.publishCustomerEvent(alice, new CustomerJoinedGroup(alice, missing));
        history.publishGroupEvent(missing, new GroupReparented(missing, GroupId.random(), null));
        history.publishGroupEvent(missing, new GroupDeleted(missing, null, missing));
        history.publishGroupEvent(missing, new GroupCreated(GroupId.random(), "child of nothing", missing));

        Map<String, List<Map<String, Object>>> rows = assertSameRows(history);
        assertThat(rows.get("group_member")).hasSize(1);
    }

    private Map<String, List<Map<String, Object>>> assertSameRows(History history) {
        AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(new GroupTreeProjection(handlers));
        for (Stored event : history.events) {
            try {
                adapter.handle(new GenericTrackedDomainEventMessage<>(
                        new GlobalSequenceTrackingToken(event.globalIndex()), event.message()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        Map<String, String> inserts = new HashMap<>();
        for (BulkRebuild.Table table : rebuild.tables()) {
            inserts.put(table.name(), "insert into " + table.name() + " (" + String.join(", ", table.columns())
                    + ") values (" + String.join(", ", table.columns().stream().map(c -> "?").toList()) + ")");
        }
        BulkRebuild.Fold fold = rebuild.start((table, values) -> folded.update(inserts.get(table), values));
        for (Stored event : history.events) {
            fold.apply(event.globalIndex(), event.message());
        }
        fold.finish();

        Map<String, List<Map<String, Object>>> expected = rows(handlers);
        assertThat(rows(folded)).isEqualTo(expected);
        return expected;
    }

    private Map<String, List<Map<String, Object>>> rows(JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (BulkRebuild.Table table : rebuild.tables()) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table.name())) {
                Map<String, Object> copy = new LinkedHashMap<>();
                row.forEach((column, value) -> copy.put(column.toLowerCase(Locale.ROOT), value));
                all.add(copy);
            }
            all.sort(Comparator.comparing(Object::toString));
            rows.put(table.name(), all);
        }
        return rows;
    }

    private JdbcTemplate database() {
        String url = System.getProperty("orggroups.test.jdbc-url", System.getenv("SPRING_DATASOURCE_URL"));
        // One connection each: a new connection per statement makes a long history slow on PostgreSQL.
        SingleConnectionDataSource dataSource;
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            String user = System.getProperty("orggroups.test.jdbc-user", env("SPRING_DATASOURCE_USERNAME"));
            String password = System.getProperty("orggroups.test.jdbc-password", env("SPRING_DATASOURCE_PASSWORD"));
            String schema = "tree_fold_test_" + UUID.randomUUID().toString().replace("-", "");
            JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url, user, password));
            admin.execute("create schema " + schema);
            cleanUps.add(() -> admin.execute("drop schema " + schema + " cascade"));
            dataSource = new SingleConnectionDataSource(
                    url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password, true);
            cleanUps.add(dataSource::destroy);
        } else {
            String name = "tree-fold-" + UUID.randomUUID();
            dataSource = new SingleConnectionDataSource("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", true);
            JdbcTemplate h2 = new JdbcTemplate(dataSource);
            SingleConnectionDataSource h2Connection = dataSource;
            cleanUps.add(() -> {
                h2.execute("shutdown");
                h2Connection.destroy();
            });
        }
        new ResourceDatabasePopulator(new ClassPathResource("db/command_side_tree.sql")).execute(dataSource);
        return new JdbcTemplate(dataSource);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    private record Stored(long globalIndex, DomainEventMessage<?> message) {
    }

    /** Stored events following the command side's rules where they shape the tree's events. */
    private static final class History {
        final List<Stored> events = new ArrayList<>();
        private final Map<String, Long> sequences = new HashMap<>();
        private final Random random;
        private final Map<GroupId, GroupId> parents = new LinkedHashMap<>();
        private final Map<CustomerId, Set<GroupId>> memberships = new LinkedHashMap<>();
        private final Map<OfferingId, CustomerId> offerings = new LinkedHashMap<>();
        private final List<GroupId> deleted = new ArrayList<>();
        private long nextIndex = 1;
        private Instant clock = Instant.parse("2024-10-26T23:30:00Z");

        History(long seed) {
            random = new Random(seed);
        }

        GroupId createGroup(GroupId parent) {
            GroupId id = GroupId.random();
            publishGroupEvent(id, new GroupCreated(id, "g", parent));
            parents.put(id, parent);
            return id;
        }

        void moveGroup(GroupId id, GroupId parent) {
            publishGroupEvent(id, new GroupReparented(id, parent, parents.get(id)));
            parents.put(id, parent);
        }

        void deleteSubtree(GroupId root) {
            List<GroupId> deepestFirst = new ArrayList<>();
            Deque<GroupId> todo = new ArrayDeque<>(List.of(root));
            while (!todo.isEmpty()) {
                GroupId next = todo.pop();
                deepestFirst.add(next);
                parents.forEach((child, parent) -> {
                    if (next.equals(parent)) {
                        todo.push(child);
                    }
                });
            }
            deepestFirst.sort(Comparator.comparingInt(this::depth).reversed());
            for (GroupId id : deepestFirst) {
                publishGroupEvent(id, new GroupDeleted(id, parents.get(id), root));
            }
            for (GroupId id : deepestFirst) {
                memberships.forEach((customer, groups) -> {
                    if (groups.remove(id)) {
                        publishCustomerEvent(customer, new CustomerLeftGroup(customer, id, true));
                    }
                });
                parents.remove(id);
                deleted.add(id);
            }
        }

        CustomerId createCustomer() {
            CustomerId id = CustomerId.random();
            publishCustomerEvent(id, new CustomerCreated(id, "c"));
            memberships.put(id, new LinkedHashSet<>());
            return id;
        }

        void join(CustomerId customer, GroupId group) {
            publishCustomerEvent(customer, new CustomerJoinedGroup(customer, group));
            memberships.get(customer).add(group);
        }

        void leave(CustomerId customer, GroupId group) {
            publishCustomerEvent(customer, new CustomerLeftGroup(customer, group, false));
            memberships.get(customer).remove(group);
        }

        void deleteCustomer(CustomerId id) {
            for (GroupId group : List.copyOf(memberships.get(id))) {
                leave(id, group);
            }
            publishCustomerEvent(id, new CustomerDeleted(id));
            memberships.remove(id);
            // The provider's offerings go with it (Waldur's CASCADE).
            for (Map.Entry<OfferingId, CustomerId> offering : List.copyOf(offerings.entrySet())) {
                if (offering.getValue().equals(id)) {
                    publishOfferingEvent(offering.getKey(), new OfferingDeleted(offering.getKey(), id));
                    offerings.remove(offering.getKey());
                }
            }
        }

        OfferingId createOffering(CustomerId provider) {
            OfferingId id = OfferingId.random();
            List<GroupId> groups = parents.isEmpty() || random.nextBoolean() ? List.of()
                    : List.of(pick(List.copyOf(parents.keySet())));
            publishOfferingEvent(id, new OfferingCreated(id, provider, "o", true, groups, false));
            offerings.put(id, provider);
            return id;
        }

        void publishOfferingEvent(OfferingId id, Object payload) {
            publish("Offering", id.toString(), payload);
        }

        void publishGroupEvent(GroupId id, Object payload) {
            publish("OrganizationGroup", id.toString(), payload);
        }

        void publishCustomerEvent(CustomerId id, Object payload) {
            publish("Customer", id.toString(), payload);
        }

        private void publish(String type, String aggregateId, Object payload) {
            long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
            clock = clock.plusMillis(random.nextInt(4) == 0 ? 0 : random.nextInt(100_000));
            events.add(new Stored(nextIndex, new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                    Map.of(), UUID.randomUUID().toString(), clock)));
            nextIndex += 1 + random.nextInt(2);
        }

        History randomSteps(int steps) {
            for (int i = 0; i < steps; i++) {
                int dice = random.nextInt(100);
                List<GroupId> groups = List.copyOf(parents.keySet());
                List<CustomerId> customers = List.copyOf(memberships.keySet());
                if (dice < 15 || groups.size() < 3) {
                    createGroup(groups.isEmpty() || random.nextInt(4) == 0 ? null : pick(groups));
                } else if (dice < 23 || customers.size() < 3) {
                    createCustomer();
                } else if (dice < 30) {
                    GroupId group = pick(groups);
                    publishGroupEvent(group, new GroupRenamed(group, "r" + i, "g"));
                } else if (dice < 40) {
                    GroupId moved = pick(groups);
                    List<GroupId> targets = groups.stream().filter(g -> !isUnder(g, moved)).toList();
                    moveGroup(moved, targets.isEmpty() || random.nextInt(5) == 0 ? null : pick(targets));
                } else if (dice < 46) {
                    deleteSubtree(pick(groups));
                } else if (dice < 70) {
                    join(pick(customers), pick(groups));
                } else if (dice < 74) {
                    CustomerId customer = pick(customers);
                    if (!memberships.get(customer).isEmpty()) {
                        join(customer, pick(List.copyOf(memberships.get(customer))));
                    }
                } else if (dice < 86) {
                    CustomerId customer = pick(customers);
                    if (!memberships.get(customer).isEmpty()) {
                        leave(customer, pick(List.copyOf(memberships.get(customer))));
                    }
                } else if (dice < 89) {
                    deleteCustomer(pick(customers));
                } else if (dice < 91) {
                    createOffering(pick(customers));
                } else if (dice < 94 && !deleted.isEmpty()) {
                    CustomerId customer = pick(customers);
                    publishCustomerEvent(customer, new CustomerLeftGroup(customer, pick(deleted), true));
                } else {
                    clock = clock.plus(Duration.ofDays(1));
                }
            }
            return this;
        }

        private boolean isUnder(GroupId group, GroupId ancestor) {
            for (GroupId at = group; at != null; at = parents.get(at)) {
                if (at.equals(ancestor)) {
                    return true;
                }
            }
            return false;
        }

        private int depth(GroupId id) {
            int depth = 0;
            for (GroupId at = parents.get(id); at != null; at = parents.get(at)) {
                depth++;
            }
            return depth;
        }

        private <T> T pick(List<T> items) {
            return items.get(random.nextInt(items.size()));
        }
    }
}
