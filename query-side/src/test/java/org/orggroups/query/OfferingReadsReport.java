package org.orggroups.query;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.GroupOrder;
import org.orggroups.api.query.GroupSortField;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.PageRequest;
import org.orggroups.api.query.offering.CheckOrder;
import org.orggroups.api.query.offering.FindPublicOffering;
import org.orggroups.api.query.offering.ListAllowedCustomers;
import org.orggroups.api.query.offering.ListOfferings;
import org.orggroups.api.query.offering.ListPublicOfferings;
import org.orggroups.api.query.offering.OfferingFilter;
import org.orggroups.api.query.offering.Viewer;
import org.orggroups.query.offering.CatalogueReads;
import org.orggroups.query.offering.OfferingQueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Not a test: a report of what the offering reads cost on the benchmark's data set (bench/README.md,
 * {@code benchctl.py seed-offerings}), written straight into the read tables: 10,000 groups up to 6 deep, 2,000
 * customers in 1 to 3 groups each, 1,000 offerings with 3 plans each. For each read it prints the statements one
 * request runs, their {@code EXPLAIN (ANALYZE, BUFFERS)} (PostgreSQL) and the median and 90th percentile of many
 * requests next to the group list page ({@code ?page=5&page_size=50&o=name}). It asserts nothing about time. On
 * PostgreSQL the offering lists read through a second connection whose session uses generic plans, as the service's
 * {@link CatalogueReads} do.
 *
 * <p>Skipped unless asked for: {@code SPRING_DATASOURCE_URL=jdbc:postgresql://... ./mvnw -pl query-side -am test
 * -Dtest=OfferingReadsReport -Dsurefire.failIfNoSpecifiedTests=false -Dofferings.report=true}
 * ({@code -Dofferings.report.runs=N} for another number of timed requests per read).
 */
class OfferingReadsReport {

    private static final int GROUPS = 10_000;
    private static final int ROOTS = 50;
    private static final int MAX_DEPTH = 6;
    private static final int CUSTOMERS = 2_000;
    private static final int OFFERINGS = 1_000;
    private static final int PLANS = 3;

    /** One statement a request ran, with the values bound to it. */
    private record Statement(String sql, Map<Integer, Object> args) {
    }

    private final List<Statement> recorded = Collections.synchronizedList(new ArrayList<>());
    private boolean recording;
    /** The offering lists' connection on PostgreSQL, with generic plans. */
    private SingleConnectionDataSource listsConnection;

