package org.orggroups.query;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * A fresh, empty copy of the read tables for one test. In-memory H2 by default; PostgreSQL when
 * {@code SPRING_DATASOURCE_URL} names one (as for the app's integration tests), in a schema of its own that
 * is dropped afterwards, so that the same SQL is checked on both databases the service supports.
 */
final class TestDatabase implements AutoCloseable {

    private final SingleConnectionDataSource dataSource;
    private final Runnable cleanUp;

    private TestDatabase(SingleConnectionDataSource dataSource, Runnable cleanUp) {
        this.dataSource = dataSource;
        this.cleanUp = cleanUp;
        new ResourceDatabasePopulator(new ClassPathResource("read_views.sql"), new ClassPathResource("timeline.sql"),
                new ClassPathResource("offerings.sql"))
                .execute(dataSource);
    }

    static TestDatabase create() {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url != null && url.startsWith("jdbc:postgresql:")) {
            return onPostgres(url, env("SPRING_DATASOURCE_USERNAME"), env("SPRING_DATASOURCE_PASSWORD"));
        }
        String name = "query-side-" + UUID.randomUUID();
        SingleConnectionDataSource h2 = new SingleConnectionDataSource(
                "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", true);
        return new TestDatabase(h2, () -> new JdbcTemplate(h2).execute("shutdown"));
    }

    private static TestDatabase onPostgres(String url, String username, String password) {
        String schema = "query_side_test_" + UUID.randomUUID().toString().replace("-", "");
        SingleConnectionDataSource admin = new SingleConnectionDataSource(url, username, password, true);
        new JdbcTemplate(admin).execute("create schema " + schema);
        SingleConnectionDataSource scoped = new SingleConnectionDataSource(
                url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, username, password, true);
        return new TestDatabase(scoped, () -> {
            scoped.destroy();
            new JdbcTemplate(admin).execute("drop schema " + schema + " cascade");
            admin.destroy();
        });
    }

    private static String env(String name) {
        String value = System.getenv(name);
        return value == null ? "" : value;
    }

    /**
     * @return a data source that opens a new connection to the same tables each time, for tests that need
     *         concurrent transactions
     */
    DataSource multiConnectionDataSource() {
        return new DriverManagerDataSource(dataSource.getUrl(), dataSource.getUsername(), dataSource.getPassword());
    }

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Override
    public void close() {
        cleanUp.run();
        dataSource.destroy();
    }
}
