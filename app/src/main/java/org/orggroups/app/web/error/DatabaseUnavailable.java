package org.orggroups.app.web.error;

import java.sql.SQLException;
import java.util.Set;

import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The one rule that says a failure means the database cannot be reached (down, restarting, refusing connections,
 * or the pool's wait for a connection timed out): answered 503 by {@link ErrorTable}, whichever layer it came
 * through. Axon wraps such failures in its own exceptions ({@code EventStoreException}, {@code JdbcException},
 * {@code CommandExecutionException}) and Spring Security in its own, so the whole cause chain is looked at.
 *
 * <p>Raw {@link SQLException}s (from Axon's JDBC stores, or from the connection pool) are classified by Spring's
 * own translation, as {@code JdbcTemplate} classifies them: connection failures (SQL state class {@code 08}, and
 * {@code 57P01} to {@code 57P03}, a server shutting down or starting up), too many connections ({@code 53300})
 * and the pool's timeout ({@link java.sql.SQLTransientConnectionException}) are resource failures. H2 reports a
 * connection cut under a statement as a plain I/O error ({@link #H2_IO_ERRORS}), which Spring does not classify.
 */
final class DatabaseUnavailable {

    private static final SQLExceptionTranslator TRANSLATION = new SQLExceptionSubclassTranslator();
    /**
     * H2's vendor codes 90028 and 90031 ("IO Exception"), raised when the connection to an H2 server is cut under a
     * statement; PostgreSQL's driver sets no vendor codes, so they cannot be mistaken.
     */
    private static final Set<Integer> H2_IO_ERRORS = Set.of(90028, 90031);

    private DatabaseUnavailable() {
    }

    /** @return whether the failure or one of its causes says that the database cannot be reached */
    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (unreachable(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean unreachable(Throwable t) {
        if (t instanceof CannotCreateTransactionException || t instanceof JDBCConnectionException) {
            return true;
        }
        if (t instanceof DataAccessException access) {
            return resourceFailure(access);
        }
        if (t instanceof SQLException sql) {
            if (H2_IO_ERRORS.contains(sql.getErrorCode())) {
                return true;
            }
            DataAccessException translated = TRANSLATION.translate("", null, sql);
            return translated != null && resourceFailure(translated);
        }
        return false;
    }

    private static boolean resourceFailure(DataAccessException e) {
        return e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessResourceException
                || e instanceof RecoverableDataAccessException;
    }
}
