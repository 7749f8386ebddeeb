package org.orggroups.query;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerRenamed;
import org.orggroups.api.replay.BulkRebuild;
import org.orggroups.api.replay.RowSink;
import org.springframework.stereotype.Component;

/**
 * The bulk rebuild of {@link CustomerViewProjection}: the rows of {@code customer_view} and
 * {@code customer_timeline} that its handlers write for the same events, computed in memory without touching the
 * database.
 *
 * <p>The fold keeps one small object per live customer (its name and where its open timeline row began). A
 * timeline row is handed to the sink the moment it is closed; the view and the open timeline rows are handed over
 * by {@link Fold#finish()}. Ids are {@link UUID}s, names {@link String}s, global indexes {@link Long}s, times
 * {@link OffsetDateTime}s in UTC at the event store's precision (milliseconds, as {@link TimelinePosition} takes
 * them). Where a handler throws an {@link IllegalStateException}, the fold throws one with the same message.
 */
@Component
public class CustomerViewBulkRebuild implements BulkRebuild {

    /** {@code customer_view}: one row per live customer. */
    public static final Table CUSTOMER_VIEW = Table.of("customer_view", "customer_id", "name");
    /** {@code customer_timeline}, without its identity column {@code row_id}. */
    public static final Table CUSTOMER_TIMELINE = Table.of("customer_timeline",
            "customer_id", "name", "valid_from", "valid_to", "from_index", "to_index");

    /** @return {@value CustomerViewProjection#PROCESSING_GROUP}, the projection's processing group */
    @Override
    public String processingGroup() {
        return CustomerViewProjection.PROCESSING_GROUP;
    }

    /** @return the two tables {@link CustomerViewProjection#reset()} empties: the view, then the timeline */
    @Override
    public List<Table> tables() {
        return List.of(CUSTOMER_VIEW, CUSTOMER_TIMELINE);
    }

    /**
     * @param sink receives closed timeline rows during {@link Fold#apply}, everything else in {@link Fold#finish()}
     * @return an empty fold, as after {@link CustomerViewProjection#reset()}
     */
    @Override
    public Fold start(RowSink sink) {
        return new CustomerViewFold(sink);
    }

    /** A live {@code customer_view} row and where its open {@code customer_timeline} row began. */
    private static final class Customer {
        String name;
        // Seconds and nanoseconds rather than an Instant: one object less per customer kept.
        long openedSecond;
        int openedNano;
        long openedIndex;

        Customer(String name) {
            this.name = name;
        }
    }

    private static final class CustomerViewFold implements Fold {

        private final RowSink sink;
        private final Map<UUID, Customer> customers = new HashMap<>();
        private boolean finished;

        CustomerViewFold(RowSink sink) {
            this.sink = sink;
        }

        @Override
        public void apply(long globalIndex, DomainEventMessage<?> event) {
            if (finished) {
                throw new IllegalStateException("the fold has finished");
            }
            Object payload = event.getPayload();
            if (payload instanceof CustomerCreated created) {
                created(created, globalIndex, event);
            } else if (payload instanceof CustomerRenamed renamed) {
                renamed(renamed, globalIndex, event);
            } else if (payload instanceof CustomerDeleted deleted) {
                deleted(deleted, globalIndex, event);
            }
        }

        /** Mirrors {@code CustomerViewProjection.on(CustomerCreated)}: a new row, and its first timeline row. */
        private void created(CustomerCreated event, long globalIndex, DomainEventMessage<?> message) {
            UUID customerId = event.customerId().uuid();
            if (customers.containsKey(customerId)) {
                // The handler's insert fails on the primary key here; the fold fails as plainly.
                throw new IllegalStateException("customer_view already has a row for customer " + event.customerId());
            }
            Customer customer = new Customer(event.name());
            customers.put(customerId, customer);
            open(customer, globalIndex, storedTime(message));
        }

        /** Mirrors {@code CustomerViewProjection.on(CustomerRenamed)}, including its error. */
        private void renamed(CustomerRenamed event, long globalIndex, DomainEventMessage<?> message) {
            UUID customerId = event.customerId().uuid();
            Customer customer = customers.get(customerId);
            if (customer == null) {
                throw new IllegalStateException("customer_view has no row for customer " + event.customerId());
            }
            Instant time = storedTime(message);
            close(customerId, customer, globalIndex, time);
            customer.name = event.name();
            open(customer, globalIndex, time);
        }

        /**
         * Mirrors {@code CustomerViewProjection.on(CustomerDeleted)}: the row and its timeline end; nothing for a
         * customer without a row.
         */
        private void deleted(CustomerDeleted event, long globalIndex, DomainEventMessage<?> message) {
            UUID customerId = event.customerId().uuid();
            Customer customer = customers.remove(customerId);
            if (customer != null) {
                close(customerId, customer, globalIndex, storedTime(message));
            }
        }

        /** Hands the sink every {@code customer_view} row and every open timeline row, then forgets them. */
        @Override
        public void finish() {
            if (finished) {
                return;
            }
            finished = true;
            customers.forEach((customerId, customer) -> {
                sink.add(CUSTOMER_VIEW.name(), customerId, customer.name);
                sink.add(CUSTOMER_TIMELINE.name(), customerId, customer.name, openedAt(customer), null,
                        customer.openedIndex, null);
            });
            customers.clear();
        }

        private static void open(Customer customer, long globalIndex, Instant time) {
            customer.openedSecond = time.getEpochSecond();
            customer.openedNano = time.getNano();
            customer.openedIndex = globalIndex;
        }

        private void close(UUID customerId, Customer customer, long globalIndex, Instant time) {
            sink.add(CUSTOMER_TIMELINE.name(), customerId, customer.name, openedAt(customer), utc(time),
                    customer.openedIndex, globalIndex);
        }

        /** Mirrors {@link TimelinePosition#of}: the time as the event store keeps it, whatever the event carries. */
        private static Instant storedTime(DomainEventMessage<?> event) {
            return TimelinePosition.asStored(event.getTimestamp());
        }

        private static OffsetDateTime openedAt(Customer customer) {
            return utc(Instant.ofEpochSecond(customer.openedSecond, customer.openedNano));
        }

        private static OffsetDateTime utc(Instant time) {
            return time.atOffset(ZoneOffset.UTC);
        }
    }
}
