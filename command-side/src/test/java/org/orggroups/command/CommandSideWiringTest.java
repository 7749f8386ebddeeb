package org.orggroups.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.common.lock.NullLockFactory;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.Test;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.customer.CreateCustomer;
import org.orggroups.api.customer.CustomerId;
import org.orggroups.api.customer.CustomerLeftGroup;
import org.orggroups.api.customer.UpdateCustomerGroups;
import org.orggroups.api.group.CreateGroup;
import org.orggroups.api.group.DeleteGroup;
import org.orggroups.api.group.GroupDeleted;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.ParentChange;
import org.orggroups.api.group.UpdateGroup;
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
 * aggregates' repositories and lock factory, the tree as a handler parameter, the projection as a subscribing
 * processor in the command's transaction (on H2, with the events kept in memory).
 */
@SpringBootTest(classes = CommandSideWiringTest.CommandSideOnly.class, properties = {
        "spring.main.banner-mode=off",
        "spring.datasource.url=jdbc:h2:mem:command-side-wiring;DB_CLOSE_DELAY=-1",
        "spring.sql.init.schema-locations=classpath:db/command_side_tree.sql",
        "axon.axonserver.enabled=false",
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
    }

    @Autowired
    private CommandGateway commands;
    @Autowired
    private EventStore events;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ApplicationContext context;

    @Test
    void aggregatesGetRepositoriesAndTheDatabaseOnlyLockFactory() {
        assertThat(context.getBean("organizationGroupRepository")).isInstanceOf(Repository.class);
        assertThat(context.getBean("customerRepository")).isInstanceOf(Repository.class);
        assertThat(context.getBean("aggregateLockFactory", LockFactory.class)).isSameAs(NullLockFactory.INSTANCE);
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

    private List<Object> payloads(GroupId group) {
        return events.readEvents(group.toString()).asStream().<Object>map(DomainEventMessage::getPayload).toList();
    }
}
