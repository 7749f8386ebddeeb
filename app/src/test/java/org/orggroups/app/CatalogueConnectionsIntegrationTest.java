package org.orggroups.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.orggroups.app.config.Databases;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.query.offering.CatalogueReads;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.ConnectionCallback;

/**
 * The offering lists' connections ({@code CatalogueConfig}, decision record 10a): on PostgreSQL a pool of their own
 * whose sessions plan generically and prepare statements on the server at once, while the service's own sessions
 * keep the server's plan choice; on H2 the service's pool itself.
 */
class CatalogueConnectionsIntegrationTest extends IntegrationTest {

    @Autowired
    CatalogueReads catalogue;

    @Autowired
    DataSource dataSource;

    @Autowired
    MeterRegistry meters;

    @Test
    void theListsReadWithGenericPlansOnPostgresAndThroughTheServicePoolOnH2() {
        DataSource lists = catalogue.jdbc().getDataSource();
        if (!Databases.isPostgres(dataSource)) {
            assertThat(lists).isSameAs(dataSource);
            return;
        }
        assertThat(lists).isNotSameAs(dataSource);
        assertThat(meters.get("hikaricp.connections.max").tag("pool", "catalogue").gauge().value()).isEqualTo(4);
        assertThat(catalogue.jdbc().queryForObject("show plan_cache_mode", String.class))
                .isEqualTo("force_generic_plan");
        assertThat(jdbc.queryForObject("show plan_cache_mode", String.class)).isEqualTo(jdbc.queryForObject(
                "select reset_val from pg_settings where name = 'plan_cache_mode'", String.class));

        // Two runs of one statement, without a transaction: prepared on the server at the first and planned once,
        // generically, for both (a custom plan would count in custom_plans).
        String sql = "select count(*) from offering_view o where o.offering_id = ?";
        List<Object> seen = catalogue.jdbc().execute((ConnectionCallback<List<Object>>) connection -> {
            assertThat(connection.getAutoCommit()).isTrue();
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int run = 0; run < 2; run++) {
                    statement.setObject(1, UUID.randomUUID());
                    try (ResultSet rs = statement.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                    }
                }
            }
            return plansOf(connection, "select count(*) from offering_view o where o.offering_id = $1");
        });
        assertThat(seen).containsExactly(2L, 0L);
    }

    /** @return the generic and custom plans the session has made for the prepared statement, or nothing */
    private static List<Object> plansOf(Connection connection, String statement) throws java.sql.SQLException {
        List<Object> plans = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "select generic_plans, custom_plans from pg_prepared_statements where statement = ?")) {
            query.setString(1, statement);
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    plans.add(rs.getLong(1));
                    plans.add(rs.getLong(2));
                }
            }
        }
        return plans;
    }
}
