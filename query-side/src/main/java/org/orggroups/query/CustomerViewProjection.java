package org.orggroups.query;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.orggroups.api.customer.CustomerCreated;
import org.orggroups.api.customer.CustomerDeleted;
import org.orggroups.api.customer.CustomerRenamed;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The customer read model: one {@code customer_view} row per live customer, keyed by the customer's id.
 * Memberships are not kept here but in {@link GroupViewProjection}, which counts them.
 *
 * <p>Meant to run in a subscribing processor, in the transaction that stores the events, with errors
 * propagated (DESIGN.md section 5): a failing handler fails the write.
 *
 * <p>{@code customer_timeline} keeps every state each row has had, valid from one event to the next (see
 * {@link TimelinePosition}), for the audit history's {@code serialized_data}.
 */
@Component
@ProcessingGroup(CustomerViewProjection.PROCESSING_GROUP)
public class CustomerViewProjection {

    /** Name of the processing group, for the processor configuration. */
    public static final String PROCESSING_GROUP = "customer-view";

    private final JdbcTemplate jdbc;

    /** @param jdbc access to {@code customer_view} */
    public CustomerViewProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param event   the registration: adds the customer's row
     * @param message the event message, for its time and global index
     */
    @EventHandler
    public void on(CustomerCreated event, EventMessage<?> message) {
        jdbc.update("insert into customer_view (customer_id, name) values (?, ?)",
                event.customerId().uuid(), event.name());
        record(message, event.customerId().uuid());
    }

    /**
     * @param event   the rename
     * @param message the event message, for its time and global index
     * @throws IllegalStateException when the customer has no row
     */
    @EventHandler
    public void on(CustomerRenamed event, EventMessage<?> message) {
        int updated = jdbc.update("update customer_view set name = ? where customer_id = ?",
                event.name(), event.customerId().uuid());
        if (updated != 1) {
            throw new IllegalStateException("customer_view has no row for customer " + event.customerId());
        }
        record(message, event.customerId().uuid());
    }

    /**
     * @param event   the deletion: removes the customer's row (its memberships ended before)
     * @param message the event message, for its time and global index
     */
    @EventHandler
    public void on(CustomerDeleted event, EventMessage<?> message) {
        jdbc.update("delete from customer_view where customer_id = ?", event.customerId().uuid());
        record(message, event.customerId().uuid());
    }

    /** Empties the table before a replay, so that the replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from customer_view");
        jdbc.update("delete from customer_timeline");
    }

    /**
     * Makes {@code customer_timeline} follow {@code customer_view} for one customer after its row changed: the
     * current timeline row ends at the event, and a copy of the view row (none after a deletion) begins there.
     */
    private void record(EventMessage<?> message, java.util.UUID customerId) {
        TimelinePosition at = TimelinePosition.of(message);
        jdbc.update("update customer_timeline set valid_to = ?, to_index = ? where to_index is null and customer_id = ?",
                at.time(), at.index(), customerId);
        jdbc.update("insert into customer_timeline (customer_id, name, valid_from, from_index)"
                + " select customer_id, name, ?, ? from customer_view where customer_id = ?",
                at.time(), at.index(), customerId);
    }
}
