package org.orggroups.command.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The SQL of {@link JdbcGroupTree} and {@link GroupTreeProjection} on an in-memory H2 with the application's
 * schema, including the row locks with real threads, one transaction each. Given the system property
 * {@value #URL_PROPERTY} (a {@code jdbc:postgresql:} URL, with {@code orggroups.test.jdbc-user} and
 * {@code orggroups.test.jdbc-password}), the same tests run on that PostgreSQL database instead, each in a
 * schema of its own that is dropped afterwards.
 */
class JdbcGroupTreeTest {

    private static final String URL_PROPERTY = "orggroups.test.jdbc-url";

    private static final GroupId ROOT = group("00000000-0000-0000-0000-000000000001");
    private static final GroupId CHILD_B = group("b0000000-0000-0000-0000-000000000000");
    // Sorts after CHILD_B as text and before it by UUID.compareTo, which compares signed longs.
    private static final GroupId CHILD_F = group("f0000000-0000-0000-0000-000000000000");
    private static final GroupId GRANDCHILD = group("00000000-0000-0000-0000-0000000000aa");
    private static final GroupId GREAT_GRANDCHILD = group("00000000-0000-0000-0000-000000000aaa");
    private static final GroupId OTHER_ROOT = group("00000000-0000-0000-0000-000000000002");
    private static final CustomerId FIRST = CustomerId.parse("10000000-0000-0000-0000-000000000000");
    private static final CustomerId SECOND = CustomerId.parse("e0000000-0000-0000-0000-000000000000");

    private JdbcTemplate jdbc;
    private JdbcGroupTree tree;
    private GroupTreeProjection projection;
    private TransactionTemplate transactions;
    private Runnable dropSchema = () -> { };

