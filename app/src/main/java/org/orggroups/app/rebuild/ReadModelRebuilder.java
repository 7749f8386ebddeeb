package org.orggroups.app.rebuild;

import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds the tables of every subscribing event processor (the command-side tree, the group and customer
 * views) from the event store: each processor's {@code @ResetHandler}s empty its tables, then every stored
 * event, in global order, goes through the same handlers that live processing uses. It all happens in one
 * transaction, so readers see the old tables until the new ones are complete, and a failure leaves the old
 * tables in place. Proof that these tables are derived data (DESIGN.md section 1).
 *
 * <p>Meant for an idle service or an operator; writes that arrive during a rebuild wait for it or conflict.
 */
@Component
public class ReadModelRebuilder {

    private final EventStorageEngine storage;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transaction;

    public ReadModelRebuilder(EventStorageEngine storage, EventProcessingConfiguration processing,
                              PlatformTransactionManager transactionManager) {
        this.storage = storage;
        this.processing = processing;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /**
     * @return the number of events replayed
     * @throws IllegalStateException when a handler fails; nothing is changed then
     */
    public long rebuildAll() {
        Long replayed = transaction.execute(status -> replay(subscribingInvokers()));
        return replayed == null ? 0 : replayed;
    }

    private List<EventHandlerInvoker> subscribingInvokers() {
        return processing.eventProcessors().values().stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker())
                .toList();
    }

    private long replay(List<EventHandlerInvoker> invokers) {
        invokers.forEach(EventHandlerInvoker::performReset);
        long count = 0;
        try (Stream<? extends TrackedEventMessage<?>> events = storage.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> iterator = events.iterator();
            while (iterator.hasNext()) {
                TrackedEventMessage<?> event = iterator.next();
                DefaultUnitOfWork.startAndGet(event).execute(() -> {
                    for (EventHandlerInvoker invoker : invokers) {
                        if (invoker.canHandle(event, Segment.ROOT_SEGMENT)) {
                            handle(invoker, event);
                        }
                    }
                });
                count++;
            }
        }
        return count;
    }

    private static void handle(EventHandlerInvoker invoker, TrackedEventMessage<?> event) {
        try {
            invoker.handle(event, Segment.ROOT_SEGMENT);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Replaying event " + event.getIdentifier() + " failed", e);
        }
    }
}
