package org.orggroups.app.eventstore;

import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The event store and the token store on plain JDBC, in the tables of the V1 migration, instead of Axon's JPA
 * defaults (decision record 9): a write then goes through no Hibernate session, appends with one statement per
 * event that also answers its global index, and streaming processors read and store their tokens without JPQL.
 * Both join the transaction of the unit of work, as the projections' {@code JdbcTemplate} does.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfig {

    /**
     * Built as Axon's Spring Boot auto-configuration builds its JDBC engine, with this service's schema and
     * {@link IndexRecordingEventStorageEngine}'s append.
     */
    @Bean
    public EventStorageEngine eventStorageEngine(Serializer defaultSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration configuration,
                                                 DataSource dataSource, TransactionManager transactionManager) {
        JdbcEventStorageEngine.Builder builder = JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connections(dataSource))
                .transactionManager(transactionManager)
                .schema(EventTable.EVENTS);
        return new IndexRecordingEventStorageEngine(builder, EventTable.EVENTS, transactionManager);
    }

    /**
     * The embedded event store as Axon's auto-configuration builds it, with the streaming readers woken once per
     * {@code orggroups.events.wake-delay} after local commits ({@link CoalescingEventStore}).
     */
    @Bean
    public EventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration configuration,
                                 @Value("${orggroups.events.wake-delay}") Duration wakeDelay) {
        EmbeddedEventStore.Builder builder = EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class));
        return new CoalescingEventStore(builder, wakeDelay);
    }

    /**
     * Axon's JDBC token store on {@code token_entry}, claiming segments under this node's name for the claim
     * timeout of {@code axon.eventhandling.tokenstore} ({@link TokenClaims}).
     */
    @Bean
    public TokenStore tokenStore(DataSource dataSource, Serializer serializer, TokenClaims claims) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections(dataSource))
                .serializer(serializer)
                .schema(EventTable.TOKENS)
                .contentType(byte[].class)
                .claimTimeout(claims.claimTimeout())
                .nodeId(claims.nodeName())
                .build();
    }

    private static ConnectionProvider connections(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }
}
