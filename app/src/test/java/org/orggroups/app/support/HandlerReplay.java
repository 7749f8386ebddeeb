package org.orggroups.app.support;

import java.time.Duration;
import java.util.List;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.orggroups.app.rebuild.StoredEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.awaitility.Awaitility.await;

/**
 * Builds projections' tables the slow, obvious way, through their own event handlers from the first event: the
 * reference that bulk rebuilds are compared with. For a quiet store only (no concurrent writers).
 */
public final class HandlerReplay {

    private final EventProcessingConfiguration processing;
    private final StoredEvents events;
    private final TransactionTemplate transaction;

    public HandlerReplay(EventProcessingConfiguration processing, StoredEvents events,
                         PlatformTransactionManager transactionManager) {
        this.processing = processing;
        this.events = events;
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Empties the synchronous views (their reset handlers) and applies every stored event through the handlers. */
    public void synchronousViews() {
        List<EventHandlerInvoker> invokers = processing.eventProcessors().values().stream()
                .filter(SubscribingEventProcessor.class::isInstance)
                .map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker()).toList();
        transaction.executeWithoutResult(status -> {
            invokers.forEach(EventHandlerInvoker::performReset);
            long head = events.head();
            for (long after = 0; after < head; after = StoredEvents.nextPage(after, head)) {
                for (TrackedEventMessage<?> event : events.page(after, head)) {
                    DefaultUnitOfWork.startAndGet(event).execute(() -> invokers.forEach(invoker -> {
                        try {
                            invoker.handle(event, Segment.ROOT_SEGMENT);
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }));
                }
            }
        });
    }

    /**
     * Axon's own replay of a streaming processor: shut down, reset its tokens (its reset handlers empty its
     * tables), start, and wait until it has handled every stored event.
     */
    public void streaming(String name) {
        StreamingEventProcessor processor = (StreamingEventProcessor) processing.eventProcessors().get(name);
        processor.shutDown();
        try {
            processor.resetTokens();
        } finally {
            processor.start();
        }
        long head = events.head();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() ->
                !processor.processingStatus().isEmpty() && processor.processingStatus().values().stream()
                        .allMatch(s -> s.isCaughtUp() && s.getCurrentPosition().orElse(0) >= head));
    }
}
