package org.orggroups.query;

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
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerJoinedGroup;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.orggroups.api.offering.OfferingAccessOpened;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanAccessRestricted;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.replay.BulkRebuild;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A history of stored events for comparing a projection's handlers with its bulk rebuild: each event as the store
 * keeps it (a domain event message with aggregate type, id, sequence number, metadata and a time stamp) under a
 * global index that grows with gaps, as a real store's does. The command side's rules are followed where they
 * shape the events (a subtree delete sends its deletions deepest first and then the members' leaves, a customer
 * leaves its groups before it is deleted, no cycles); {@link #publish} adds anything else.
 */
final class EventHistory {

    /** @param globalIndex the event's global index; @param message the event as stored */
    record Stored(long globalIndex, DomainEventMessage<?> message) {

        /** @return the event as a replay delivers it to the handlers: with its index in a tracking token */
        DomainEventMessage<?> tracked() {
            return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(globalIndex), message);
        }
    }

    private final List<Stored> events = new ArrayList<>();
    private final Map<String, Long> sequences = new HashMap<>();
    private final Random random;
    private long nextIndex;
    private Instant clock = Instant.parse("2024-03-30T22:59:58.250Z");

    private final Map<GroupId, GroupId> parents = new LinkedHashMap<>();
    private final Map<GroupId, String> groupNames = new HashMap<>();
    private final Map<CustomerId, String> customerNames = new LinkedHashMap<>();
    private final Map<CustomerId, Set<GroupId>> memberships = new HashMap<>();
    private final List<GroupId> deletedGroups = new ArrayList<>();
    private final Map<OfferingId, CustomerId> providers = new LinkedHashMap<>();
    private final Map<OfferingId, List<GroupId>> offeringGroups = new HashMap<>();
    private final Map<OfferingId, List<PlanId>> plans = new LinkedHashMap<>();
    private final Map<PlanId, List<GroupId>> planGroups = new HashMap<>();

    EventHistory(long seed) {
        this.random = new Random(seed);
        this.nextIndex = 1 + random.nextInt(50);
    }

    List<Stored> events() {
        return events;
    }

    GroupId createGroup(String name, GroupId parent) {
        GroupId id = GroupId.random();
        publishGroupEvent(id, new GroupCreated(id, name, parent));
        parents.put(id, parent);
        groupNames.put(id, name);
        return id;
    }

    void renameGroup(GroupId id, String name) {
        publishGroupEvent(id, new GroupRenamed(id, name, groupNames.get(id)));
        groupNames.put(id, name);
    }

    void moveGroup(GroupId id, GroupId parent) {
        publishGroupEvent(id, new GroupReparented(id, parent, parents.get(id)));
        parents.put(id, parent);
    }

    /** As the command side deletes a subtree: each group deepest first, then every member leaves each group. */
    void deleteSubtree(GroupId root) {
        List<GroupId> deepestFirst = subtree(root);
        deepestFirst.sort(Comparator.comparingInt(this::depth).reversed());
        for (GroupId id : deepestFirst) {
            publishGroupEvent(id, new GroupDeleted(id, parents.get(id), root));
        }
        for (GroupId id : deepestFirst) {
            for (Map.Entry<CustomerId, Set<GroupId>> member : memberships.entrySet()) {
                if (member.getValue().remove(id)) {
                    publishCustomerEvent(member.getKey(), new CustomerLeftGroup(member.getKey(), id, true));
                }
            }
            parents.remove(id);
            groupNames.remove(id);
            deletedGroups.add(id);
        }
    }

    CustomerId createCustomer(String name) {
        CustomerId id = CustomerId.random();
        publishCustomerEvent(id, new CustomerCreated(id, name));
        customerNames.put(id, name);
        memberships.put(id, new LinkedHashSet<>());
        return id;
    }

    void renameCustomer(CustomerId id, String name) {
        publishCustomerEvent(id, new CustomerRenamed(id, name, customerNames.get(id)));
        customerNames.put(id, name);
    }

    /** A join, told again when the customer is a member already (the projections must count it once). */
    void join(CustomerId customer, GroupId group) {
        publishCustomerEvent(customer, new CustomerJoinedGroup(customer, group));
        memberships.get(customer).add(group);
    }

    void leave(CustomerId customer, GroupId group) {
        publishCustomerEvent(customer, new CustomerLeftGroup(customer, group, false));
        memberships.get(customer).remove(group);
    }

    /** As the command side deletes a customer: its leaves first, then the deletion. */
    void deleteCustomer(CustomerId id) {
        for (GroupId group : List.copyOf(memberships.get(id))) {
            leave(id, group);
        }
        publishCustomerEvent(id, new CustomerDeleted(id));
        customerNames.remove(id);
        memberships.remove(id);
    }

    OfferingId createOffering(String name, CustomerId provider, boolean shared, boolean descendants,
                              List<GroupId> groups) {
        OfferingId id = OfferingId.random();
        publishOfferingEvent(id, new OfferingCreated(id, provider, name, shared, groups, descendants));
        providers.put(id, provider);
        offeringGroups.put(id, List.copyOf(groups));
        plans.put(id, new ArrayList<>());
        return id;
    }

    PlanId createPlan(OfferingId offering, String name, boolean descendants, List<GroupId> groups) {
        PlanId id = PlanId.random();
        publishOfferingEvent(offering, new PlanCreated(id, offering, name, groups, descendants));
        plans.get(offering).add(id);
        planGroups.put(id, List.copyOf(groups));
        return id;
    }

    void restrictOffering(OfferingId id, boolean descendants, List<GroupId> groups) {
        publishOfferingEvent(id, new OfferingAccessRestricted(id, groups, descendants, offeringGroups.get(id)));
        offeringGroups.put(id, List.copyOf(groups));
    }

    void openOffering(OfferingId id) {
        publishOfferingEvent(id, new OfferingAccessOpened(id, offeringGroups.get(id)));
        offeringGroups.put(id, List.of());
    }

    void restrictPlan(OfferingId offering, PlanId id, boolean descendants, List<GroupId> groups) {
        publishOfferingEvent(offering, new PlanAccessRestricted(id, offering, groups, descendants, planGroups.get(id)));
        planGroups.put(id, List.copyOf(groups));
    }

    void openPlan(OfferingId offering, PlanId id) {
        publishOfferingEvent(offering, new PlanAccessOpened(id, offering, planGroups.get(id)));
        planGroups.put(id, List.of());
    }

    /** As the command side deletes a provider: each of its offerings (with their plans), then the customer. */
    void deleteProvider(CustomerId provider) {
        for (OfferingId offering : List.copyOf(providers.keySet())) {
            if (providers.get(offering).equals(provider)) {
                Map<String, Object> cause = Map.of(MetadataKeys.CAUSED_BY_CUSTOMER, provider.toString());
                publish("Offering", offering.toString(), new OfferingDeleted(offering, provider), cause);
                providers.remove(offering);
                plans.remove(offering);
            }
        }
        deleteCustomer(provider);
    }

    /** @return the live offerings and their live plans, in creation order */
    Map<OfferingId, List<PlanId>> offerings() {
        return plans;
    }

    /** @return the live customers */
    List<CustomerId> customers() {
        return List.copyOf(customerNames.keySet());
    }

    void publishOfferingEvent(OfferingId id, Object payload) {
        publish("Offering", id.toString(), payload);
    }

    /**
     * Appends {@code steps} random changes of groups, customers, offerings and plans: restrictions to live groups
     * (some with descendants), openings, groups deleted and moved under restrictions, providers deleted.
     */
    EventHistory randomOfferingSteps(int steps) {
        for (int i = 0; i < steps; i++) {
            int dice = random.nextInt(100);
            List<GroupId> groups = List.copyOf(parents.keySet());
            List<CustomerId> customers = customers();
            List<OfferingId> offerings = List.copyOf(plans.keySet());
            if (dice < 12 || groups.size() < 4) {
                createGroup("g" + i, groups.isEmpty() || random.nextInt(3) == 0 ? null : pick(groups));
            } else if (dice < 20 || customers.size() < 4) {
                createCustomer("c" + i);
            } else if (dice < 32) {
                join(pick(customers), pick(groups));
            } else if (dice < 36) {
                CustomerId customer = pick(customers);
                if (!memberships.get(customer).isEmpty()) {
                    leave(customer, pick(List.copyOf(memberships.get(customer))));
                }
            } else if (dice < 42) {
                GroupId moved = pick(groups);
                Set<GroupId> below = new LinkedHashSet<>(subtree(moved));
                List<GroupId> targets = groups.stream().filter(g -> !below.contains(g)).toList();
                moveGroup(moved, targets.isEmpty() || random.nextInt(4) == 0 ? null : pick(targets));
            } else if (dice < 46) {
                deleteSubtree(pick(groups));
            } else if (dice < 48) {
                renameGroup(pick(groups), "renamed " + i);
            } else if (dice < 58 || offerings.isEmpty()) {
                createOffering("o" + i, pick(customers), random.nextInt(4) > 0, random.nextBoolean(),
                        someGroups(groups));
            } else if (dice < 70) {
                createPlan(pick(offerings), "p" + i, random.nextBoolean(), someGroups(groups));
            } else if (dice < 78) {
                List<GroupId> set = someGroups(groups);
                if (!set.isEmpty()) {
                    restrictOffering(pick(offerings), random.nextBoolean(), set);
                }
            } else if (dice < 81) {
                OfferingId offering = pick(offerings);
                openOffering(offering);
            } else if (dice < 89) {
                OfferingId offering = pick(offerings);
                List<GroupId> set = someGroups(groups);
                if (!plans.get(offering).isEmpty() && !set.isEmpty()) {
                    restrictPlan(offering, pick(plans.get(offering)), random.nextBoolean(), set);
                }
            } else if (dice < 92) {
                OfferingId offering = pick(offerings);
                if (!plans.get(offering).isEmpty()) {
                    openPlan(offering, pick(plans.get(offering)));
                }
            } else if (dice < 94) {
                deleteProvider(providers.get(pick(offerings)));
            } else if (dice < 96) {
                nextDay();
            }
        }
        return this;
    }

    /** @return none to three distinct live groups, half the time none */
    private List<GroupId> someGroups(List<GroupId> groups) {
        if (random.nextBoolean()) {
            return List.of();
        }
        Set<GroupId> set = new LinkedHashSet<>();
        int size = 1 + random.nextInt(3);
        for (int i = 0; i < size; i++) {
            set.add(pick(groups));
        }
        return List.copyOf(set);
    }

    /** Lets the clock run on to a later day (UTC), at some time of that day. */
    void nextDay() {
        clock = clock.plus(Duration.ofDays(1 + random.nextInt(2))).plusMillis(random.nextInt(3_600_000));
    }

    void publishGroupEvent(GroupId id, Object payload) {
        publish("OrganizationGroup", id.toString(), payload);
    }

    void publishCustomerEvent(CustomerId id, Object payload) {
        publish("Customer", id.toString(), payload);
    }

    /**
     * Stores an event as is. Time stamps mostly advance by whole milliseconds, as the service stamps them; some
     * events share a millisecond, and now and then one carries microseconds, which the timeline must cut off as
     * the store does.
     */
    void publish(String aggregateType, String aggregateId, Object payload) {
        publish(aggregateType, aggregateId, payload, Map.of());
    }

    /** As {@link #publish(String, String, Object)}, with metadata of its own besides the random user. */
    void publish(String aggregateType, String aggregateId, Object payload, Map<String, Object> more) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        int step = random.nextInt(10);
        clock = clock.plusMillis(step < 2 ? 0 : random.nextInt(5_000));
        Instant time = step == 9 ? clock.plusNanos(1_000L * (1 + random.nextInt(999))) : clock;
        Map<String, Object> metaData = new HashMap<>();
        int who = random.nextInt(5);
        if (who > 0) {
            metaData.put(MetadataKeys.USER_UUID, who == 1 ? "not-a-uuid" : UUID.randomUUID().toString());
            metaData.put(MetadataKeys.USERNAME, "user" + who);
        }
        if (random.nextBoolean()) {
            metaData.put(MetadataKeys.CORRELATION_ID, "corr-" + random.nextInt(1000));
        }
        metaData.putAll(more);
        DomainEventMessage<?> message = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                payload, metaData, UUID.randomUUID().toString(), time);
        events.add(new Stored(nextIndex, message));
        nextIndex += 1 + (random.nextInt(8) == 0 ? random.nextInt(3) : 0);
    }

    /**
     * Appends {@code steps} random changes of every kind the command side makes, with the odd repeated join and
     * the odd leave of an already deleted group (which the handlers must ignore).
     */
    EventHistory randomSteps(int steps) {
        for (int i = 0; i < steps; i++) {
            int dice = random.nextInt(100);
            List<GroupId> groups = List.copyOf(parents.keySet());
            List<CustomerId> customers = List.copyOf(customerNames.keySet());
            if (dice < 14 || groups.size() < 3) {
                GroupId parent = groups.isEmpty() || random.nextInt(4) == 0 ? null : pick(groups);
                createGroup("g" + i, parent);
            } else if (dice < 22 || customers.size() < 3) {
                createCustomer("c" + i);
            } else if (dice < 32) {
                renameGroup(pick(groups), "renamed " + i);
            } else if (dice < 40) {
                GroupId moved = pick(groups);
                Set<GroupId> below = new LinkedHashSet<>(subtree(moved));
                List<GroupId> targets = groups.stream().filter(g -> !below.contains(g)).toList();
                GroupId target = targets.isEmpty() || random.nextInt(5) == 0 ? null : pick(targets);
                moveGroup(moved, target);
            } else if (dice < 45) {
                deleteSubtree(pick(groups));
            } else if (dice < 68) {
                join(pick(customers), pick(groups));
            } else if (dice < 72) {
                CustomerId customer = pick(customers);
                if (!memberships.get(customer).isEmpty()) {
                    join(customer, pick(List.copyOf(memberships.get(customer))));
                }
            } else if (dice < 82) {
                CustomerId customer = pick(customers);
                if (!memberships.get(customer).isEmpty()) {
                    leave(customer, pick(List.copyOf(memberships.get(customer))));
                }
            } else if (dice < 86) {
                renameCustomer(pick(customers), "renamed " + i);
            } else if (dice < 90) {
                deleteCustomer(pick(customers));
            } else if (dice < 92 && !deletedGroups.isEmpty()) {
                CustomerId customer = pick(customers);
                publishCustomerEvent(customer, new CustomerLeftGroup(customer, pick(deletedGroups), true));
            } else if (dice < 96) {
                nextDay();
            }
        }
        return this;
    }

    private <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    private List<GroupId> subtree(GroupId root) {
        List<GroupId> found = new ArrayList<>();
        Deque<GroupId> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty()) {
            GroupId next = todo.pop();
            found.add(next);
            parents.forEach((child, parent) -> {
                if (next.equals(parent)) {
                    todo.push(child);
                }
            });
        }
        return found;
    }

    private int depth(GroupId id) {
        int depth = 0;
        for (GroupId at = parents.get(id); at != null; at = parents.get(at)) {
            depth++;
        }
        return depth;
    }

    /**
     * Hands every event to the projections' handlers, as a replay does.
     *
     * @throws IllegalStateException (or any other runtime exception) a handler threw
     */
    static void replayThroughHandlers(List<Stored> events, Object... projections) {
        List<AnnotationEventHandlerAdapter> adapters = new ArrayList<>();
        for (Object projection : projections) {
            adapters.add(new AnnotationEventHandlerAdapter(projection));
        }
        for (Stored event : events) {
            for (AnnotationEventHandlerAdapter adapter : adapters) {
                try {
                    adapter.handle(event.tracked());
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /**
     * Folds every event and inserts the rows the fold gives into the tables of {@code jdbc}.
     *
     * @throws IllegalStateException the fold threw, or it gave a row of a table or width it did not declare
     */
    static void replayThroughFold(List<Stored> events, BulkRebuild rebuild, JdbcTemplate jdbc) {
        Map<String, String> inserts = new HashMap<>();
        Map<String, Integer> widths = new HashMap<>();
        for (BulkRebuild.Table table : rebuild.tables()) {
            inserts.put(table.name(), "insert into " + table.name() + " (" + String.join(", ", table.columns())
                    + ") values (" + String.join(", ", table.columns().stream().map(c -> "?").toList()) + ")");
            widths.put(table.name(), table.columns().size());
        }
        BulkRebuild.Fold fold = rebuild.start((table, values) -> {
            if (!inserts.containsKey(table) || widths.get(table) != values.length) {
                throw new IllegalStateException("row of " + values.length + " values for table " + table);
            }
            jdbc.update(inserts.get(table), values);
        });
        for (Stored event : events) {
            fold.apply(event.globalIndex(), event.message());
        }
        fold.finish();
    }

    /**
     * @return every row of the rebuild's tables, every column but the identity column {@code row_id} (so a column
     *         the fold does not fill shows as a difference too), in a fixed order
     */
    static Map<String, List<Map<String, Object>>> rows(BulkRebuild rebuild, JdbcTemplate jdbc) {
        Map<String, List<Map<String, Object>>> rows = new LinkedHashMap<>();
        for (BulkRebuild.Table table : rebuild.tables()) {
            List<Map<String, Object>> all = new ArrayList<>();
            for (Map<String, Object> row : jdbc.queryForList("select * from " + table.name())) {
                Map<String, Object> copy = new LinkedHashMap<>();
                row.forEach((column, value) -> {
                    if (!column.equalsIgnoreCase("row_id")) {
                        copy.put(column.toLowerCase(java.util.Locale.ROOT), value);
                    }
                });
                all.add(copy);
            }
            all.sort(Comparator.comparing(Object::toString));
            rows.put(table.name(), all);
        }
        return rows;
    }
}
