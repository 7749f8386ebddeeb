package org.orggroups.app.operations;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.RenameCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Writes a realistic data set, fast, for benchmarks: the real aggregates, command handlers, views and event store,
 * driven through the {@link CommandGateway} in-process (no HTTP), with many commands per database transaction.
 *
 * <p>For {@code N} groups, about {@code 10 N} events: {@code N} groups in a tree of six levels, widest at the bottom
 * (50 roots); {@code N/2} customers, each joining nine groups, half of them later changing their groups (three
 * leaves, four joins) and being renamed; {@code 1.5 N} group renames; {@code 0.3 N} moves of leaf groups under
 * other inner groups; and {@code N/100} leaf groups deleted with their memberships. Phases run one after another
 * so that what a command needs exists; inside a phase, batches run on several threads. A batch that loses a race
 * (a deadlock between two renames of a parent and its child) is rolled back and run again.
 */
@Component
public class DatasetGenerator {

    private static final int ROOTS = 50;
    private static final int LEVELS = 6;
    private static final int MAX_ATTEMPTS = 5;
    private static final String[] KINDS = {"Department of", "Institute of", "Faculty of", "Centre for", "Lab of"};
    private static final String[] SUBJECTS = {"Marine Biology", "Physics", "Computer Science", "History",
            "Chemistry", "Economics", "Mathematics", "Linguistics", "Medicine", "Geology", "Biology"};

    private final CommandGateway commands;
    private final TransactionTemplate transaction;
    private final JdbcTemplate jdbc;

    public DatasetGenerator(CommandGateway commands, PlatformTransactionManager transactionManager,
                            JdbcTemplate jdbc) {
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
    }

    /** Told of progress, from the generating thread. */
    @FunctionalInterface
    public interface Listener {
        /**
         * @param done            commands sent so far
         * @param total           commands to send
         * @param eventsPerSecond events stored per second since the start
         */
        void progressed(long done, long total, double eventsPerSecond);
    }

    /**
     * @param events   events stored by the run
     * @param commands commands sent
     * @param seconds  wall time
     */
    public record Result(long events, long commands, double seconds) {
    }

