package org.orggroups.query.offering;

import java.util.function.Supplier;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a catalogue read with PostgreSQL's generic plans. The statements of an offering page (the access rule's
 * recursive walk and its subplans) cost more to plan than to run: planned for each call, as the server does by
 * default for statements whose custom plans look cheaper, a page narrowed to a customer ran at 574 requests/s; with
 * generic plans, planned once per connection, at 1,034 (decision record 10a). The setting is local to one
 * transaction around the read, so no other query of the service changes plan. Elsewhere (H2) the read runs as is.
 */
final class GenericPlans {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    /** Whether the database is PostgreSQL, found on first use. */
    private volatile Boolean postgres;

    /** @param jdbc the template of the reads; its data source gets a transaction of its own per read */
    GenericPlans(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /**
     * @param read the read, made through the same {@link JdbcTemplate}
     * @return what it returns
     */
    <T> T read(Supplier<T> read) {
        if (!postgres()) {
            return read.get();
        }
        return transaction.execute(status -> {
            jdbc.execute("set local plan_cache_mode = force_generic_plan");
            return read.get();
        });
    }

    private boolean postgres() {
        Boolean known = postgres;
        if (known == null) {
            known = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) connection ->
                    "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())));
            postgres = known;
        }
        return known;
    }
}
