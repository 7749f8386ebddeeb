package org.orggroups.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;

/**
 * The fold's own machinery, without a database: its primitive hash map, the compaction of closed history rows,
 * and (on request, {@code -Dorggroups.scale=true}) its speed and memory on a store of a million events. Equality
 * with the projection's handlers is checked in {@code GroupReportBulkRebuildTest}.
 */
class GroupReportFoldTest {

    @Test
    void longIntMapAgreesWithAHashMapThroughGrowthAndRemovals() {
        Random random = new Random(7);
        GroupReportBulkRebuild.LongIntMap map = new GroupReportBulkRebuild.LongIntMap(16);
        Map<Long, Integer> expected = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            // Few distinct keys with shared low bits, so probe runs are long and removals shift them.
            long key = ((long) random.nextInt(64) << 32) | (random.nextInt(256) << 8);
            int delta = random.nextInt(3) - 1;
            switch (random.nextInt(4)) {
                case 0 -> {
                    map.put(key, delta);
                    expected.put(key, delta);
                }
                case 1 -> assertThat(map.remove(key)).isEqualTo(expected.remove(key) != null);
                default -> {
                    int sum = expected.getOrDefault(key, 0) + delta;
                    if (sum == 0) {
                        expected.remove(key);
                    } else {
                        expected.put(key, sum);
                    }
                    assertThat(map.add(key, delta)).isEqualTo(sum);
                }
            }
            assertThat(map.get(key, Integer.MIN_VALUE)).isEqualTo(expected.getOrDefault(key, Integer.MIN_VALUE));
        }
        Map<Long, Integer> actual = new HashMap<>();
        map.forEach(actual::put);
        assertThat(actual).isEqualTo(expected);
        assertThat(map.size()).isEqualTo(expected.size());
    }

    @Test
    void compactingTheClosedHistoryRowsChangesNoRow() {
        List<String> compacted = new ArrayList<>();
        List<String> kept = new ArrayList<>();
        GroupReportBulkRebuild.ReportFold eager = new GroupReportBulkRebuild.ReportFold(collect(compacted), 0);
        GroupReportBulkRebuild.ReportFold never = new GroupReportBulkRebuild.ReportFold(collect(kept), Long.MAX_VALUE);
        Consumer<DomainEventMessage<?>> both = event -> {
            eager.apply(0, event);
            never.apply(0, event);
        };
        Generator doomed = new Generator(new Random(11), 2_000, 500, 2_000, 60);
        Generator staying = new Generator(new Random(12), 500, 300, 600, 60);
        doomed.run(30_000, both);
        staying.run(5_000, both);
        // Most closed rows die with these subtrees; the rows of the groups that stay must come out unchanged.
        doomed.deleteRoots(both);
        staying.run(10_000, both);
        eager.finish();
        never.finish();

        assertThat(eager.closedRowsHeld()).isLessThan(never.closedRowsHeld() / 2);
        assertThat(compacted.stream().filter(r -> r.startsWith("report_membership_history")).count())
                .isGreaterThan(1_000);
        assertThat(compacted.stream().sorted().toList()).isEqualTo(kept.stream().sorted().toList());
    }

    /**
     * A million events (100,000 groups in a tree about six deep, 50,000 customers, about 150,000 memberships at the
     * end, renames, moves, leaf deletes) over a year, a few out of time order. Prints the fold's rate and the heap
     * it holds before {@code finish()}; run with {@code -Dorggroups.scale=true} and a small heap.
     */
    @Test
    @EnabledIfSystemProperty(named = "orggroups.scale", matches = "true")
    void foldsAMillionEventsQuicklyInLittleMemory() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        // The same events without the fold first, to take the generator's own time out of the fold's.
        long cpu = threads.getCurrentThreadCpuTime();
        new Generator(new Random(1), 100_000, 50_000, 150_000, 365).run(1_000_000, event -> { });
        long generatorCpu = threads.getCurrentThreadCpuTime() - cpu;

        long[] rows = new long[1];
        GroupReportBulkRebuild.ReportFold[] fold = {new GroupReportBulkRebuild.ReportFold((t, v) -> rows[0]++)};
        Generator generator = new Generator(new Random(1), 100_000, 50_000, 150_000, 365);
        cpu = threads.getCurrentThreadCpuTime();
        generator.run(1_000_000, event -> fold[0].apply(0, event));
        long applyCpu = threads.getCurrentThreadCpuTime() - cpu - generatorCpu;
        long withFold = usedAfterGc();
        cpu = threads.getCurrentThreadCpuTime();
        fold[0].finish();
        long finishCpu = threads.getCurrentThreadCpuTime() - cpu;
        long closedRows = fold[0].closedRowsHeld();
        fold[0] = null;
        long held = withFold - usedAfterGc();
        long total = applyCpu + finishCpu;
        System.out.printf("group report fold: %,d events, CPU %,d ms in apply + %,d ms in finish (%,d events/s);"
                        + " %,d rows, %,d closed history rows, %,d MB held before finish, max heap %,d MB%n",
                generator.emitted, applyCpu / 1_000_000, finishCpu / 1_000_000,
                generator.emitted * 1_000_000_000L / total, rows[0], closedRows, held >> 20,
                Runtime.getRuntime().maxMemory() >> 20);
        assertThat(generator.emitted).isGreaterThanOrEqualTo(1_000_000);
    }

    private static RowSink collect(List<String> rows) {
        return (table, values) -> rows.add(table + Arrays.asList(values));
    }

    private static long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /**
     * Random events shaped like a real store: groups created under live parents of depth below five (so the tree
     * stays about six deep), customers joining and leaving (repeats included), renames, moves of whole subtrees
     * (never under their own subtree), deletes of leaf groups followed by their members' leaves; time runs over
     * {@code days} days, one event in a hundred stamped up to three days early.
     */
    static final class Generator {

        private final Random random;
        private final int groups;
        private final int customers;
        private final int memberships;
        private final long days;
        long emitted;

        private final List<GroupId> groupIds = new ArrayList<>();
        private int[] parent;
        private int[] depth;
        private int[] children;
        private boolean[] alive;
        private final List<Integer> live = new ArrayList<>();
        private int[] livePosition;
        private final Map<Integer, List<Integer>> groupMembers = new HashMap<>();
        private final List<CustomerId> customerIds = new ArrayList<>();
        private final List<Long> memberList = new ArrayList<>();
        private final Map<Long, Integer> memberPosition = new HashMap<>();
        private Instant clock = Instant.parse("2023-01-01T00:00:00Z");
        private Consumer<DomainEventMessage<?>> out;
        private long step;

        Generator(Random random, int groups, int customers, int memberships, long days) {
            this.random = random;
            this.groups = groups;
            this.customers = customers;
            this.memberships = memberships;
            this.days = days;
            parent = new int[groups * 2];
            depth = new int[groups * 2];
            children = new int[groups * 2];
            alive = new boolean[groups * 2];
            livePosition = new int[groups * 2];
        }

        /** Deletes every group by deleting the roots: each delete takes its whole subtree, leaves not told. */
        void deleteRoots(Consumer<DomainEventMessage<?>> out) {
            this.out = out;
            for (int g = 0; g < groupIds.size(); g++) {
                if (alive[g] && parent[g] < 0) {
                    group(g, new GroupDeleted(groupIds.get(g), null, groupIds.get(g)));
                }
            }
        }

        void run(long events, Consumer<DomainEventMessage<?>> out) {
            this.out = out;
            Duration gap = Duration.ofDays(days).dividedBy(events);
            while (emitted < events) {
                clock = clock.plus(gap);
                int dice = random.nextInt(1000);
                if (groupIds.size() < groups && (dice < 150 || live.isEmpty())) {
                    createGroup();
                } else if (customerIds.size() < customers && dice < 230) {
                    createCustomer();
                } else if (customerIds.isEmpty() || live.isEmpty()) {
                    createGroup();
                } else if (dice < 560) {
                    if (memberList.size() < memberships || random.nextBoolean()) {
                        join();
                    } else {
                        leave();
                    }
                } else if (dice < 620) {
                    leave();
                } else if (dice < 628) {
                    deleteLeaf();
                } else if (dice < 690) {
                    move();
                } else if (dice < 900) {
                    int g = pickLive();
                    group(g, new GroupRenamed(groupIds.get(g), "Renamed " + step, "before"));
                } else {
                    CustomerId c = customerIds.get(random.nextInt(customerIds.size()));
                    emit("Customer", c.toString(), new CustomerRenamed(c, "Customer " + step, "before"));
                }
                step++;
            }
        }

        private void createGroup() {
            int g = groupIds.size();
            if (g == parent.length) {
                parent = Arrays.copyOf(parent, g * 2);
                depth = Arrays.copyOf(depth, g * 2);
                children = Arrays.copyOf(children, g * 2);
                alive = Arrays.copyOf(alive, g * 2);
                livePosition = Arrays.copyOf(livePosition, g * 2);
            }
            int p = -1;
            if (!live.isEmpty() && random.nextInt(100) != 0) {
                for (int attempt = 0; attempt < 10 && p == -1; attempt++) {
                    int candidate = pickLive();
                    if (depthOf(candidate) < 5) {
                        p = candidate;
                    }
                }
            }
            GroupId id = GroupId.random();
            groupIds.add(id);
            parent[g] = p;
            alive[g] = true;
            livePosition[g] = live.size();
            live.add(g);
            if (p >= 0) {
                children[p]++;
            }
            group(g, new GroupCreated(id, "Group " + g, p < 0 ? null : groupIds.get(p)));
        }

        private void createCustomer() {
            CustomerId id = CustomerId.random();
            customerIds.add(id);
            emit("Customer", id.toString(), new CustomerCreated(id, "Customer " + customerIds.size()));
        }

        private void join() {
            int g = pickLive();
            int c = random.nextInt(customerIds.size());
            long key = ((long) g << 32) | c;
            if (!memberPosition.containsKey(key)) {
                memberPosition.put(key, memberList.size());
                memberList.add(key);
                groupMembers.computeIfAbsent(g, k -> new ArrayList<>()).add(c);
            }
            customer(c, new CustomerJoinedGroup(customerIds.get(c), groupIds.get(g)));
        }

        private void leave() {
            if (memberList.isEmpty()) {
                return;
            }
            long key = memberList.get(random.nextInt(memberList.size()));
            removeMembership(key);
            customer((int) key, new CustomerLeftGroup(customerIds.get((int) key), groupIds.get((int) (key >>> 32)),
                    false));
        }

        private void removeMembership(long key) {
            int at = memberPosition.remove(key);
            groupMembers.get((int) (key >>> 32)).remove(Integer.valueOf((int) key));
            long last = memberList.remove(memberList.size() - 1);
            if (last != key) {
                memberList.set(at, last);
                memberPosition.put(last, at);
            }
        }

        private void move() {
            int g = pickLive();
            int target = pickLive();
            if (depthOf(target) > 3) {
                return;
            }
            for (int a = target; a >= 0; a = parent[a]) {
                if (a == g) {
                    target = -1;
                    break;
                }
            }
            if (parent[g] >= 0) {
                children[parent[g]]--;
            }
            parent[g] = target;
            if (target >= 0) {
                children[target]++;
            }
            group(g, new GroupReparented(groupIds.get(g), target < 0 ? null : groupIds.get(target), null));
        }

        private void deleteLeaf() {
            int g = pickLive();
            if (children[g] > 0) {
                return;
            }
            alive[g] = false;
            int last = live.remove(live.size() - 1);
            if (last != g) {
                live.set(livePosition[g], last);
                livePosition[last] = livePosition[g];
            }
            if (parent[g] >= 0) {
                children[parent[g]]--;
            }
            group(g, new GroupDeleted(groupIds.get(g), parent[g] < 0 ? null : groupIds.get(parent[g]),
                    groupIds.get(g)));
            for (int c : new ArrayList<>(groupMembers.getOrDefault(g, List.of()))) {
                removeMembership(((long) g << 32) | c);
                customer(c, new CustomerLeftGroup(customerIds.get(c), groupIds.get(g), true));
            }
        }

        private int depthOf(int g) {
            int d = 0;
            for (int a = parent[g]; a >= 0; a = parent[a]) {
                d++;
            }
            return d;
        }

        private int pickLive() {
            return live.get(random.nextInt(live.size()));
        }

        private void group(int g, Object payload) {
            emit("OrganizationGroup", groupIds.get(g).toString(), payload);
        }

        private void customer(int c, Object payload) {
            emit("Customer", customerIds.get(c).toString(), payload);
        }

        private void emit(String type, String aggregateId, Object payload) {
            Instant stamp = random.nextInt(100) == 0 ? clock.minus(Duration.ofHours(random.nextInt(72))) : clock;
            out.accept(new GenericDomainEventMessage<>(type, aggregateId, 0, payload, Map.of(), "m" + emitted, stamp));
            emitted++;
        }
    }
}