    /**
     * Generates the data set described above.
     *
     * @param groups  number of groups, at least {@value #ROOTS}
     * @param seed    seed of the random choices: the same seed gives the same shape (ids are random)
     * @param batch   commands per transaction
     * @param threads threads sending batches in parallel
     */
    public Result generate(int groups, long seed, int batch, int threads, Listener listener) {
        Random random = new Random(seed);
        long startIndex = head();
        long started = System.nanoTime();
        List<List<Object>> phases = plan(Math.max(groups, ROOTS), random);
        long total = phases.stream().mapToLong(List::size).sum();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (List<Object> phase : phases) {
                List<Future<?>> futures = new ArrayList<>();
                for (int from = 0; from < phase.size(); from += batch) {
                    List<Object> slice = phase.subList(from, Math.min(phase.size(), from + batch));
                    futures.add(pool.submit(() -> {
                        runBatch(slice);
                        done.addAndGet(slice.size());
                    }));
                }
                for (Future<?> future : futures) {
                    while (!future.isDone()) {
                        report(listener, done.get(), total, startIndex, started);
                        Thread.sleep(250);
                    }
                    future.get();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("a batch failed: " + e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        report(listener, done.get(), total, startIndex, started);
        double seconds = (System.nanoTime() - started) / 1e9;
        return new Result(eventsSince(startIndex), total, seconds);
    }

    private void report(Listener listener, long done, long total, long startIndex, long started) {
        double seconds = (System.nanoTime() - started) / 1e9;
        listener.progressed(done, total, seconds > 0 ? eventsSince(startIndex) / seconds : 0);
    }

    private void runBatch(List<Object> slice) {
        for (int attempt = 1; ; attempt++) {
            try {
                // Every command joins this transaction: one commit per batch instead of one per command.
                transaction.executeWithoutResult(status -> slice.forEach(commands::sendAndWait));
                return;
            } catch (RuntimeException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** The commands, phase by phase; inside a phase no command depends on another. */
    private static List<List<Object>> plan(int groupCount, Random random) {
        List<List<Object>> phases = new ArrayList<>();
        // The tree: level sizes grow geometrically from the roots to the leaves.
        List<List<GroupId>> levels = new ArrayList<>();
        List<GroupId> all = new ArrayList<>();
        Set<GroupId> inner = new HashSet<>();
        double ratio = Math.pow((double) groupCount / ROOTS, 1.0 / (LEVELS - 1));
        double weightSum = 0;
        for (int level = 0; level < LEVELS; level++) {
            weightSum += Math.pow(ratio, level);
        }
        int made = 0;
        for (int level = 0; level < LEVELS; level++) {
            int size = level == LEVELS - 1 ? groupCount - made
                    : Math.max(1, (int) Math.round(groupCount * Math.pow(ratio, level) / weightSum));
            List<Object> creates = new ArrayList<>();
            List<GroupId> ids = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                GroupId id = GroupId.random();
                GroupId parent = level == 0 ? null : pick(levels.get(level - 1), random);
                if (parent != null) {
                    inner.add(parent);
                }
                creates.add(new CreateGroup(id, name(random), parent));
                ids.add(id);
            }
            levels.add(ids);
            all.addAll(ids);
            made += size;
            phases.add(creates);
        }
        List<GroupId> innerGroups = all.stream().filter(inner::contains).toList();
        List<GroupId> leaves = new ArrayList<>(all.stream().filter(g -> !inner.contains(g)).toList());
        java.util.Collections.shuffle(leaves, random);

        int customerCount = Math.max(1, groupCount / 2);
        List<CustomerId> customers = new ArrayList<>();
        List<Object> createCustomers = new ArrayList<>();
        for (int i = 0; i < customerCount; i++) {
            CustomerId id = CustomerId.random();
            customers.add(id);
            createCustomers.add(new CreateCustomer(id, "Customer " + i));
        }
        phases.add(createCustomers);

        List<Set<GroupId>> memberships = new ArrayList<>();
        List<Object> joins = new ArrayList<>();
        for (CustomerId customer : customers) {
            Set<GroupId> chosen = new LinkedHashSet<>();
            while (chosen.size() < Math.min(9, all.size())) {
                chosen.add(pick(all, random));
            }
            memberships.add(chosen);
            joins.add(new UpdateCustomerGroups(customer, chosen));
        }
        phases.add(joins);

        List<Object> changes = new ArrayList<>();
        List<Object> customerRenames = new ArrayList<>();
        for (int i = 0; i < customers.size(); i += 2) {
            List<GroupId> kept = new ArrayList<>(memberships.get(i)).subList(0, 6);
            Set<GroupId> next = new LinkedHashSet<>(kept);
            while (next.size() < Math.min(10, all.size())) {
                next.add(pick(all, random));
            }
            changes.add(new UpdateCustomerGroups(customers.get(i), next));
            customerRenames.add(new RenameCustomer(customers.get(i), "Customer " + i + " Ltd"));
        }
        phases.add(changes);
        phases.add(customerRenames);

        // Renames: every group once, half of them twice; both renames of a group in one batch position.
        List<Object> renames = new ArrayList<>();
        for (GroupId group : all) {
            renames.add(new UpdateGroup(group, name(random), null, null));
        }
        phases.add(renames);
        List<Object> secondRenames = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 2) {
            secondRenames.add(new UpdateGroup(all.get(i), name(random), null, null));
        }
        phases.add(secondRenames);

        // Moves: leaves only, under inner groups only, so that no move can ever ask for a cycle.
        int moves = (int) (groupCount * 0.3);
        List<Object> moveCommands = new ArrayList<>();
        for (int i = 0; i < moves && i < leaves.size(); i++) {
            moveCommands.add(new UpdateGroup(leaves.get(i), null,
                    new ParentChange(pick(innerGroups, random)), null));
        }
        phases.add(moveCommands);

        List<Object> deletes = new ArrayList<>();
        for (int i = moves; i < moves + groupCount / 100 && i < leaves.size(); i++) {
            deletes.add(new DeleteGroup(leaves.get(i), null));
        }
        phases.add(deletes);
        return phases;
    }

    private static <T> T pick(List<T> items, Random random) {
        return items.get(random.nextInt(items.size()));
    }

    private static String name(Random random) {
        return KINDS[random.nextInt(KINDS.length)] + " " + SUBJECTS[random.nextInt(SUBJECTS.length)]
                + " " + (1 + random.nextInt(999));
    }

    private long head() {
        Long head = jdbc.queryForObject("select coalesce(max(global_index), 0) from domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private long eventsSince(long index) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?",
                Long.class, index);
        return count == null ? 0 : count;
    }
}
