package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.modelling.command.Repository;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.DeleteCustomer;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
import org.orggroups.api.offering.CreateOffering;
import org.orggroups.api.offering.CreatePlan;
import org.orggroups.api.offering.NewPlan;
import org.orggroups.api.offering.OfferingCreated;
import org.orggroups.api.offering.OfferingDeleted;
import org.orggroups.api.offering.OfferingId;
import org.orggroups.api.offering.PlanCreated;
import org.orggroups.api.offering.PlanId;
import org.orggroups.api.offering.UpdateOfferingGroups;
import org.orggroups.command.tree.GroupTreeProjection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * This module's beans under Axon's Spring Boot auto-configuration, as the application runs them: the
 * aggregates' repositories and lock factory, the tree, the providers and the cascades as handler parameters or
 * beans, the projection as a subscribing
 * processor in the command's transaction (on H2, with the events kept in memory).
 */
@SpringBootTest(classes = CommandSideWiringTest.CommandSideOnly.class, properties = {
        "spring.main.banner-mode=off",
        "spring.datasource.url=jdbc:h2:mem:command-side-wiring;DB_CLOSE_DELAY=-1",
        "spring.sql.init.schema-locations=classpath:db/command_side_tree.sql",
        "axon.axonserver.enabled=false",
        "orggroups.aggregate-cache-size=100",
        "axon.serializer.general=jackson",
        "axon.eventhandling.processors." + GroupTreeProjection.PROCESSING_GROUP + ".mode=subscribing"})
class CommandSideWiringTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @ComponentScan(basePackageClasses = CommandSideConfiguration.class)
    static class CommandSideOnly {

        @Bean
        EventStorageEngine eventStorageEngine() {
            return new InMemoryEventStorageEngine();
        }

        /** The application reads the event table; here the events are in memory, so each stream is asked. */
        @Bean
        EventStreams eventStreams(EventStore events) {
            return new EventStreams() {
                @Override
                public java.util.Map<String, Long> lastSequenceNumbers(java.util.Collection<String> ids) {
                    java.util.Map<String, Long> heads = new java.util.HashMap<>();
                    ids.forEach(id -> events.lastSequenceNumberFor(id).ifPresent(seq -> heads.put(id, seq)));
                    return heads;
                }

                @Override
                public void lock(java.util.List<String> ids) {
                    // one node, events in memory: nothing to lock across nodes
                }

                @Override
                public java.util.Optional<Long> lockAndReadLastSequenceNumber(String id) {
                    return events.lastSequenceNumberFor(id);
                }
            };
        }
    }

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore events;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ApplicationContext context;
    @Autowired
    private org.axonframework.config.Configuration axon;

    @Test
    void aggregatesGetRepositoriesAndTheDatabaseOnlyLockFactory() {
        assertThat(context.getBean("organizationGroupRepository")).isInstanceOf(Repository.class);
        assertThat(context.getBean("customerRepository")).isInstanceOf(Repository.class);
        assertThat(context.getBean("offeringRepository")).isInstanceOf(Repository.class);
        assertThat(context.getBean("aggregateLockFactory", LockFactory.class)).isSameAs(NullLockFactory.INSTANCE);
    }

    @Test
    void aggregatesAreCreatedByConstructorKeptByVersionAndTargetsResolvedFromCachedMembers() {
        String[] aggregates = context.getBeanNamesForAnnotation(Aggregate.class);
        assertThat(aggregates).hasSize(3);
        for (String aggregate : aggregates) {
            Class<?> type = context.getType(aggregate);
            String prefix = Character.toLowerCase(type.getSimpleName().charAt(0)) + type.getSimpleName().substring(1);
            assertThat(axon.repository(type)).as(type.getName())
                    .isSameAs(context.getBean(prefix + "Repository"))
                    .isInstanceOfSatisfying(VersionCheckedCachingRepository.class, repository -> assertThat(
                            repository.getAggregateFactory()).isSameAs(context.getBean(prefix + "AggregateFactory"))
                            .isInstanceOfSatisfying(ConstructorAggregateFactory.class,
                                    factory -> assertThat(factory.getAggregateType()).isEqualTo(type)));
        }
        assertThat(axon.getComponent(CommandTargetResolver.class)).isInstanceOf(CachingCommandTargetResolver.class);
    }

    @Test
    void treeChecksAndCascadingDeleteWorkThroughTheDatabase() {
        GroupId root = GroupId.random();
        GroupId child = GroupId.random();
        GroupId grandchild = GroupId.random();
        CustomerId customer = CustomerId.random();
        commands.sendAndWait(new CreateGroup(root, "Root", null));
        commands.sendAndWait(new CreateGroup(child, "Child", root));
        commands.sendAndWait(new CreateGroup(grandchild, "Grandchild", child));
        commands.sendAndWait(new CreateCustomer(customer, "Acme"));
        commands.sendAndWait(new UpdateCustomerGroups(customer, Set.of(child, grandchild)));

        assertThatThrownBy(() -> commands.sendAndWait(new UpdateGroup(root, null, new ParentChange(grandchild), null)))
                .isInstanceOf(GroupCycleException.class);

        commands.sendAndWait(new DeleteGroup(child, null));

        assertThat(payloads(grandchild)).last().isEqualTo(new GroupDeleted(grandchild, child, child));
        assertThat(payloads(child)).last().isEqualTo(new GroupDeleted(child, root, child));
        List<DomainEventMessage<?>> customerEvents = events.readEvents(customer.toString()).asStream()
                .<DomainEventMessage<?>>map(event -> event).toList();
        assertThat(customerEvents.subList(customerEvents.size() - 2, customerEvents.size()))
                .allSatisfy(event -> assertThat(event.getMetaData())
                        .containsEntry(MetadataKeys.CAUSED_BY_GROUP, child.toString()))
                .extracting(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .containsExactlyInAnyOrder(new CustomerLeftGroup(customer, child, true),
                        new CustomerLeftGroup(customer, grandchild, true));
        assertThat(jdbc.queryForObject("select count(*) from group_tree where deleted = true and group_id in (?, ?)",
                Integer.class, child.uuid(), grandchild.uuid())).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from group_member where customer_id = ?", Integer.class,
                customer.uuid())).isZero();

        assertThatThrownBy(() -> commands.sendAndWait(new CreateGroup(GroupId.random(), "Late", grandchild)))
                .isInstanceOf(ParentGroupNotFoundException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new UpdateCustomerGroups(customer, Set.of(child))))
                .isInstanceOf(MemberGroupNotFoundException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new DeleteGroup(grandchild, null)))
                .isInstanceOf(AggregateDeletedException.class);
    }

    @Test
    void offeringsCheckTheirProviderAndGroupsAndGoWithTheirProvider() {
        GroupId group = GroupId.random();
        GroupId gone = GroupId.random();
        CustomerId provider = CustomerId.random();
        OfferingId offering = OfferingId.random();
        PlanId basic = PlanId.random();
        commands.sendAndWait(new CreateGroup(group, "Universities", null));
        commands.sendAndWait(new CreateGroup(gone, "Gone", null));
        commands.sendAndWait(new DeleteGroup(gone, null));
        commands.sendAndWait(new CreateCustomer(provider, "Provider"));

        assertThatThrownBy(() -> commands.sendAndWait(new CreateOffering(OfferingId.random(), CustomerId.random(),
                "Cloud", true, Set.of(), false, List.of()))).isInstanceOf(ProviderNotFoundException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new CreateOffering(OfferingId.random(), provider, "Cloud", true,
                Set.of(group, gone), false, List.of()))).isInstanceOf(MemberGroupNotFoundException.class);

        commands.sendAndWait(new CreateOffering(offering, provider, "Cloud", true, Set.of(group), false,
                List.of(new NewPlan(basic, "Basic", Set.of(), false))));
        assertThat(payloads(offering.toString())).containsExactly(
                new OfferingCreated(offering, provider, "Cloud", true, List.of(group), false),
                new PlanCreated(basic, offering, "Basic", List.of(), false));
        assertThat(jdbc.queryForObject("select provider_id from provider_offering where offering_id = ?",
                UUID.class, offering.uuid())).isEqualTo(provider.uuid());
        assertThatThrownBy(() -> commands.sendAndWait(new UpdateOfferingGroups(offering, Set.of(gone), null)))
                .isInstanceOf(MemberGroupNotFoundException.class);

        commands.sendAndWait(new DeleteCustomer(provider));

        List<DomainEventMessage<?>> offeringEvents = events.readEvents(offering.toString()).asStream()
                .<DomainEventMessage<?>>map(event -> event).toList();
        DomainEventMessage<?> deleted = offeringEvents.get(offeringEvents.size() - 1);
        assertThat(deleted.getPayload()).isEqualTo(new OfferingDeleted(offering, provider));
        assertThat(deleted.getMetaData()).containsEntry(MetadataKeys.CAUSED_BY_CUSTOMER, provider.toString());
        assertThat(jdbc.queryForObject("select count(*) from provider_offering where provider_id = ?", Integer.class,
                provider.uuid())).isZero();
        assertThatThrownBy(() -> commands.sendAndWait(new CreatePlan(offering, PlanId.random(), "Late", Set.of(),
                false))).isInstanceOf(AggregateDeletedException.class);
        assertThatThrownBy(() -> commands.sendAndWait(new CreateOffering(OfferingId.random(), provider, "Cloud", true,
                Set.of(), false, List.of()))).isInstanceOf(ProviderNotFoundException.class);
    }

    private List<Object> payloads(GroupId group) {
        return payloads(group.toString());
    }

    private List<Object> payloads(String aggregateId) {
        return events.readEvents(aggregateId).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
