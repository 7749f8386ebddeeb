package org.orggroups.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
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
import org.orggroups.api.query.CustomerSummary;
import org.orggroups.api.query.FindCustomer;
import org.orggroups.api.query.FindGroup;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.offering.OfferingAccessOpened;
import org.orggroups.api.offering.OfferingAccessRestricted;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanAccessOpened;
import org.orggroups.api.offering.PlanAccessRestricted;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.query.offering.FindOffering;
import org.orggroups.api.query.offering.OfferingSummary;
import org.orggroups.query.offering.OfferingQueryHandler;
import org.orggroups.query.offering.OfferingViewProjection;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The read side on a test database, fed with domain event messages as the command side would publish them:
 * through Axon's annotation adapters, so that {@code @SequenceNumber} and {@code @ResetHandler} are exercised
 * too. Sequence numbers count per aggregate from 0. Every event is kept, for {@link #rebuild()}.
 */
final class ReadSide {

    private final JdbcTemplate jdbc;
    private final List<AnnotationEventHandlerAdapter> projections;
    private final Map<String, Long> nextSequence = new HashMap<>();
    private final List<DomainEventMessage<?>> published = new ArrayList<>();
    final GroupQueryHandler groups;
    final CustomerQueryHandler customers;
    final OfferingQueryHandler offerings;

    ReadSide(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.projections = List.of(
                new AnnotationEventHandlerAdapter(new GroupViewProjection(jdbc)),
                new AnnotationEventHandlerAdapter(new CustomerViewProjection(jdbc)),
                new AnnotationEventHandlerAdapter(new OfferingViewProjection(jdbc)));
        this.groups = new GroupQueryHandler(jdbc);
        this.customers = new CustomerQueryHandler(jdbc);
        this.offerings = new OfferingQueryHandler(jdbc);
    }

    GroupId createGroup(String name) {
        return createGroup(name, null);
    }

    GroupId createGroup(String name, GroupId parent) {
        return createGroup(GroupId.random(), name, parent);
    }

    GroupId createGroup(GroupId id, String name, GroupId parent) {
        publishGroupEvent(id, new GroupCreated(id, name, parent));
        return id;
    }

    void renameGroup(GroupId id, String name) {
        publishGroupEvent(id, new GroupRenamed(id, name, group(id).name()));
    }

    void moveGroup(GroupId id, GroupId parent) {
        publishGroupEvent(id, new GroupReparented(id, parent, group(id).parentId()));
    }

    /** Deletes one group, as one step of a subtree delete; members are told separately, with {@link #leave}. */
    void deleteGroup(GroupId id, GroupId deletedBy) {
        publishGroupEvent(id, new GroupDeleted(id, group(id).parentId(), deletedBy));
    }

    CustomerId createCustomer(String name) {
        return createCustomer(CustomerId.random(), name);
    }

    CustomerId createCustomer(CustomerId id, String name) {
        publishCustomerEvent(id, new CustomerCreated(id, name));
        return id;
    }

    void renameCustomer(CustomerId id, String name) {
        publishCustomerEvent(id, new CustomerRenamed(id, name, customer(id).name()));
    }

    void join(CustomerId customer, GroupId... groupIds) {
        for (GroupId group : groupIds) {
            publishCustomerEvent(customer, new CustomerJoinedGroup(customer, group));
        }
    }

    void leave(CustomerId customer, GroupId group, boolean groupDeleted) {
        publishCustomerEvent(customer, new CustomerLeftGroup(customer, group, groupDeleted));
    }

    /** Deletes a customer as the command side does: its leaves first, then the deletion. */
    void deleteCustomer(CustomerId id) {
        for (GroupSummary group : customer(id).groups()) {
            leave(id, group.groupId(), false);
        }
        publishCustomerEvent(id, new CustomerDeleted(id));
    }

    /** Creates a shared or private offering, restricted to the groups when there are any, without plans. */
    OfferingId createOffering(String name, CustomerId provider, boolean shared, boolean descendants,
                              GroupId... groups) {
        OfferingId id = OfferingId.random();
        publishOfferingEvent(id, new OfferingCreated(id, provider, name, shared, List.of(groups), descendants));
        return id;
    }

    PlanId createPlan(OfferingId offering, String name, boolean descendants, GroupId... groups) {
        PlanId id = PlanId.random();
        publishOfferingEvent(offering, new PlanCreated(id, offering, name, List.of(groups), descendants));
        return id;
    }

    void restrictOffering(OfferingId id, boolean descendants, GroupId... groups) {
        publishOfferingEvent(id, new OfferingAccessRestricted(id, List.of(groups), descendants,
                offering(id).groups().stream().map(GroupSummary::groupId).toList()));
    }

    void openOffering(OfferingId id) {
        publishOfferingEvent(id, new OfferingAccessOpened(id, List.of()));
    }

    void restrictPlan(OfferingId offering, PlanId id, boolean descendants, GroupId... groups) {
        publishOfferingEvent(offering, new PlanAccessRestricted(id, offering, List.of(groups), descendants, List.of()));
    }

    void openPlan(OfferingId offering, PlanId id) {
        publishOfferingEvent(offering, new PlanAccessOpened(id, offering, List.of()));
    }

    /** Deletes a provider as the command side does: its offerings go first, then the customer. */
    void deleteProvider(CustomerId provider, OfferingId... offerings) {
        for (OfferingId offering : offerings) {
            publishOfferingEvent(offering, new OfferingDeleted(offering, provider));
        }
        deleteCustomer(provider);
    }

    /** Deletes a group and its subtree as the command side does: deepest first, then the members leave. */
    void deleteSubtree(GroupId root) {
        List<GroupId> order = new ArrayList<>();
        collect(root, order);
        java.util.Collections.reverse(order);
        List<Map<String, Object>> members = jdbc.queryForList("select customer_id, group_id from customer_group_view");
        for (GroupId id : order) {
            publishGroupEvent(id, new GroupDeleted(id, group(id).parentId(), root));
        }
        for (GroupId id : order) {
            for (Map<String, Object> member : members) {
                if (id.uuid().equals(member.get("group_id"))) {
                    leave(new CustomerId((java.util.UUID) member.get("customer_id")), id, true);
                }
            }
        }
    }

    private void collect(GroupId id, List<GroupId> order) {
        order.add(id);
        for (java.util.UUID child : jdbc.queryForList("select group_id from group_view where parent_id = ?",
                java.util.UUID.class, id.uuid())) {
            collect(new GroupId(child), order);
        }
    }

    OfferingSummary offering(OfferingId id) {
        return offerings.handle(new FindOffering(id)).orElseThrow(() -> new AssertionError("no offering " + id));
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

    private void publish(String aggregateType, String aggregateId, Object payload) {
        long sequence = nextSequence.merge(aggregateId, 1L, Long::sum) - 1;
        // Tracked, as a replay delivers them: the timeline takes the global index from the token, and these
        // tables have no event store to read it from.
        DomainEventMessage<?> message = new GenericTrackedDomainEventMessage<>(
                new GlobalSequenceTrackingToken(published.size()),
                new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload));
        published.add(message);
        dispatch(message);
    }

    private void dispatch(DomainEventMessage<?> message) {
        for (AnnotationEventHandlerAdapter projection : projections) {
            try {
                projection.handle(message);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Empties every view through the reset handlers, then replays every event published so far. */
    void rebuild() {
        projections.forEach(AnnotationEventHandlerAdapter::prepareReset);
        published.forEach(this::dispatch);
    }

    GroupSummary group(GroupId id) {
        return groups.handle(new FindGroup(id)).orElseThrow(() -> new AssertionError("no group " + id));
    }

    CustomerSummary customer(CustomerId id) {
        return customers.handle(new FindCustomer(id)).orElseThrow(() -> new AssertionError("no customer " + id));
    }

    /** @return every row of the three views, in a fixed order, for comparing two states */
    List<Map<String, Object>> allRows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.addAll(jdbc.queryForList("select * from group_view order by group_id"));
        rows.addAll(jdbc.queryForList("select * from customer_view order by customer_id"));
        rows.addAll(jdbc.queryForList("select * from customer_group_view order by customer_id, group_id"));
        return rows;
    }

    long membershipRows(Set<GroupId> groupIds) {
        return groupIds.stream()
                .mapToLong(g -> jdbc.queryForObject(
                        "select count(*) from customer_group_view where group_id = ?", Long.class, g.uuid()))
                .sum();
    }
}
