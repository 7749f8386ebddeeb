package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link RoundTrips} on the test database (H2, or PostgreSQL in CI): the same results whether the statements go
 * together or one by one, each statement seeing the ones before it, a failure stopping the run, and on PostgreSQL
 * one statement sent to the driver for the whole run.
 */
class RoundTripsTest {

    private TestDatabase database;
    private JdbcTemplate jdbc;
    private TransactionTemplate transactions;
    private final AtomicInteger prepared = new AtomicInteger();

    @BeforeEach
    void setUp() {
        database = TestDatabase.create();
        DataSource counting = new DelegatingDataSource(database.multiConnectionDataSource()) {
            @Override
            public Connection getConnection() throws java.sql.SQLException {
                return countingPrepares(super.getConnection());
            }
        };
        jdbc = new JdbcTemplate(counting);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(counting));
        jdbc.execute("create table round_trip_probe (k int primary key, v int not null)");
        jdbc.execute("create sequence round_trip_probe_seq");
    }

    @AfterEach
    void tearDown() {
        jdbc.execute("drop table round_trip_probe");
        jdbc.execute("drop sequence round_trip_probe_seq");
        database.close();
    }

    @Test
    void answersEachStatementInItsPlaceAndEachSeesTheOnesBeforeIt() {
        RoundTrips.Results results = transactions.execute(status -> new RoundTrips(jdbc).run()
                .update("insert into round_trip_probe (k, v) values (?, ?), (?, ?)", 1, 10, 2, 20)
                .update("update round_trip_probe set v = v + ? where k = ?", 5, 1)
                .query("select v from round_trip_probe where k = ?", (rs, row) -> rs.getInt(1), 1)
                .update("update round_trip_probe set v = ? where k = ?", 0, 99)
                .query("select k from round_trip_probe order by k", (rs, row) -> rs.getInt(1))
                .execute());

        assertThat(results.updated(0)).isEqualTo(2);
        assertThat(results.updated(1)).isEqualTo(1);
        assertThat(results.<Integer>rows(2)).containsExactly(15);
        assertThat(results.updated(3)).isZero();
        assertThat(results.<Integer>rows(4)).containsExactly(1, 2);
    }

    @Test
    void aFailingStatementFailsTheRunAndTheOnesAfterItDoNotRun() {
        jdbc.update("insert into round_trip_probe (k, v) values (1, 1)");
        long before = nextValue();

        assertThatThrownBy(() -> transactions.executeWithoutResult(status -> new RoundTrips(jdbc).run()
                .update("update round_trip_probe set v = 2 where k = 1")
                .update("insert into round_trip_probe (k, v) values (1, 3)")
                .query("select nextval('round_trip_probe_seq')", (rs, row) -> rs.getLong(1))
                .execute()))
                .isInstanceOf(DuplicateKeyException.class);

        assertThat(jdbc.queryForObject("select v from round_trip_probe where k = 1", Integer.class)).isEqualTo(1);
        // A sequence is not rolled back: had the statement after the failure run, the next value would skip one.
        assertThat(nextValue()).isEqualTo(before + 1);
    }

    @Test
    void sendsTheRunAsOneStatementWhereTheDriverAnswersSeveralResults() throws Exception {
        boolean together = Boolean.TRUE.equals(JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(),
                DatabaseMetaData::supportsMultipleResultSets));
        String database = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(),
                DatabaseMetaData::getDatabaseProductName);
        if ("PostgreSQL".equals(database)) {
            assertThat(together).as("PostgreSQL's driver takes the statements together").isTrue();
        }
        prepared.set(0);

        transactions.executeWithoutResult(status -> new RoundTrips(jdbc).run()
                .update("insert into round_trip_probe (k, v) values (?, ?)", 1, 1)
                .update("update round_trip_probe set v = ? where k = ?", 2, 1)
                .query("select v from round_trip_probe where k = ?", (rs, row) -> rs.getInt(1), 1)
                .execute());

        assertThat(prepared.get()).isEqualTo(together ? 1 : 3);
    }

    private long nextValue() {
        return jdbc.queryForObject("select nextval('round_trip_probe_seq')", Long.class);
    }

    private Connection countingPrepares(Connection connection) {
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement")) {
                        prepared.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
