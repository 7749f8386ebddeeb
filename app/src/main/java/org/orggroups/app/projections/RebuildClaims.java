package org.orggroups.app.projections;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;

import javax.sql.DataSource;

import org.orggroups.app.config.Databases;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.stereotype.Component;

/**
 * Claims of rebuild units across the nodes that share one database. A rebuild writes its new tables under fixed names
 * (the shadow tables {@code <table>__rebuild}), so two nodes rebuilding one unit at once broke each other's tables and
 * both rebuilds failed, where the second should have been refused as a rebuild of the same unit on one node is
 * (API.md section 10: 409).
 *
 * <p>On PostgreSQL a unit is claimed with a session-level advisory lock, on a connection held for as long as the
 * rebuild runs: a node that dies, or loses its database, releases its claims with its session. On H2, which serves one
 * node only, there is nothing to claim beyond {@link Projections}' own record of the runs.
 */
@Component
public class RebuildClaims {

    /** The advisory locks' first key ("RBLD" in ASCII), the second being the unit's {@code hashtext}. */
    public static final int NAMESPACE = 0x52424C44;
    /** Claims the unit bound to it for the session, answering whether it could; public for tests that play a node. */
    public static final String TRY_LOCK = "select pg_try_advisory_lock(" + NAMESPACE + ", hashtext(?))";

    private static final Logger LOG = LoggerFactory.getLogger(RebuildClaims.class);

    private final DataSource dataSource;
    private final boolean postgres;

    /** @param dataSource the database the nodes share */
    public RebuildClaims(DataSource dataSource) {
        this.dataSource = dataSource;
        this.postgres = Databases.isPostgres(dataSource);
    }

    /** Units claimed for one rebuild; closing it releases them. */
    @FunctionalInterface
    public interface Claim extends AutoCloseable {

        /** Releases the units; never throws (a claim that cannot be released ends with its session). */
        @Override
        void close();
    }

    /** Thrown when another session (another node's rebuild) holds a unit. */
    public static class ClaimedElsewhereException extends RuntimeException {

        private final String unit;

        ClaimedElsewhereException(String unit) {
            super("A rebuild of " + unit + " runs on another node");
            this.unit = unit;
        }

        /** @return the unit held elsewhere */
        public String unit() {
            return unit;
        }
    }

    /**
     * Claims every unit, or none.
     *
     * @param units the units a rebuild is about to rebuild
     * @return the claim, to close once the rebuild has ended, whether it succeeded or not
     * @throws ClaimedElsewhereException      when another session holds one of the units; nothing is claimed then
     * @throws CannotGetJdbcConnectionException when no connection to the database can be had
     * @throws UncategorizedSQLException       when the database refuses the lock statement
     */
    public Claim claim(Collection<String> units) {
        if (!postgres) {
            return () -> { };
        }
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("No connection to claim a rebuild with", e);
        }
        try (PreparedStatement lock = connection.prepareStatement(TRY_LOCK)) {
            for (String unit : units) {
                lock.setString(1, unit);
                try (ResultSet result = lock.executeQuery()) {
                    result.next();
                    if (!result.getBoolean(1)) {
                        release(connection);
                        throw new ClaimedElsewhereException(unit);
                    }
                }
            }
        } catch (SQLException e) {
            release(connection);
            throw new UncategorizedSQLException("claiming a rebuild", TRY_LOCK, e);
        }
        return () -> release(connection);
    }

    /**
     * Unlocks what the session holds before the connection goes back to the pool, which keeps the session (and would
     * keep its locks) open. When the database cannot be told, the connection is aborted, so that the pool drops it and
     * the session's end releases the locks.
     */
    private static void release(Connection connection) {
        try (Statement unlock = connection.createStatement()) {
            unlock.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            LOG.warn("Could not release the rebuild's claims; aborting their session", e);
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException aborting) {
                LOG.warn("Could not abort the session of the rebuild's claims", aborting);
            }
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("Could not close the connection of the rebuild's claims", e);
            }
        }
    }
}
