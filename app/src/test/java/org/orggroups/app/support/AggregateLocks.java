package org.orggroups.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * The lock {@code AggregateLockInterceptor} takes for a command on an aggregate (its first event row), held by a test's
 * own connection, and the wait until another session queues behind it; on PostgreSQL and on H2.
 */
public final class AggregateLocks {

    private AggregateLocks() {
    }

    /**
     * @param connection    a connection out of auto-commit; the lock is held until it commits or rolls back
     * @param aggregateUuid the aggregate's uuid, as the API writes it (32 hex digits) or dashed
     * @return the session holding the lock, for {@link #awaitSessionBlockedBy}
     */
    public static Object holdFirstEventRow(Connection connection, String aggregateUuid) throws Exception {
        try (PreparedStatement lock = connection.prepareStatement("select sequence_number from domain_event_entry"
                + " where aggregate_identifier = ? and sequence_number = 0 for update")) {
            lock.setString(1, dashed(aggregateUuid));
            try (ResultSet row = lock.executeQuery()) {
                assertThat(row.next()).as("the aggregate's first event").isTrue();
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet session = statement.executeQuery(
                     isPostgres(connection) ? "select pg_backend_pid()" : "select session_id()")) {
            session.next();
            return session.getObject(1);
        }
    }

    /** Waits until another session waits for a lock that {@code session} holds. */
    public static void awaitSessionBlockedBy(DataSource dataSource, Object session) throws Exception {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement blocked = connection.prepareStatement(isPostgres(connection)
                     ? "select count(*) from pg_stat_activity where cast(? as integer) = any (pg_blocking_pids(pid))"
                     : "select count(*) from information_schema.sessions where blocker_id = ?")) {
            blocked.setObject(1, session);
            while (true) {
                try (ResultSet count = blocked.executeQuery()) {
                    count.next();
                    if (count.getInt(1) > 0) {
                        return;
                    }
                }
                Thread.sleep(20);
            }
        }
    }

    /** @return the aggregate identifier of an API uuid: the uuid with its dashes, as the event store keeps it */
    public static String dashed(String uuid) {
        return UUID.fromString(uuid.replaceFirst("^(.{8})(.{4})(.{4})(.{4})(.{12})$", "$1-$2-$3-$4-$5")).toString();
    }

    private static boolean isPostgres(Connection connection) throws Exception {
        return "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
}
