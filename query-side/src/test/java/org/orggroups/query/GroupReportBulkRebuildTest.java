package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.orggroups.query.report.GroupReportBulkRebuild;
import org.orggroups.query.report.GroupReportProjection;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bulk rebuild of the group reports against the projection it mirrors: the same events go through the live
 * {@link GroupReportProjection} handlers (one transaction per event, as in its processor) on one database and
 * through {@link GroupReportBulkRebuild}'s fold, whose rows a sink inserts into a fresh copy of the tables; then all
 * five tables must be equal row for row.
 */
class GroupReportBulkRebuildTest {

    private static final Instant START = Instant.parse("2024-03-01T09:00:00Z");

    private final GroupReportBulkRebuild rebuild = new GroupReportBulkRebuild();
    private TestDatabase liveDatabase;
    private TestDatabase foldDatabase;
    private JdbcTemplate live;
    private JdbcTemplate folded;
    private AnnotationEventHandlerAdapter projection;
    private TransactionTemplate transaction;
    private InsertingSink sink;
    private BulkRebuild.Fold fold;
    private long globalIndex;
    private final Map<String, Long> sequences = new HashMap<>();
    private Instant clock = START;

    @BeforeEach
    void setUp() {
        liveDatabase = TestDatabase.create();
        foldDatabase = TestDatabase.create();
        live = liveDatabase.jdbc();
        folded = foldDatabase.jdbc();
        for (JdbcTemplate jdbc : List.of(live, folded)) {
            new ResourceDatabasePopulator(new ClassPathResource("audit_and_reports.sql")).execute(jdbc.getDataSource());
        }
        projection = new AnnotationEventHandlerAdapter(new GroupReportProjection(live));
        transaction = new TransactionTemplate(new DataSourceTransactionManager(live.getDataSource()));
        sink = new InsertingSink(folded, rebuild.tables());
        fold = rebuild.start(sink);
    }

    @AfterEach
    void tearDown() {
        liveDatabase.close();
        foldDatabase.close();
    }

    @Test
    void describesTheProjectionsTables() {
        assertThat(rebuild.processingGroup()).isEqualTo(GroupReportProjection.PROCESSING_GROUP);
        assertThat(rebuild.tables()).extracting(BulkRebuild.Table::name).containsExactly("report_group",
                "report_closure", "report_member", "report_subtree_member", "report_membership_history");
    }

    @Test
    void treeWithMovesAndCustomersInSeveralGroupsOfOneSubtree() {
        GroupId root = createGroup("Root", null);
        GroupId a = createGroup("A", root);
        GroupId a1 = createGroup("A1", a);
        GroupId a2 = createGroup("A2", a);
        GroupId b = createGroup("B", root);
        GroupId b1 = createGroup("B1", b);
        GroupId other = createGroup("Other", null);
        CustomerId alice = createCustomer();
        CustomerId bob = createCustomer();
        CustomerId carol = createCustomer();
        join(alice, a1);
        join(alice, a2);
        join(alice, a);
        join(bob, a1);
        join(bob, a1);
        join(carol, b1);
        nextDay();
        rename(a, "A renamed");
        move(a, b1);
        join(carol, a2);
        nextDay();
        move(b, other);
        leave(alice, a1);
        leave(alice, a1);
        leave(bob, b);
        move(a, null);
        move(a, null);
        move(a1, a2);
        move(a1, a2);
        nextDay();
        join(bob, root);
        rename(other, "Other renamed");

        assertSameRows();
        assertThat(folded.queryForObject("select subtree_customers_count from report_group where group_id = ?",
                Long.class, a.uuid())).isEqualTo(3);
        assertThat(folded.queryForObject("select depth from report_closure where ancestor_id = ?"
                + " and descendant_id = ?", Integer.class, other.uuid(), b1.uuid())).isEqualTo(2);
    }