    @BeforeEach
    void createSchema() {
        DriverManagerDataSource dataSource = System.getProperty(URL_PROPERTY) == null
                ? new DriverManagerDataSource(
                        "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000", "sa", "")
                : ownSchemaOnGivenDatabase();
        new ResourceDatabasePopulator(new ClassPathResource("db/command_side_tree.sql")).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
        tree = new JdbcGroupTree(jdbc);
        projection = new GroupTreeProjection(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    @AfterEach
    void dropSchema() {
        dropSchema.run();
    }

    private DriverManagerDataSource ownSchemaOnGivenDatabase() {
        String url = System.getProperty(URL_PROPERTY);
        String user = System.getProperty("orggroups.test.jdbc-user", "");
        String password = System.getProperty("orggroups.test.jdbc-password", "");
        String schema = "tree_test_" + UUID.randomUUID().toString().replace("-", "");
        JdbcTemplate admin = new JdbcTemplate(new DriverManagerDataSource(url, user, password));
        admin.execute("create schema " + schema);
        dropSchema = () -> admin.execute("drop schema " + schema + " cascade");
        return new DriverManagerDataSource(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                user, password);
    }

    /** ROOT - (CHILD_B - GRANDCHILD - GREAT_GRANDCHILD, CHILD_F); OTHER_ROOT. */
    private void buildTree() {
        projection.on(new GroupCreated(ROOT, "root", null));
        projection.on(new GroupCreated(CHILD_F, "f", ROOT));
        projection.on(new GroupCreated(CHILD_B, "b", ROOT));
        projection.on(new GroupCreated(GRANDCHILD, "gc", CHILD_B));
        projection.on(new GroupCreated(GREAT_GRANDCHILD, "ggc", GRANDCHILD));
        projection.on(new GroupCreated(OTHER_ROOT, "other", null));
    }

    @Test
    void ancestorsAreTheGroupThenItsParentsUpToTheRoot() {
        buildTree();

        assertThat(tree.ancestorsOf(GREAT_GRANDCHILD)).containsExactly(GREAT_GRANDCHILD, GRANDCHILD, CHILD_B, ROOT);
        assertThat(tree.ancestorsOf(ROOT)).containsExactly(ROOT);
    }

    @Test
    void ancestorsOfUnknownGroupAreEmpty() {
        buildTree();

        assertThat(tree.ancestorsOf(group("00000000-0000-0000-0000-00000000dead"))).isEmpty();
    }

    @Test
    void ancestorsFollowMoves() {
        buildTree();
        projection.on(new GroupReparented(CHILD_B, OTHER_ROOT, ROOT));

        assertThat(tree.ancestorsOf(GRANDCHILD)).containsExactly(GRANDCHILD, CHILD_B, OTHER_ROOT);
    }

    @Test
    void subtreeIsListedDeepestLevelFirstAndByUuidTextWithinALevel() {
        buildTree();

        List<GroupId> subtree = transactions.execute(status -> tree.lockSubtreeDeepestFirst(ROOT));

        assertThat(subtree).containsExactly(GREAT_GRANDCHILD, GRANDCHILD, CHILD_B, CHILD_F, ROOT);
    }

    @Test
    void subtreeLeavesOutDeletedGroups() {
        buildTree();
        projection.on(new GroupDeleted(CHILD_F, ROOT, CHILD_F));

        assertThat(tree.lockSubtreeDeepestFirst(ROOT)).containsExactly(GREAT_GRANDCHILD, GRANDCHILD, CHILD_B, ROOT);
        assertThat(tree.lockSubtreeDeepestFirst(OTHER_ROOT)).containsExactly(OTHER_ROOT);
    }

    @Test
    void onlyExistingUndeletedGroupsAreLive() {
        buildTree();
        projection.on(new GroupDeleted(CHILD_F, ROOT, CHILD_F));

        assertThat(tree.lockLiveGroup(CHILD_B)).isTrue();
        assertThat(tree.lockLiveGroup(CHILD_F)).isFalse();
        assertThat(tree.lockLiveGroup(group("00000000-0000-0000-0000-00000000dead"))).isFalse();
    }

    @Test
    void shapeLockWithoutItsRowFailsLoudly() {
        transactions.executeWithoutResult(status -> tree.lockShape());
        jdbc.update("delete from tree_lock");

        assertThatThrownBy(tree::lockShape)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("tree_lock has no row with id 1; the schema is not migrated");
    }

    @Test
    void membersOfGroupsAreDistinctAndInUuidOrder() {
        buildTree();
        projection.on(new CustomerJoinedGroup(SECOND, CHILD_B));
        projection.on(new CustomerJoinedGroup(FIRST, CHILD_B));
        projection.on(new CustomerJoinedGroup(SECOND, CHILD_F));
        projection.on(new CustomerJoinedGroup(FIRST, OTHER_ROOT));

        assertThat(tree.membersOf(List.of(CHILD_B, CHILD_F))).containsExactly(FIRST, SECOND);
        assertThat(tree.membersOf(List.of(CHILD_F))).containsExactly(SECOND);
        assertThat(tree.membersOf(List.of())).isEmpty();
    }

    @Test
    void leavingRemovesTheMembership() {
        buildTree();
        projection.on(new CustomerJoinedGroup(FIRST, CHILD_B));
        projection.on(new CustomerLeftGroup(FIRST, CHILD_B, false));

        assertThat(tree.membersOf(List.of(CHILD_B))).isEmpty();
    }

    @Test
    void offeringsOfAProviderAreItsLiveOnesInUuidOrder() {
        // Sorts after the next as text and before it by UUID.compareTo.
        OfferingId late = OfferingId.parse("f0000000-0000-0000-0000-000000000000");
        OfferingId early = OfferingId.parse("10000000-0000-0000-0000-000000000000");
        OfferingId deleted = OfferingId.parse("20000000-0000-0000-0000-000000000000");
        OfferingId others = OfferingId.parse("30000000-0000-0000-0000-000000000000");
        projection.on(new OfferingCreated(late, FIRST, "late", true, List.of(), false));
        projection.on(new OfferingCreated(early, FIRST, "early", true, List.of(CHILD_B), true));
        projection.on(new OfferingCreated(deleted, FIRST, "deleted", false, List.of(), false));
        projection.on(new OfferingCreated(others, SECOND, "others", true, List.of(), false));
        projection.on(new OfferingDeleted(deleted, FIRST));

        assertThat(tree.offeringsOf(FIRST)).containsExactly(early, late);
        assertThat(tree.offeringsOf(SECOND)).containsExactly(others);
        assertThat(tree.offeringsOf(CustomerId.parse("00000000-0000-0000-0000-00000000dead"))).isEmpty();
    }

    @Test
    void deletedGroupKeepsItsRow() {
        buildTree();
        projection.on(new GroupDeleted(CHILD_F, ROOT, ROOT));

        assertThat(jdbc.queryForObject("select deleted from group_tree where group_id = ?", Boolean.class,
                CHILD_F.uuid())).isTrue();
    }

    @Test
    void replayingEventsTwiceGivesTheSameRows() {
        OfferingId offering = OfferingId.parse("10000000-0000-0000-0000-000000000000");
        buildTree();
        projection.on(new CustomerJoinedGroup(FIRST, CHILD_B));
        projection.on(new OfferingCreated(offering, FIRST, "o", true, List.of(), false));
        String before = dump();

        buildTree();
        projection.on(new CustomerJoinedGroup(FIRST, CHILD_B));
        projection.on(new OfferingCreated(offering, FIRST, "o", true, List.of(), false));

        assertThat(dump()).isEqualTo(before);
    }

    @Test
    void resetEmptiesEveryTable() {
        buildTree();
        projection.on(new CustomerJoinedGroup(FIRST, CHILD_B));
        projection.on(new OfferingCreated(OfferingId.random(), FIRST, "o", true, List.of(), false));

        projection.reset();

        assertThat(dump()).isEqualTo("[][][]");
    }

    @Test
    void oppositeMovesAreSerializedSoTheSecondSeesTheFirst() throws Exception {
        buildTree();
        CountDownLatch moved = new CountDownLatch(1);
        // CHILD_B under CHILD_F, while another writer wants CHILD_F under CHILD_B.
        CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(status -> {
                    tree.lockShape();
                    assertThat(tree.ancestorsOf(CHILD_F)).doesNotContain(CHILD_B);
                    projection.on(new GroupReparented(CHILD_B, CHILD_F, ROOT));
                    moved.countDown();
                    pause();
                }));
        assertThat(moved.await(10, TimeUnit.SECONDS)).isTrue();

        List<GroupId> ancestorsOfNewParent = transactions.execute(status -> {
            tree.lockShape();
            return tree.ancestorsOf(CHILD_B);
        });

        first.get(10, TimeUnit.SECONDS);
        assertThat(ancestorsOfNewParent).containsExactly(CHILD_B, CHILD_F, ROOT);
    }

    @Test
    void createUnderAParentWaitsForItsConcurrentDeleteAndThenSeesItDeleted() throws Exception {
        buildTree();
        CountDownLatch subtreeLocked = new CountDownLatch(1);
        CompletableFuture<Void> delete = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(status -> {
                    tree.lockShape();
                    for (GroupId group : tree.lockSubtreeDeepestFirst(CHILD_B)) {
                        projection.on(new GroupDeleted(group, null, CHILD_B));
                    }
                    subtreeLocked.countDown();
                    pause();
                }));
        assertThat(subtreeLocked.await(10, TimeUnit.SECONDS)).isTrue();

        Boolean live = transactions.execute(status -> tree.lockLiveGroup(GRANDCHILD));

        delete.get(10, TimeUnit.SECONDS);
        assertThat(live).isFalse();
    }