    @Test
    void report() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("offerings.report"), "-Dofferings.report=true to run");
        int runs = Integer.getInteger("offerings.report.runs", 400);
        try (TestDatabase database = TestDatabase.create()) {
            JdbcTemplate plain = database.jdbc();
            Random random = new Random(43);
            Seeded data = seed(plain, random);
            boolean postgres = plain.execute((Connection c) -> c.getMetaData().getDatabaseProductName())
                    .toLowerCase().contains("postgres");
            if (postgres) {
                plain.execute("analyze");
            }
            JdbcTemplate jdbc = new JdbcTemplate(recording(plain.getDataSource()));
            GroupQueryHandler groups = new GroupQueryHandler(jdbc);
            // On PostgreSQL the lists read through a connection of their own with generic plans, as in the service.
            JdbcTemplate lists = jdbc;
            if (postgres) {
                DriverManagerDataSource scoped = (DriverManagerDataSource) database.multiConnectionDataSource();
                listsConnection = new SingleConnectionDataSource(scoped.getUrl(), scoped.getUsername(),
                        scoped.getPassword(), true);
                new JdbcTemplate(listsConnection).execute("set plan_cache_mode = force_generic_plan");
                lists = new JdbcTemplate(recording(listsConnection));
            }
            OfferingQueryHandler offerings = new OfferingQueryHandler(jdbc, new CatalogueReads(lists));
            Map<String, Supplier<Object>> reads = new TreeMap<>();
            reads.put("0 list-page (groups, page 5 of 50 by name)", () -> groups.handle(new ListGroups(null, null, null,
                    List.of(new GroupOrder(GroupSortField.NAME, false)), new PageRequest(5, 50))));
            reads.put("1 order-check", () -> {
                int o = random.nextInt(OFFERINGS);
                return offerings.handle(new CheckOrder(new OfferingId(data.offerings[o]),
                        new CustomerId(data.customers[random.nextInt(CUSTOMERS)]),
                        new PlanId(data.plans[o][random.nextInt(PLANS)])));
            });
            reads.put("2 public-list-allowed (staff, page 1 of 10)", () -> offerings.handle(new ListPublicOfferings(
                    Viewer.STAFF, allowed(data.customers[random.nextInt(CUSTOMERS)]), new PageRequest(1, 10))));
            reads.put("3 public-list-allowed (anonymous, page 1 of 10)", () -> offerings.handle(
                    new ListPublicOfferings(Viewer.PUBLIC, allowed(data.customers[random.nextInt(CUSTOMERS)]),
                            new PageRequest(1, 10))));
            reads.put("4 public-list (anonymous, page 1 of 10)", () -> offerings.handle(new ListPublicOfferings(
                    Viewer.PUBLIC, OfferingFilter.none(), new PageRequest(1, 10))));
            reads.put("5 find-public-offering-allowed (staff)", () -> offerings.handle(new FindPublicOffering(
                    new OfferingId(data.offerings[random.nextInt(OFFERINGS)]), Viewer.STAFF,
                    new CustomerId(data.customers[random.nextInt(CUSTOMERS)]))));
            reads.put("6 provider-list (page 1 of 10)", () -> offerings.handle(new ListOfferings(
                    OfferingFilter.none(), new PageRequest(1, 10))));
            reads.put("7 provider-list-allowed (page 1 of 10)", () -> offerings.handle(new ListOfferings(
                    allowed(data.customers[random.nextInt(CUSTOMERS)]), new PageRequest(1, 10))));
            reads.put("8 allowed-customers (offering and plan, page 1 of 10)", () -> {
                int o = random.nextInt(OFFERINGS);
                return offerings.handle(new ListAllowedCustomers(new OfferingId(data.offerings[o]),
                        new PlanId(data.plans[o][1 + random.nextInt(PLANS - 1)]), null, new PageRequest(1, 10)));
            });

            System.out.printf("%n=== Offering reads on %s: %d groups, %d customers, %d offerings x %d plans; %d timed"
                    + " requests each ===%n", postgres ? "PostgreSQL" : "H2", GROUPS, CUSTOMERS, OFFERINGS, PLANS, runs);
            List<String> summary = new ArrayList<>();
            for (Map.Entry<String, Supplier<Object>> read : reads.entrySet()) {
                // The plans of one request, on a typical customer (a restricted offering's check included).
                recorded.clear();
                recording = true;
                read.getValue().get();
                recording = false;
                List<Statement> statements = new ArrayList<>(recorded);
                System.out.printf("%n--- %s: %d statement(s) per request ---%n", read.getKey(), statements.size());
                for (Statement statement : statements) {
                    System.out.println("SQL: " + statement.sql());
                    explain(plain, statement, postgres).forEach(line -> System.out.println("  " + line));
                }
                for (int i = 0; i < runs / 4; i++) {
                    read.getValue().get();
                }
                long[] took = new long[runs];
                for (int i = 0; i < runs; i++) {
                    long start = System.nanoTime();
                    read.getValue().get();
                    took[i] = System.nanoTime() - start;
                }
                Arrays.sort(took);
                summary.add(String.format("%-55s %2d stmt  median %6.2f ms  p90 %6.2f ms", read.getKey(),
                        statements.size(), took[runs / 2] / 1e6, took[runs * 9 / 10] / 1e6));
            }
            System.out.printf("%n=== Summary (%s) ===%n", postgres ? "PostgreSQL" : "H2");
            summary.forEach(System.out::println);
        } finally {
            if (listsConnection != null) {
                listsConnection.destroy();
            }
        }
    }

    private static OfferingFilter allowed(UUID customer) {
        return new OfferingFilter(null, null, null, null, Set.of(), new CustomerId(customer), false);
    }

    private static List<String> explain(JdbcTemplate jdbc, Statement statement, boolean postgres) {
        String prefix = postgres ? "explain (analyze, buffers) " : "explain analyze ";
        return jdbc.execute((Connection c) -> {
            List<String> lines = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(prefix + statement.sql())) {
                for (Map.Entry<Integer, Object> arg : statement.args().entrySet()) {
                    ps.setObject(arg.getKey(), arg.getValue());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lines.addAll(Arrays.asList(rs.getString(1).split("\n")));
                    }
                }
            }
            return lines;
        });
    }

    /** A data source whose statements are recorded, with their values, while {@link #recording} is set. */
    private DataSource recording(DataSource target) {
        InvocationHandler connections = (proxy, method, args) -> {
            if (method.getName().equals("getConnection")) {
                Connection connection = DataSourceUtils.getConnection(target);
                return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                        (c, m, a) -> {
                            if (m.getName().equals("close")) {
                                DataSourceUtils.releaseConnection(connection, target);
                                return null;
                            }
                            Object result = invoke(m, connection, a);
                            if (m.getName().equals("prepareStatement") && recording) {
                                Statement statement = new Statement((String) a[0], new TreeMap<>());
                                recorded.add(statement);
                                PreparedStatement ps = (PreparedStatement) result;
                                return Proxy.newProxyInstance(getClass().getClassLoader(),
                                        new Class<?>[] {PreparedStatement.class}, (s, sm, sa) -> {
                                            if (sm.getName().startsWith("set") && sa != null && sa.length >= 2
                                                    && sa[0] instanceof Integer index) {
                                                statement.args().put(index, sa[1]);
                                            }
                                            return invoke(sm, ps, sa);
                                        });
                            }
                            return result;
                        });
            }
            return invoke(method, target, args);
        };
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                connections);
    }

    private static Object invoke(java.lang.reflect.Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** The uuids the reads pick from. */
    private record Seeded(UUID[] customers, UUID[] offerings, UUID[][] plans) {
    }

    /** The shape of {@code benchctl.py seed} and {@code seed-offerings}, written into the read tables. */
    private static Seeded seed(JdbcTemplate jdbc, Random random) {
        String[] kinds = {"Department of", "Institute of", "Faculty of", "School of", "Centre for", "Lab of"};
        String[] subjects = {"Marine Biology", "Physics", "Chemistry", "Geology", "History", "Mathematics",
                "Computer Science", "Economics", "Linguistics", "Microbiology", "Astronomy", "Medicine"};
        String[] places = {"", "", ", Åsvik", ", Nordhavn", ", Tromsø", ", Bergen"};
        UUID[] groups = new UUID[GROUPS];
        String[] names = new String[GROUPS];
        int[] parent = new int[GROUPS];
        int[] depth = new int[GROUPS];
        long[] members = new long[GROUPS];
        List<Integer> shallow = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groups[i] = UUID.randomUUID();
            names[i] = kinds[random.nextInt(kinds.length)] + " " + subjects[random.nextInt(subjects.length)]
                    + places[random.nextInt(places.length)];
            if (i < ROOTS) {
                parent[i] = -1;
                depth[i] = 1;
            } else {
                parent[i] = shallow.get(random.nextInt(shallow.size()));
                depth[i] = depth[parent[i]] + 1;
            }
            if (depth[i] < MAX_DEPTH) {
                shallow.add(i);
            }
        }
        List<Integer> upper = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            if (depth[i] <= 3) {
                upper.add(i);
            }
        }
        UUID[] customers = new UUID[CUSTOMERS];
        List<Object[]> customerRows = new ArrayList<>();
        List<Object[]> memberRows = new ArrayList<>();
        int[] groupCounts = {1, 1, 1, 2, 2, 3};
        for (int i = 0; i < CUSTOMERS; i++) {
            customers[i] = UUID.randomUUID();
            customerRows.add(new Object[] {customers[i], subjects[random.nextInt(subjects.length)] + " Lab " + (i + 1)});
            for (int g : pick(random, null, groupCounts[random.nextInt(groupCounts.length)])) {
                memberRows.add(new Object[] {customers[i], groups[g]});
                members[g]++;
            }
        }
        List<Object[]> groupRows = new ArrayList<>();
        for (int i = 0; i < GROUPS; i++) {
            groupRows.add(new Object[] {groups[i], names[i], parent[i] < 0 ? null : groups[parent[i]],
                    parent[i] < 0 ? null : names[parent[i]], members[i], 1L});
        }
        jdbc.batchUpdate("insert into group_view (group_id, name, parent_id, parent_name, customers_count, version)"
                + " values (?, ?, ?, ?, ?, ?)", groupRows);
        jdbc.batchUpdate("insert into customer_view (customer_id, name) values (?, ?)", customerRows);
        jdbc.batchUpdate("insert into customer_group_view (customer_id, group_id) values (?, ?)", memberRows);

        String[] services = {"HPC Cluster", "Research Cloud", "Object Storage", "GPU Pool", "Microscope Time",
                "Sequencer", "Archive", "Notebook Service"};
        UUID[] offerings = new UUID[OFFERINGS];
        UUID[][] plans = new UUID[OFFERINGS][PLANS];
        List<Object[]> offeringRows = new ArrayList<>();
        List<Object[]> offeringGroupRows = new ArrayList<>();
        List<Object[]> planRows = new ArrayList<>();
        List<Object[]> planGroupRows = new ArrayList<>();
        for (int i = 0; i < OFFERINGS; i++) {
            offerings[i] = UUID.randomUUID();
            boolean shared = random.nextDouble() < 0.9;
            boolean restricted = shared && random.nextDouble() < 0.7;
            boolean flag = false;
            if (restricted) {
                flag = random.nextDouble() < 0.4;
                for (int g : pick(random, flag ? upper : null, 1 + random.nextInt(3))) {
                    offeringGroupRows.add(new Object[] {offerings[i], groups[g]});
                }
            }
            offeringRows.add(new Object[] {offerings[i], services[random.nextInt(services.length)] + " " + (i + 1),
                    customers[random.nextInt(CUSTOMERS)], shared, restricted, flag, 1L});
            for (int j = 0; j < PLANS; j++) {
                plans[i][j] = UUID.randomUUID();
                boolean planRestricted = j > 0 && random.nextDouble() < 0.5;
                boolean planFlag = false;
                if (planRestricted) {
                    planFlag = random.nextDouble() < 0.3;
                    for (int g : pick(random, planFlag ? upper : null, 1 + random.nextInt(2))) {
                        planGroupRows.add(new Object[] {plans[i][j], groups[g]});
                    }
                }
                planRows.add(new Object[] {plans[i][j], offerings[i], "Plan " + (j + 1), planRestricted, planFlag,
                        1L});
            }
        }
        jdbc.batchUpdate("insert into offering_view (offering_id, name, provider_id, shared, restricted,"
                + " include_descendant_groups, version) values (?, ?, ?, ?, ?, ?, ?)", offeringRows);
        jdbc.batchUpdate("insert into offering_group_view (offering_id, group_id) values (?, ?)", offeringGroupRows);
        jdbc.batchUpdate("insert into plan_view (plan_id, offering_id, name, restricted, include_descendant_groups,"
                + " version) values (?, ?, ?, ?, ?, ?)", planRows);
        jdbc.batchUpdate("insert into plan_group_view (plan_id, group_id) values (?, ?)", planGroupRows);
        return new Seeded(customers, offerings, plans);
    }

    private static List<Integer> pick(Random random, List<Integer> pool, int count) {
        List<Integer> picked = new ArrayList<>();
        while (picked.size() < count) {
            int g = pool == null ? random.nextInt(GROUPS) : pool.get(random.nextInt(pool.size()));
            if (!picked.contains(g)) {
                picked.add(g);
            }
        }
        return picked;
    }
}