    @Test
    void subtreeDeletesDeepestFirstThenTheMembersLeave() {
        GroupId root = createGroup("Root", null);
        GroupId doomed = createGroup("Doomed", root);
        GroupId child = createGroup("Child", doomed);
        GroupId grandchild = createGroup("Grandchild", child);
        GroupId sibling = createGroup("Sibling", root);
        CustomerId alice = createCustomer();
        CustomerId bob = createCustomer();
        join(alice, root);
        join(alice, grandchild);
        join(alice, doomed);
        join(bob, child);
        join(bob, sibling);
        nextDay();
        deleteSubtree(doomed, true);
        nextDay();
        // A delete of the parent first takes the whole subtree; the children's deletes then find no row.
        GroupId second = createGroup("Second", sibling);
        GroupId secondChild = createGroup("Second child", second);
        join(alice, secondChild);
        join(bob, second);
        deleteSubtree(second, false);
        delete(doomed);

        assertSameRows();
        assertThat(folded.queryForObject("select count(*) from report_group", Long.class)).isEqualTo(2);
        assertThat(folded.queryForObject("select count(*) from report_membership_history where group_id in (?, ?)",
                Long.class, doomed.uuid(), secondChild.uuid())).isZero();
    }

    @Test
    void historyKeepsTheLastCountsOfEachDayEvenWhenEventsComeOutOfTimeOrder() {
        GroupId root = createGroup("Root", null);
        GroupId child = createGroup("Child", root);
        CustomerId alice = createCustomer();
        CustomerId bob = createCustomer();
        CustomerId carol = createCustomer();
        join(alice, child);
        join(bob, child);
        Instant firstDay = clock;
        nextDay();
        nextDay();
        join(carol, root);
        // Committed late: stamped on the first day, it overwrites that day's closed row of both groups.
        clock = firstDay.plusSeconds(60);
        leave(alice, child);
        // Late for a day on which the group had no row yet: a new row.
        clock = firstDay.plus(Duration.ofDays(1));
        join(alice, root);
        clock = firstDay.plus(Duration.ofDays(2)).plusSeconds(3600);
        join(alice, child);
        clock = firstDay.plus(Duration.ofDays(1)).plusSeconds(60);
        leave(bob, child);

        assertSameRows();
        LocalDate day = LocalDate.ofInstant(firstDay, ZoneOffset.UTC);
        assertThat(folded.queryForList("select customers_count from report_membership_history"
                + " where group_id = ? order by as_of", Long.class, child.uuid())).containsExactly(1L, 1L, 2L);
        assertThat(folded.queryForObject("select subtree_customers_count from report_membership_history"
                + " where group_id = ? and as_of = ?", Long.class, root.uuid(), day)).isEqualTo(2);
    }

    @Test
    void aLateEventForAGroupDeletedLaterLeavesNoRow() {
        GroupId root = createGroup("Root", null);
        GroupId child = createGroup("Child", root);
        CustomerId alice = createCustomer();
        join(alice, child);
        Instant firstDay = clock;
        nextDay();
        join(alice, root);
        clock = firstDay;
        leave(alice, child);
        nextDay();
        nextDay();
        deleteSubtree(child, true);

        assertSameRows();
        assertThat(folded.queryForObject("select count(*) from report_membership_history where group_id = ?",
                Long.class, child.uuid())).isZero();
    }

    @Test
    void aGroupCreatedAgainAfterItsDeleteStartsWithoutItsOldRows() {
        GroupId root = createGroup("Root", null);
        GroupId child = createGroup("Child", root);
        CustomerId alice = createCustomer();
        join(alice, child);
        nextDay();
        leave(alice, child);
        deleteSubtree(child, true);
        nextDay();
        publishGroup(child, new GroupCreated(child, "Child again", null));
        join(alice, child);
        move(child, root);

        assertSameRows();
    }

    @Test
    void foldThrowsWhereTheHandlersThrowAndIsUnchangedAfterwards() {
        GroupId root = createGroup("Root", null);
        CustomerId alice = createCustomer();
        join(alice, root);
        GroupId missing = GroupId.random();

        expectBothThrow(customerEvent(alice, new CustomerJoinedGroup(alice, missing)), missing);
        expectBothThrow(groupEvent(missing, new GroupRenamed(missing, "Nobody", "Old")), missing);
        expectBothThrow(groupEvent(missing, new GroupReparented(missing, root, null)), missing);
        expectBothThrow(groupEvent(root, new GroupReparented(root, missing, null)), missing);
        GroupId orphan = GroupId.random();
        expectBothThrow(groupEvent(orphan, new GroupCreated(orphan, "Orphan", missing)), missing);
        GroupId child = createGroup("Child", root);
        // A join to a deleted group throws too, even one that repeats a membership the group had.
        join(alice, child);
        deleteSubtree(child, true);
        expectBothThrow(customerEvent(alice, new CustomerJoinedGroup(alice, child)), child);

        join(createCustomer(), root);
        assertSameRows();
    }