    @Test
    void deleteWaitsForAConcurrentCreateUnderItsSubtreeAndThenDeletesTheNewGroupToo() throws Exception {
        buildTree();
        GroupId created = group("00000000-0000-0000-0000-00000000ffff");
        CountDownLatch parentLocked = new CountDownLatch(1);
        CompletableFuture<Void> create = CompletableFuture.runAsync(() ->
                transactions.executeWithoutResult(status -> {
                    assertThat(tree.lockLiveGroup(GRANDCHILD)).isTrue();
                    projection.on(new GroupCreated(created, "new", GRANDCHILD));
                    parentLocked.countDown();
                    pause();
                }));
        assertThat(parentLocked.await(10, TimeUnit.SECONDS)).isTrue();

        List<GroupId> subtree = transactions.execute(status -> {
            tree.lockShape();
            return tree.lockSubtreeDeepestFirst(CHILD_B);
        });

        create.get(10, TimeUnit.SECONDS);
        assertThat(subtree).containsExactly(GREAT_GRANDCHILD, created, GRANDCHILD, CHILD_B);
    }

    /** Holds a transaction open long enough for the other thread to run into its locks. */
    private static void pause() {
        try {
            Thread.sleep(300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String dump() {
        return jdbc.queryForList("select * from group_tree order by group_id").toString()
                + jdbc.queryForList("select * from group_member order by group_id, customer_id")
                + jdbc.queryForList("select * from provider_offering order by offering_id");
    }

    private static GroupId group(String uuid) {
        return GroupId.parse(uuid);
    }
}
