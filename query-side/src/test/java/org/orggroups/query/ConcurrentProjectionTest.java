package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The views stay right when writes run in concurrent transactions, as they do with several requests or
 * several nodes: events are handled in transactions of their own, on real threads, on the test database, and
 * one transaction is held open while another one touches the same rows.
 */
class ConcurrentProjectionTest {

    /** Global indexes handed out to the events, as the event store would. */
    private static final AtomicLong GLOBAL_INDEX = new AtomicLong();

    private TestDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private AnnotationEventHandlerAdapter projection;
    private ExecutorService threads;

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        DataSource dataSource = database.multiConnectionDataSource();
        jdbc = new JdbcTemplate(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        projection = new AnnotationEventHandlerAdapter(new GroupViewProjection(jdbc));
        threads = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        threads.shutdownNow();
        assertThat(threads.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        database.close();
    }

    @Test
    void aJoinThatOverlapsAnotherJoinsUncommittedTransactionCountsBoth() throws Exception {
        GroupId group = GroupId.random();
        handle("OrganizationGroup", group.toString(), 0, new GroupCreated(group, "Busy", null));
        CustomerId first = CustomerId.random();
        CustomerId second = CustomerId.random();

        whileOpen(new CustomerJoinedGroup(first, group), "Customer", first.toString(), 0,
                () -> handle("Customer", second.toString(), 0, new CustomerJoinedGroup(second, group)));

        assertThat(customersCount(group)).isEqualTo(2);
    }

    @Test
    void aChildCreatedWhileItsParentsRenameIsUncommittedGetsTheNewName() throws Exception {
        GroupId parent = GroupId.random();
        handle("OrganizationGroup", parent.toString(), 0, new GroupCreated(parent, "old", null));
        GroupId child = GroupId.random();

        whileOpen(new GroupRenamed(parent, "new", "old"), "OrganizationGroup", parent.toString(), 1,
                () -> handle("OrganizationGroup", child.toString(), 0, new GroupCreated(child, "child", parent)));

        assertThat(jdbc.queryForObject("select parent_name from group_view where group_id = ?", String.class,
                child.uuid())).isEqualTo("new");
    }

    /**
     * Handles {@code first} in a transaction that stays open while {@code overlapping} starts on another
     * thread, then commits it and waits for {@code overlapping} to finish.
     */
    @Test
    void aGroupMovedWhileItsNewParentsRenameIsUncommittedGetsTheNewName() throws Exception {
        GroupId parent = GroupId.random();
        handle("OrganizationGroup", parent.toString(), 0, new GroupCreated(parent, "old", null));
        GroupId moved = GroupId.random();
        handle("OrganizationGroup", moved.toString(), 0, new GroupCreated(moved, "moved", null));

        whileOpen(new GroupRenamed(parent, "new", "old"), "OrganizationGroup", parent.toString(), 1,
                () -> handle("OrganizationGroup", moved.toString(), 1, new GroupReparented(moved, parent, null)));

        assertThat(jdbc.queryForObject("select parent_name from group_view where group_id = ?", String.class,
                moved.uuid())).isEqualTo("new");
        assertThat(jdbc.queryForObject("select parent_name from group_timeline where group_id = ? and to_index is null",
                String.class, moved.uuid())).isEqualTo("new");
    }

    private void whileOpen(Object first, String aggregateType, String aggregateId, long sequence,
                           Runnable overlapping) throws Exception {
        CountDownLatch handled = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        Future<?> firstWriter = threads.submit(() -> {
            transactions.executeWithoutResult(status -> {
                handle(aggregateType, aggregateId, sequence, first);
                handled.countDown();
                await(commit);
            });
            return null;
        });
        assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
        Future<?> secondWriter = threads.submit(overlapping);
        // Gives the second writer time to reach the row the first one holds; were it slower, the test would
        // only pass more easily, never fail wrongly. Kept well under H2's default lock timeout of two seconds.
        Thread.sleep(200);
        commit.countDown();
        firstWriter.get(10, TimeUnit.SECONDS);
        secondWriter.get(10, TimeUnit.SECONDS);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Handles one event in a transaction of its own, as a subscribing processor does within a command's; joins
     * the caller's transaction when there is one.
     */
    private void handle(String aggregateType, String aggregateId, long sequence, Object payload) {
        transactions.executeWithoutResult(status -> {
            try {
                projection.handle(new GenericTrackedDomainEventMessage<>(
                        new GlobalSequenceTrackingToken(GLOBAL_INDEX.incrementAndGet()),
                        new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private long customersCount(GroupId group) {
        return jdbc.queryForObject("select customers_count from group_view where group_id = ?", Long.class,
                group.uuid());
    }
}
