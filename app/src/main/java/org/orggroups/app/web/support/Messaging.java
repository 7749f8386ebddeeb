package org.orggroups.app.web.support;

import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.orggroups.api.MetadataKeys;
import org.orggroups.api.query.Page;
import org.orggroups.api.query.PageResponseType;
import org.orggroups.app.auth.AuthenticatedUser;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorBodies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The controllers' one way to the command and query sides.
 *
 * <p>Commands carry who sent them, the request's correlation id and the request's own id as metadata (Axon
 * copies them onto the events). A command that loses a race with a concurrent one (the event store's unique
 * {@code (aggregate, sequence)} refuses the second append, or the database breaks a lock cycle) is run again
 * on fresh state, so concurrent writes are applied one after the other, each in full (API.md section 5).
 */
@Component
public class Messaging {

    private static final Logger LOG = LoggerFactory.getLogger(Messaging.class);
    /** Attempts of one command before answering 409. */
    static final int MAX_ATTEMPTS = 10;
    /** SQL states of a transaction the database aborted to resolve a conflict: retrying it is safe. */
    private static final Set<String> RETRYABLE_SQL_STATES = Set.of("40001", "40P01", "55P03");

    private final CommandGateway commands;
    private final QueryGateway queries;

    public Messaging(CommandGateway commands, QueryGateway queries) {
        this.commands = commands;
        this.queries = queries;
    }

    /**
     * Sends a command and waits until its transaction has committed (so a following read sees it).
     *
     * @return the handler's result (the aggregate id for creations)
     * @throws RuntimeException whatever the handler threw (domain exceptions are mapped to HTTP by the caller)
     * @throws ApiException     409 when the command kept losing races after {@link #MAX_ATTEMPTS} attempts
     */
    public <R> R send(Object command) {
        MetaData metaData = metaData();
        for (int attempt = 1; ; attempt++) {
            try {
                return commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            } catch (RuntimeException e) {
                if (!isLostRace(e)) {
                    throw e;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    LOG.warn("{} lost {} races in a row", command.getClass().getSimpleName(), attempt, e);
                    throw ApiException.detail(HttpStatus.CONFLICT, ErrorBodies.CONCURRENT_CHANGES);
                }
                backOff(attempt);
            }
        }
    }

    /** Asks a query whose answer is an {@code Optional<R>}. */
    public <R> Optional<R> find(Object query, Class<R> type) {
        return join(queries.query(query, ResponseTypes.optionalInstanceOf(type)));
    }

    /**
     * The resource right after this request's command was stored: from its view, or, when a delete of it (or, for a
     * group, of an ancestor) committed in between and removed it from the view, its last recorded state, the one
     * {@code history/} shows. A stored write is answered as stored, never 404 (API.md section 3; 12.11 states the
     * rule for offerings and plans).
     *
     * @param current      the query of the view, answered with an {@code Optional<R>}
     * @param type         the resource's type
     * @param lastRecorded the query of the latest version, answered with an {@code Optional<V>}
     * @param versionType  the type of a version
     * @param state        the resource's state in a version
     * @return the resource
     * @throws ApiException 404 when neither query finds it (nothing was ever recorded for it)
     */
    public <R, V> R written(Object current, Class<R> type, Object lastRecorded, Class<V> versionType,
                            Function<V, R> state) {
        return find(current, type).or(() -> find(lastRecorded, versionType).map(state))
                .orElseThrow(ApiException::notFound);
    }

    /** Asks a query whose answer is a {@code Page<R>}. */
    public <R> Page<R> page(Object query, Class<R> itemType) {
        return join(queries.query(query, PageResponseType.pageOf(itemType)));
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static MetaData metaData() {
        Map<String, String> values = new java.util.HashMap<>();
        AuthenticatedUser.current().ifPresent(user -> {
            values.put(MetadataKeys.USER_UUID, user.uuid().toString());
            values.put(MetadataKeys.USERNAME, user.username());
        });
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            values.put(MetadataKeys.CORRELATION_ID, correlationId);
        }
        String requestId = MDC.get(CorrelationIdFilter.REQUEST_ID_MDC_KEY);
        if (requestId != null) {
            values.put(MetadataKeys.REQUEST_ID, requestId);
        }
        return MetaData.from(values);
    }

    static boolean isLostRace(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof PessimisticLockingFailureException) {
                return true;
            }
            if (t instanceof SQLException sql && RETRYABLE_SQL_STATES.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * attempt + 2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a command", e);
        }
    }
}
