package org.orggroups.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.query.GroupSummary;
import org.orggroups.api.query.ListGroups;
import org.orggroups.api.query.PageRequest;
import org.orggroups.app.config.Databases;
import org.orggroups.query.GroupQueryHandler;
import org.orggroups.query.LikePattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The {@code name} filter of the group list (API.md section 3: a case-insensitive substring, {@code %} and
 * {@code _} literal) on PostgreSQL's trigram index: the index only proposes rows and {@code LIKE} decides, so the
 * answers must be those of a scan of every row, for non-ASCII letters, wildcards and the escape character too.
 * Matches are compared without their order, which differs between collations for these names.
 */
class GroupNameFilterIndexIntegrationTest extends WebIntegrationTest {

    private static final List<String> NAMES = List.of("Åsvik Marine Lab", "ÅSVIK office", "Asvik desk", "100% sure",
            "100 percent", "a_b unit", "axb unit", "Back\\slash wing", "back/slash wing", "Straße Ω team");

    @Autowired
    private DataSource dataSource;

    @BeforeEach
    void groups() {
        NAMES.forEach(this::newGroup);
    }

    @Test
    void theListAnswersAsAScanWould() {
        assertMatches("åSVIK", "ÅSVIK office", "Åsvik Marine Lab");
        assertMatches("asvik", "Asvik desk");
        assertMatches("0% S", "100% sure");
        assertMatches("a_b", "a_b unit");
        assertMatches("k\\sl", "Back\\slash wing");
        assertMatches("ω TEAM", "Straße Ω team");
        assertMatches("slash wing", "Back\\slash wing", "back/slash wing");
        assertMatches("sl", "Back\\slash wing", "back/slash wing");
    }

    /**
     * Inside a transaction that is rolled back, the table's other indexes are dropped and sequential scans ruled
     * out, so that the planner must take the trigram index (on a few rows it would rather scan a whole btree), and
     * the answers must still be the same.
     */
    @Test
    void theTrigramIndexServesTheFilterAndGivesTheSameAnswers() throws SQLException {
        assumePostgres();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                JdbcTemplate noSeqScan = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
                noSeqScan.execute("set local enable_seqscan = off");
                noSeqScan.execute("alter table group_view drop constraint group_view_pkey");
                for (String index : noSeqScan.queryForList("select indexname from pg_indexes where schemaname"
                        + " = current_schema() and tablename = 'group_view' and indexname <> 'idx_group_view_name_trgm'",
                        String.class)) {
                    noSeqScan.execute("drop index " + index);
                }
                String plan = String.join("\n", noSeqScan.queryForList("explain select count(*) from group_view g"
                        + " where " + LikePattern.icontains("g.name"), String.class, LikePattern.containing("åsvik")));
                assertThat(plan).contains("idx_group_view_name_trgm");

                GroupQueryHandler groups = new GroupQueryHandler(noSeqScan);
                assertThat(names(groups, "åSVIK")).containsExactlyInAnyOrder("ÅSVIK office", "Åsvik Marine Lab");
                assertThat(names(groups, "asvik")).containsExactlyInAnyOrder("Asvik desk");
                assertThat(names(groups, "0% S")).containsExactlyInAnyOrder("100% sure");
                assertThat(names(groups, "a_b")).containsExactlyInAnyOrder("a_b unit");
                assertThat(names(groups, "k\\sl")).containsExactlyInAnyOrder("Back\\slash wing");
                assertThat(names(groups, "ω TEAM")).containsExactlyInAnyOrder("Straße Ω team");
                assertThat(names(groups, "slash wing")).containsExactlyInAnyOrder("Back\\slash wing", "back/slash wing");
            } finally {
                connection.rollback();
            }
        }
    }

    /**
     * New entries wait in the index's pending list (so that concurrent creates do not queue for the same index
     * pages), and the list is bounded to 64 kB, so that a search scans at most that many pending entries even where
     * autovacuum never runs (V13). The groups of {@link #groups} are in that list when the other tests search.
     */
    @Test
    void theTrigramIndexKeepsAShortPendingList() {
        assumePostgres();
        List<String> options = jdbc.queryForList("select unnest(reloptions) from pg_class where relname = ?",
                String.class, "idx_group_view_name_trgm");
        assertThat(options).containsExactlyInAnyOrder("fastupdate=on", "gin_pending_list_limit=64");
    }

    private void assumePostgres() {
        Assumptions.assumeTrue(Databases.isPostgres(dataSource), "PostgreSQL only");
    }

    private void assertMatches(String filter, String... expected) {
        Response response = get(GROUPS + "?name=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        assertThat(response.status()).isEqualTo(200);
        assertThat(StreamSupport.stream(response.json().spliterator(), false).map(g -> g.get("name").asText()))
                .as(filter).containsExactlyInAnyOrder(expected);
        assertThat(response.header("X-Result-Count")).isEqualTo(Integer.toString(expected.length));
    }

    private static List<String> names(GroupQueryHandler groups, String filter) {
        return groups.handle(new ListGroups(filter, null, null, List.of(), new PageRequest(1, 50))).items().stream()
                .map(GroupSummary::name).toList();
    }
}
