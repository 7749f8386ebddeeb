package org.orggroups.app.web.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Set;

import org.axonframework.common.jdbc.JdbcException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.hibernate.exception.JDBCConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.transaction.CannotCreateTransactionException;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.orggroups.api.group.GroupId;
import org.orggroups.app.web.error.ApiException;
import org.orggroups.app.web.error.ErrorTable;
import org.orggroups.command.GroupCycleException;
import org.orggroups.command.GroupOwnParentException;
import org.orggroups.command.InvalidCustomerNameException;
import org.orggroups.command.InvalidGroupNameException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.ParentGroupNotFoundException;
import org.orggroups.command.StaleGroupVersionException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every row of {@link ErrorTable}: the status and the exact DRF body each failure is answered with. */
class ErrorTableTest {

    private static final GroupId GROUP = GroupId.random();

    @Test
    void aggregatesOfTheWrongKindMissingOrDeletedAreNotFound() {
        assertAnswer(new IncompatibleAggregateException("not a customer"), 404, "{detail=Not found.}");
        assertAnswer(new AggregateNotFoundException("x", "missing"), 404, "{detail=Not found.}");
        assertAnswer(new AggregateDeletedException("x", "deleted"), 404, "{detail=Not found.}");
    }

    @Test
    void parentRefusalsAreFieldErrorsOfParent() {
        assertAnswer(new ParentGroupNotFoundException(GROUP), 400,
                "{parent=[Invalid hyperlink - Object does not exist.]}");
        assertAnswer(new GroupOwnParentException(GROUP), 400,
                "{parent=[Organization group cannot be parent of itself.]}");
        assertAnswer(new GroupCycleException(GROUP, GroupId.random()), 400,
                "{parent=[Organization group cannot be moved under its own descendant.]}");
    }

    @Test
    void aMissingMemberGroupIsAFieldErrorOfOrganizationGroups() {
        assertAnswer(new MemberGroupNotFoundException(GROUP), 400,
                "{organization_groups=[Invalid hyperlink - Object does not exist.]}");
    }

    @Test
    void invalidNamesAreFieldErrorsOfName() {
        assertAnswer(new InvalidGroupNameException(" "), 400, "{name=[This field may not be blank.]}");
        assertAnswer(new InvalidGroupNameException("x".repeat(151)), 400,
                "{name=[Ensure this field has no more than 150 characters.]}");
        assertAnswer(new InvalidCustomerNameException(null), 400, "{name=[This field may not be blank.]}");
        assertAnswer(new InvalidCustomerNameException("y".repeat(200)), 400,
                "{name=[Ensure this field has no more than 150 characters.]}");
    }

    @Test
    void versionAndConcurrencyConflicts() {
        assertAnswer(new StaleGroupVersionException(GROUP, 1, 2), 412,
                "{detail=The organization group has changed since it was read.}");
        assertAnswer(new ConcurrencyException("lost"), 409,
                "{detail=The request conflicted with concurrent changes. Please retry.}");
    }

    @Test
    void routingAndMediaTypeRefusals() {
        ApiException methodNotAllowed = ErrorTable.answer(new HttpRequestMethodNotSupportedException("TRACE",
                Set.of("GET", "POST"))).orElseThrow();
        assertThat(methodNotAllowed.status()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(methodNotAllowed.body()).hasToString("{detail=Method \"TRACE\" not allowed.}");
        assertThat(methodNotAllowed.headers().getFirst("Allow")).isEqualTo("GET, POST, HEAD, OPTIONS");
        assertAnswer(new NoResourceFoundException(HttpMethod.GET, "nothing"), 404, "{detail=Not found.}");
        assertAnswer(new HttpMediaTypeNotAcceptableException(List.of(MediaType.APPLICATION_JSON)), 406,
                "{detail=Could not satisfy the request Accept header.}");
        assertAnswer(new HttpMediaTypeNotSupportedException(MediaType.TEXT_PLAIN, List.of(MediaType.APPLICATION_JSON)),
                415, "{detail=Unsupported media type \"text/plain\" in request.}");
    }

    @Test
    void aDomainExceptionWrappedByTheFrameworkIsFoundByItsCause() {
        assertAnswer(new CommandExecutionException("wrapped", new GroupOwnParentException(GROUP)), 400,
                "{parent=[Organization group cannot be parent of itself.]}");
    }

    /** However the failure to reach the database is wrapped, it is 503: reads, writes, logins, token lookups. */
    @Test
    void aDatabaseThatCannotBeReachedIs503() {
        String body = "{detail=Service temporarily unavailable, try again later.}";
        assertAnswer(new CannotGetJdbcConnectionException("no connection",
                new SQLException("Connection refused", "08001")), 503, body);
        assertAnswer(new CannotCreateTransactionException("Could not open JPA EntityManager for transaction",
                new JDBCConnectionException("unable to obtain connection", new SQLTransientConnectionException(
                        "HikariPool-1 - Connection is not available, request timed out after 3000ms"))), 503, body);
        assertAnswer(new EventStoreException("An event could not be stored",
                new SQLException("An I/O error occurred while sending to the backend.", "08006")), 503, body);
        assertAnswer(new CommandExecutionException("wrapped", new JdbcException("Could not store token",
                new SQLException("terminating connection due to administrator command", "57P01"))), 503, body);
        assertAnswer(new InternalAuthenticationServiceException("lookup failed",
                new DataAccessResourceFailureException("the database system is starting up")), 503, body);
        assertAnswer(new SQLException("sorry, too many clients already", "53300"), 503, body);
        assertAnswer(new SQLNonTransientConnectionException("Connection is broken", "90067"), 503, body);
        // H2 reports a connection cut under a statement as a plain I/O error (DatabaseOutageIntegrationTest on H2)
        assertAnswer(new CommandExecutionException("wrapped", new SQLException(
                "IO Exception: \"java.io.EOFException\"", "90028", 90028)), 503, body);
    }

    @Test
    void otherDatabaseFailuresAreNot503() {
        assertThat(ErrorTable.answer(new SQLException("duplicate key value", "23505"))).isEmpty();
        assertThat(ErrorTable.answer(new DataIntegrityViolationException("constraint"))).isEmpty();
        assertThat(ErrorTable.answer(new BadSqlGrammarException("select", "select x",
                new SQLException("relation \"x\" does not exist", "42P01")))).isEmpty();
    }

    @Test
    void anApiExceptionIsItsOwnAnswerAndAnythingElseHasNone() {
        ApiException own = ApiException.field("as_of", "Invalid timestamp format.");
        assertThat(ErrorTable.answer(own)).containsSame(own);
        assertThat(ErrorTable.answer(new IllegalStateException("bug"))).isEmpty();
    }

    @Test
    void subtypesComeBeforeTheirSupertypes() {
        List<Class<? extends Throwable>> types = ErrorTable.types();
        for (int i = 0; i < types.size(); i++) {
            for (int j = i + 1; j < types.size(); j++) {
                assertThat(types.get(i).isAssignableFrom(types.get(j)))
                        .as("%s shadows %s", types.get(i).getSimpleName(), types.get(j).getSimpleName()).isFalse();
            }
        }
    }

    private static void assertAnswer(Throwable failure, int status, String body) {
        ApiException answer = ErrorTable.answer(failure).orElseThrow();
        assertThat(answer.status().value()).as(failure.getClass().getSimpleName()).isEqualTo(status);
        assertThat(answer.body()).as(failure.getClass().getSimpleName()).hasToString(body);
    }
}