    @Test
    void foldThrowsForAJoinToAGroupWithoutARow() {
        CustomerId alice = createCustomer();
        GroupId missing = GroupId.random();

        assertThatThrownBy(() -> fold.apply(0, customerEvent(alice, new CustomerJoinedGroup(alice, missing))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("report_group has no row for group " + missing);
    }

    @Test
    void foldRefusesAMoveUnderTheGroupsOwnSubtree() {
        GroupId root = createGroup("Root", null);
        GroupId child = createGroup("Child", root);

        assertThatThrownBy(() -> fold.apply(0, groupEvent(root, new GroupReparented(root, child, null))))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> fold.apply(0, groupEvent(root, new GroupReparented(root, root, null))))
                .isInstanceOf(IllegalStateException.class);
        assertSameRows();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void randomHistoriesGiveTheSameRows(long seed) {
        new RandomHistory(new Random(seed)).run(900);

        assertSameRows();
        // Only that the history exercised memberships: 516, 282, 319, 79 and 308 rows for seeds 1 to 5, on H2 and
        // PostgreSQL alike. Before its sets kept their order, the members a history picked varied with the random ids
        // from run to run, and one run left 4 rows.
        long rows = live.queryForObject("select count(*) from report_membership_history", Long.class);
        assertThat(rows).isGreaterThan(5);
    }

    // --- the events, as stored ---

    private GroupId createGroup(String name, GroupId parent) {
        GroupId id = GroupId.random();
        publishGroup(id, new GroupCreated(id, name, parent));
        return id;
    }

    private CustomerId createCustomer() {
        CustomerId id = CustomerId.random();
        publish(customerEvent(id, new CustomerCreated(id, "Customer " + id)));
        return id;
    }

    private void rename(GroupId id, String name) {
        publishGroup(id, new GroupRenamed(id, name, "previous"));
    }

    private void move(GroupId id, GroupId parent) {
        publishGroup(id, new GroupReparented(id, parent, null));
    }

    private void delete(GroupId id) {
        publishGroup(id, new GroupDeleted(id, null, id));
    }

    private void join(CustomerId customer, GroupId group) {
        publish(customerEvent(customer, new CustomerJoinedGroup(customer, group)));
    }

    private void leave(CustomerId customer, GroupId group) {
        publish(customerEvent(customer, new CustomerLeftGroup(customer, group, false)));
    }

    /**
     * Deletes a subtree as the command side does (each group deepest first, then the members' leaves), or parent
     * first when {@code deepestFirst} is false; reads the subtree and members from the live tables.
     */
    private void deleteSubtree(GroupId root, boolean deepestFirst) {
        List<UUID> subtree = live.query("select descendant_id from report_closure where ancestor_id = ?"
                + " order by depth " + (deepestFirst ? "desc" : "asc") + ", descendant_id",
                (rs, i) -> rs.getObject(1, UUID.class), root.uuid());
        Map<GroupId, List<CustomerId>> members = new LinkedHashMap<>();
        for (UUID id : subtree) {
            GroupId group = new GroupId(id);
            members.put(group, live.queryForList("select customer_id from report_member where group_id = ?"
                    + " order by customer_id", UUID.class, group.uuid()).stream().map(CustomerId::new).toList());
        }
        for (GroupId group : members.keySet()) {
            publishGroup(group, new GroupDeleted(group, null, root));
        }
        members.forEach((group, customers) -> customers.forEach(
                c -> publish(customerEvent(c, new CustomerLeftGroup(c, group, true)))));
    }

    private void nextDay() {
        clock = clock.plus(Duration.ofDays(1));
    }

    private void publishGroup(GroupId id, Object payload) {
        publish(groupEvent(id, payload));
    }

    private DomainEventMessage<?> groupEvent(GroupId id, Object payload) {
        return message("OrganizationGroup", id.toString(), payload);
    }

    private DomainEventMessage<?> customerEvent(CustomerId id, Object payload) {
        return message("Customer", id.toString(), payload);
    }

    private DomainEventMessage<?> message(String type, String aggregateId, Object payload) {
        long sequence = sequences.getOrDefault(aggregateId, 0L);
        return new GenericDomainEventMessage<>(type, aggregateId, sequence, payload,
                Map.of(MetadataKeys.USER_UUID, "0f0e0d0c-0b0a-4090-8070-605040302010", MetadataKeys.USERNAME, "staff",
                        MetadataKeys.CORRELATION_ID, UUID.randomUUID().toString()),
                UUID.randomUUID().toString(), clock);
    }

    /** Hands the event to the live handlers, in a transaction of its own, and to the fold. */
    private void publish(DomainEventMessage<?> event) {
        transaction.executeWithoutResult(status -> handleLive(event));
        fold.apply(globalIndex++, event);
        sequences.merge(event.getAggregateIdentifier(), 1L, Long::sum);
    }

    private void handleLive(DomainEventMessage<?> event) {
        try {
            projection.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void expectBothThrow(DomainEventMessage<?> event, GroupId named) {
        String message = "report_group has no row for group " + named;
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> handleLive(event)))
                .isInstanceOf(IllegalStateException.class).hasMessage(message);
        assertThatThrownBy(() -> fold.apply(globalIndex, event))
                .isInstanceOf(IllegalStateException.class).hasMessage(message);
    }

    // --- comparing ---

    private void assertSameRows() {
        fold.finish();
        sink.flush();
        for (BulkRebuild.Table table : rebuild.tables()) {
            String columns = String.join(", ", table.columns());
            String select = "select " + columns + " from " + table.name() + " order by " + columns;
            List<String> expected = rows(live, select);
            List<String> actual = rows(folded, select);
            Set<String> missing = new LinkedHashSet<>(expected);
            actual.forEach(missing::remove);
            Set<String> extra = new LinkedHashSet<>(actual);
            expected.forEach(extra::remove);
            assertThat(actual).as("%s: missing %s, extra %s", table.name(), first(missing), first(extra))
                    .isEqualTo(expected);
        }
    }

    private static List<String> rows(JdbcTemplate jdbc, String select) {
        return jdbc.queryForList(select).stream().map(Map::toString).toList();
    }

    private static List<String> first(Set<String> rows) {
        return rows.stream().limit(10).toList();
    }

    /** Inserts the fold's rows into its copy of the tables, checking each against the table's description. */
    private static final class InsertingSink implements RowSink {

        private final JdbcTemplate jdbc;
        private final Map<String, BulkRebuild.Table> tables;
        private final Map<String, List<Object[]>> rows = new LinkedHashMap<>();

        InsertingSink(JdbcTemplate jdbc, List<BulkRebuild.Table> tables) {
            this.jdbc = jdbc;
            this.tables = tables.stream().collect(Collectors.toMap(BulkRebuild.Table::name, t -> t));
        }

        @Override
        public void add(String table, Object... values) {
            BulkRebuild.Table described = tables.get(table);
            assertThat(described).as("table %s", table).isNotNull();
            assertThat(values).hasSize(described.columns().size());
            for (Object value : values) {
                assertThat(value == null || value instanceof UUID || value instanceof String || value instanceof Long
                        || value instanceof Integer || value instanceof LocalDate)
                        .as("type of %s in %s", value, table).isTrue();
            }
            rows.computeIfAbsent(table, t -> new ArrayList<>()).add(values.clone());
        }

        void flush() {
            rows.forEach((table, batch) -> {
                List<String> columns = tables.get(table).columns();
                jdbc.batchUpdate("insert into " + table + " (" + String.join(", ", columns) + ") values ("
                        + SqlWhere.placeholders(columns.size()) + ")", batch);
            });
            rows.clear();
        }
    }

    /**
     * Random histories as the command side would record them (live parents, no cycles, deletes deepest first
     * followed by the members' leaves), with the odd inputs the handlers tolerate: repeated joins, leaves without
     * a membership, moves to the same place, deletes of groups already gone. Time runs over some weeks, a few
     * events are stamped days earlier than the one before.
     */
    /**
     * A history drawn from a seed. Its sets keep the order they were filled in (never the order of the ids' hashes,
     * which are random), so that a seed gives the same history on every run, only under other ids.
     */
    private final class RandomHistory {

        private final Random random;
        private final List<GroupId> groups = new ArrayList<>();
        private final Map<GroupId, GroupId> parents = new HashMap<>();
        private final Map<GroupId, Set<CustomerId>> members = new HashMap<>();
        private final List<CustomerId> customers = new ArrayList<>();
        private final List<GroupId> deleted = new ArrayList<>();

        RandomHistory(Random random) {
            this.random = random;
        }

        void run(int steps) {
            for (int i = 0; i < 10; i++) {
                customers.add(createCustomer());
            }
            Instant now = clock;
            for (int step = 0; step < steps; step++) {
                now = now.plusSeconds(random.nextInt(4 * 3600));
                clock = random.nextInt(25) == 0 ? now.minus(Duration.ofHours(12 + random.nextInt(60))) : now;
                int dice = random.nextInt(100);
                if (dice < 18 || groups.size() < 3) {
                    create();
                } else if (dice < 22) {
                    rename(pick(groups), "Name " + step);
                } else if (dice < 32) {
                    move();
                } else if (dice < 62) {
                    join();
                } else if (dice < 78) {
                    leave();
                } else if (dice < 82) {
                    deleteRandomSubtree();
                } else if (dice < 84 && !deleted.isEmpty()) {
                    delete(pick(deleted));
                } else if (dice < 86) {
                    customers.add(createCustomer());
                } else {
                    joinNear();
                }
            }
        }

        private void create() {
            GroupId parent = groups.isEmpty() || random.nextInt(8) == 0 ? null : pick(groups);
            GroupId id = createGroup("Group " + groups.size(), parent);
            groups.add(id);
            parents.put(id, parent);
            members.put(id, new LinkedHashSet<>());
        }

        private void move() {
            GroupId group = pick(groups);
            Set<GroupId> subtree = subtree(group);
            List<GroupId> targets = groups.stream().filter(g -> !subtree.contains(g)).toList();
            GroupId parent = targets.isEmpty() || random.nextInt(6) == 0 ? null
                    : random.nextInt(6) == 0 ? parents.get(group) : targets.get(random.nextInt(targets.size()));
            GroupReportBulkRebuildTest.this.move(group, parent);
            parents.put(group, parent);
        }

        private void join() {
            CustomerId customer = pick(customers);
            GroupId group = pick(groups);
            GroupReportBulkRebuildTest.this.join(customer, group);
            members.get(group).add(customer);
        }

        /** A customer joins another group of a subtree it is in already, or repeats a join. */
        private void joinNear() {
            List<GroupId> withMembers = groups.stream().filter(g -> !members.get(g).isEmpty()).toList();
            if (withMembers.isEmpty()) {
                join();
                return;
            }
            GroupId group = pick(withMembers);
            CustomerId customer = pick(new ArrayList<>(members.get(group)));
            GroupId top = group;
            for (int up = random.nextInt(3); up > 0 && parents.get(top) != null; up--) {
                top = parents.get(top);
            }
            GroupId target = random.nextInt(5) == 0 ? group : pick(new ArrayList<>(subtree(top)));
            GroupReportBulkRebuildTest.this.join(customer, target);
            members.get(target).add(customer);
        }

        private void leave() {
            GroupId group = pick(groups);
            List<CustomerId> in = new ArrayList<>(members.get(group));
            CustomerId customer = in.isEmpty() || random.nextInt(10) == 0 ? pick(customers) : pick(in);
            GroupReportBulkRebuildTest.this.leave(customer, group);
            members.get(group).remove(customer);
        }

        private void deleteRandomSubtree() {
            GroupId root = pick(groups);
            boolean deepestFirst = random.nextInt(5) != 0;
            deleteSubtree(root, deepestFirst);
            for (GroupId gone : subtree(root)) {
                groups.remove(gone);
                parents.remove(gone);
                members.remove(gone);
                deleted.add(gone);
            }
        }

        private Set<GroupId> subtree(GroupId root) {
            Set<GroupId> subtree = new LinkedHashSet<>();
            subtree.add(root);
            boolean grew = true;
            while (grew) {
                grew = false;
                for (GroupId g : groups) {
                    if (!subtree.contains(g) && subtree.contains(parents.get(g))) {
                        subtree.add(g);
                        grew = true;
                    }
                }
            }
            return subtree;
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }
    }
}
