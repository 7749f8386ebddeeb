package org.orggroups.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orggroups.api.group.GroupCreated;
import org.orggroups.api.group.GroupId;
import org.orggroups.api.group.GroupRenamed;
import org.orggroups.api.group.GroupReparented;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.support.JdbcUtils;

/**
 * On PostgreSQL the group view's handlers for a creation, a rename and a move send all their statements (the view's
 * rows, the timeline's, the row read back for the sender) in one execution of one statement, that is one round trip
 * ({@link RoundTrips}, decision record 25). Counted at the JDBC interface: every {@code execute...} call on a
 * statement the handlers' template creates.
 */
class GroupViewRoundTripsTest {

    private static final List<String> EXECUTIONS = List.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate", "executeBatch", "executeLargeBatch");

    private final AtomicInteger executions = new AtomicInteger();
    private TestDatabase database;
    private ReadSide readSide;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.create();
        DataSource plain = database.jdbc().getDataSource();
        Assumptions.assumeTrue("PostgreSQL".equals(JdbcUtils.extractDatabaseMetaData(plain,
                DatabaseMetaData::getDatabaseProductName)), "PostgreSQL only: H2 answers one result per round trip");
        readSide = new ReadSide(new JdbcTemplate(new DelegatingDataSource(plain) {
            @Override
            public Connection getConnection() throws SQLException {
                return counting(super.getConnection(), Connection.class);
            }
        }));
    }

    @AfterEach
    void tearDown() {
        database.close();
    }

    @Test
    void aCreationARenameAndAMoveAreEachOneRoundTrip() {
        GroupId root = readSide.createGroup("Root");
        GroupId other = readSide.createGroup("Other");
        GroupId child = readSide.createGroup("Child", root);
        readSide.createGroup("Grandchild", child);
        GroupId created = GroupId.random();

        assertThat(executionsOf(() -> readSide.publishGroupEvent(created, new GroupCreated(created, "New", root))))
                .as("a creation under a parent").isEqualTo(1);
        assertThat(executionsOf(() -> readSide.publishGroupEvent(child, new GroupRenamed(child, "Renamed", "Child"))))
                .as("a rename of a group with a child").isEqualTo(1);
        assertThat(executionsOf(() -> readSide.publishGroupEvent(child, new GroupReparented(child, other, root))))
                .as("a move").isEqualTo(1);
        assertThat(readSide.group(child).parentName()).isEqualTo("Other");
    }

    private int executionsOf(Runnable publish) {
        executions.set(0);
        publish.run();
        return executions.get();
    }

    /** A proxy of {@code target} that counts the executions of the statements it creates. */
    @SuppressWarnings("unchecked")
    private <T> T counting(T target, Class<T> type) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            Object result = invoke(method, target, args);
            if (target instanceof Statement && EXECUTIONS.contains(method.getName())) {
                executions.incrementAndGet();
            }
            if (result instanceof PreparedStatement statement && type == Connection.class) {
                return counting(statement, PreparedStatement.class);
            }
            if (result instanceof Statement statement && type == Connection.class) {
                return counting(statement, Statement.class);
            }
            return result;
        });
    }

    private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
