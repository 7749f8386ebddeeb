package org.orggroups.query;

import org.axonframework.config.ProcessingGroup;
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

    /** @param event the registration: adds the customer's row */
    @EventHandler
    public void on(CustomerCreated event) {
        jdbc.update("insert into customer_view (customer_id, name) values (?, ?)",
                event.customerId().uuid(), event.name());
    }

    /**
     * @param event the rename
     * @throws IllegalStateException when the customer has no row
     */
    @EventHandler
    public void on(CustomerRenamed event) {
        int updated = jdbc.update("update customer_view set name = ? where customer_id = ?",
                event.name(), event.customerId().uuid());
        if (updated != 1) {
            throw new IllegalStateException("customer_view has no row for customer " + event.customerId());
        }
    }

    /** @param event the deletion: removes the customer's row (its memberships ended before) */
    @EventHandler
    public void on(CustomerDeleted event) {
        jdbc.update("delete from customer_view where customer_id = ?", event.customerId().uuid());
    }

    /** Empties the table before a replay, so that the replay rebuilds it from the first event. */
    @ResetHandler
    public void reset() {
        jdbc.update("delete from customer_view");
    }
}
