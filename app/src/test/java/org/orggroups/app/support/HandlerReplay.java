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

    /**
     * One query per table of the streaming projections ({@code audit-events}, {@code group-report}), each row in a
     * stable order: equal results mean equal tables.
     */
    public static final List<String> STREAMING_TABLES = List.of(
            "select global_index, event_type, aggregate_type, aggregate_id, sequence_number, time_stamp, user_uuid,"
                    + " username, correlation_id, payload from audit_event order by global_index",
            "select group_id, name, parent_id, depth, customers_count, subtree_customers_count, descendants_count"
                    + " from report_group order by group_id",
            "select ancestor_id, descendant_id, depth from report_closure order by ancestor_id, descendant_id",
            "select group_id, customer_id from report_member order by group_id, customer_id",
            "select ancestor_id, customer_id, multiplicity from report_subtree_member"
                    + " order by ancestor_id, customer_id",
            "select group_id, as_of, customers_count, subtree_customers_count from report_membership_history"
                    + " order by group_id, as_of");

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
