package org.orggroups.query.offering;

import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The connections the offering lists (E2, E3, E11 to E14) read through, which may be other than those of the rest
 * of the query side. Their statements (the access rule's recursive walk and its subplans) cost more to plan than to
 * run, so the service gives them, on PostgreSQL, a small pool of their own whose sessions use generic plans: each
 * statement is then planned once per connection instead of on every call, with no transaction and no {@code SET}
 * around a read, and no other query of the service changes plan (decision record 10a). Whoever builds the handler
 * chooses the connections; the handler only reads through them, with the same SQL on every database.
 *
 * @param jdbc the template of the offering lists: read access to the offering, plan, group and customer views, on
 *             the same database as the rest of the query side; not {@code null}
 */
public record CatalogueReads(JdbcTemplate jdbc) {

    /** @throws NullPointerException when {@code jdbc} is {@code null} */
    public CatalogueReads {
        Objects.requireNonNull(jdbc, "jdbc");
    }
}
