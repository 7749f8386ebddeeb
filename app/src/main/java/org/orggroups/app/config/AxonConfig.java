package org.orggroups.app.config;

import java.time.Clock;
import java.time.Duration;

import javax.sql.DataSource;

import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.queryhandling.LoggingQueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryBusSpanFactory;
import org.axonframework.queryhandling.QueryInvocationErrorHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.orggroups.api.MetadataKeys;
import org.orggroups.app.eventstore.TokenClaims;
import org.orggroups.app.projections.ProcessorFailures;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.support.JdbcTransactionManager;

/**
 * Axon settings that the defaults get wrong for this service (DESIGN.md sections 1, 3 and 5).
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    /**
     * Event time stamps are taken at millisecond resolution. API.md section 1 asks that a time be stored with
     * exactly the precision it is rendered with, so that a rendered time passed back as a filter means that same
     * instant; Axon 4's event store writes {@code time_stamp} with three fractional digits, so a finer clock
     * would be cut on the way to the store and history, {@code as_of} and the live answer would disagree by up to
     * a millisecond. Rendered times keep the contract's six digits (the last three are zeros). All events of one
     * unit of work share one instant ({@link UnitOfWorkClock}).
     */
    public AxonConfig() {
        GenericEventMessage.clock = new UnitOfWorkClock(Clock.tick(Clock.systemUTC(), Duration.ofMillis(1)));
    }

    /**
     * Every event processor not configured otherwise (the command-side tree, the group and customer views) is
     * subscribing: it runs in the transaction of the command that produced the events, so a client reads its own
     * write on any node.
     * A failing handler fails that transaction: Axon's default {@code LoggingErrorHandler} would log and
     * carry on, and the views would silently drift from the events. Replayable projections (history, reports)
     * are declared as pooled streaming processors in {@code application.yml}
     * ({@code axon.eventhandling.processors.<name>.mode: pooled}); a failure there stops the segment, which
     * Axon retries with back-off. Every processor's failures pass through {@link ProcessorFailures} on the way,
     * which rethrows them as Axon's default does and lets {@code /api/projections/} show a processor that keeps
     * failing as {@code retrying}.
     */
    @Bean
    ConfigurerModule subscribingProcessorsThatPropagateFailures(ObjectProvider<ProcessorFailures> failures) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .usingSubscribingEventProcessors()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance())
                .registerDefaultErrorHandler(c -> failures.getObject()));
    }

    /**
     * Live nodes renew their claims on streaming segments often enough that a claim not renewed for half the claim
     * timeout marks a node that stopped ({@link TokenClaims}). With Axon's default renewal, every 5 s, a live
     * node's claims were seen up to 5.2 s old, past half the default 10 s timeout, and one renewal falling between
     * two rounds of the processor's coordinator can let a claim age to nearly the whole timeout.
     */
    @Bean
    ConfigurerModule claimsRenewedWellWithinTheirTimeout(TokenClaims claims) {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration((config, builder) ->
                        builder.claimExtensionThreshold(claims.renewalInterval().toMillis())));
    }

    /**
     * Axon's units of work (a command, a batch of a streaming processor, the event store's and token store's own
     * work) in plain JDBC transactions on the application's data source. Axon's auto-configuration would wrap the
     * application's transaction manager, which is JPA's because users and tokens are JPA entities: every command
     * then opened a Hibernate session for work that is all JDBC (the event store, the token store and the
     * projections' {@code JdbcTemplate}), 8.6 % of a create's JVM samples (decision record 17). The JDBC manager is
     * not a Spring bean, so Spring Boot still builds JPA's for the repositories. Nothing run inside a unit of work
     * uses JPA: users and tokens are only touched by the HTTP edge's authentication and user endpoints. Code that
     * wraps Axon's work in a transaction of its own must take this manager (the dataset generator does): under JPA's,
     * this one would find no transaction it can join and commit the shared connection at its own end. A rebuild's
     * transaction is JPA's, but what it runs inside uses no transaction manager (its handlers, the token store).
     *
     * @param dataSource the application's data source, shared with {@code JdbcTemplate}
     * @return the transaction manager of every Axon component that asks for one
     */
    @Bean
    TransactionManager axonTransactionManager(DataSource dataSource) {
        return new SpringTransactionManager(new JdbcTransactionManager(dataSource));
    }

    /**
     * The query bus as Axon's auto-configuration builds it, but without a transaction around each query. Every
     * query handler here reads with {@code JdbcTemplate} under READ COMMITTED, where each statement sees its own
     * snapshot whether or not a transaction surrounds them, so a transaction only cost two more round trips and a
     * JPA session per read (seen in the statement log of a {@code GET}: a {@code BEGIN} for every query).
     */
    @Bean
    SimpleQueryBus queryBus(org.axonframework.config.Configuration axon) {
        return SimpleQueryBus.builder()
                .messageMonitor(axon.messageMonitor(QueryBus.class, "queryBus"))
                .transactionManager(NoTransactionManager.INSTANCE)
                .errorHandler(axon.getComponent(QueryInvocationErrorHandler.class,
                        () -> LoggingQueryInvocationErrorHandler.builder().build()))
                .queryUpdateEmitter(axon.getComponent(QueryUpdateEmitter.class))
                .spanFactory(axon.getComponent(QueryBusSpanFactory.class))
                .build();
    }

    /**
     * Copies who sent a command, the request's correlation id and the request's own id from the command onto every
     * event it causes.
     * Replaces Axon's default {@code MessageOriginProvider}, whose {@code correlationId} (the command's message
     * id) would overwrite the request's.
     */
    @Bean
    CorrelationDataProvider requestCorrelationData() {
        return new SimpleCorrelationDataProvider(
                MetadataKeys.USER_UUID, MetadataKeys.USERNAME, MetadataKeys.CORRELATION_ID, MetadataKeys.REQUEST_ID);
    }
}
