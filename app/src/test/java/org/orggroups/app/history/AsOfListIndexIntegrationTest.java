package org.orggroups.app.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.ListGroupsAsOf;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.config.Databases;
import org.orggroups.app.support.IntegrationTest;
import org.orggroups.query.GroupQueryHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The as-of list on PostgreSQL's timeline name index (V14): the index holds when each state began, so PostgreSQL
 * tests the beginning of {@link GroupQueryHandler#VALID_AT} on the index's entries and reads no row of a state begun
 * after the instant. The index and the handler's test are written in two places; this test fails when they part.
 */
class AsOfListIndexIntegrationTest extends IntegrationTest {

    @Autowired
    private DataSource dataSource;

    /**
     * A state that ended after the instant, one that began after it and one current throughout; inside a
     * transaction that is rolled back, every other plan than an index walk is ruled out, and the plan must test
     * the beginning on the index and answer as the default plan does.
     */
    @Test
    void theNameIndexTestsTheBeginningOfAState() throws SQLException {
        Assumptions.assumeTrue(Databases.isPostgres(dataSource), "PostgreSQL only");
        String renamed = newGroup("A renamed later", null);
        newGroup("B present then", null);
        Instant at = Instant.now();
        assertThat(patch("/api/organization-groups/" + renamed + "/", Map.of("name", "Z renamed")).status())
                .isEqualTo(200);
        newGroup("A created later", null);
        ListGroups present = new ListGroups(null, null, null, List.of(), new PageRequest(1, 50));
        ListGroupsAsOf query = new ListGroupsAsOf(present, at);
        List<String> expected = names(new GroupQueryHandler(jdbc), query);
        assertThat(expected).containsExactly("A renamed later", "B present then");

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcTemplate indexOnly = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
                for (String method : List.of("seqscan", "bitmapscan", "sort")) {
                    indexOnly.execute("set local enable_" + method + " = off");
                }
                String plan = String.join("\n", indexOnly.queryForList("explain select g.name from group_timeline g"
                        + " where " + GroupQueryHandler.VALID_AT
                        + " order by g.name, g.group_id fetch first 50 rows only",
                        String.class, at.atOffset(ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC)));
                assertThat(plan).contains("idx_group_timeline_name").containsPattern("Index Cond: \\(valid_from <=");
                assertThat(names(new GroupQueryHandler(indexOnly), query)).isEqualTo(expected);
            } finally {
                connection.rollback();
            }
        }
    }

    private static List<String> names(GroupQueryHandler groups, ListGroupsAsOf query) {
        return groups.handle(query).items().stream().map(GroupSummary::name).toList();
    }
}
