package org.orggroups.app.web.error;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.orggroups.app.web.support.Hyperlinks;
import org.orggroups.command.GroupCycleException;
import org.orggroups.command.GroupOwnParentException;
import org.orggroups.command.InvalidNameException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.ParentGroupNotFoundException;
import org.orggroups.command.PlanNotFoundException;
import org.orggroups.command.ProviderNotFoundException;
import org.orggroups.command.StaleGroupVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one table from failures to HTTP answers (API.md section 1, "errors"): each row names an exception type
 * and the DRF-style answer it gets, with its status, its field (or {@code detail}) and its message. Rows are
 * tried in order, so a subtype must come before its supertype; a failure matching no row is unexpected (500).
 * Before any row, a database that cannot be reached is 503 (API.md section 1), whatever the failure says.
 */
public final class ErrorTable {

    /** The order of DRF's {@code http_method_names}, in which it lists {@code Allow}. */
    private static final List<HttpMethod> DRF_METHOD_ORDER = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private static final Map<Class<? extends Throwable>, Function<Throwable, ApiException>> ROWS = rows();

    private ErrorTable() {
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void row(Map<Class<? extends Throwable>, Function<Throwable, ApiException>> rows,
                                                  Class<T> type, Function<T, ApiException> answer) {
        rows.put(type, e -> answer.apply((T) e));
    }

    private static Map<Class<? extends Throwable>, Function<Throwable, ApiException>> rows() {
        Map<Class<? extends Throwable>, Function<Throwable, ApiException>> rows = new LinkedHashMap<>();
        row(rows, ApiException.class, e -> e);
        // A uuid of the other kind of resource (a group's under /api/customers/, or the reverse): Axon finds its
        // events but they do not build this aggregate, before anything is applied. For the client it is no such object.
        row(rows, IncompatibleAggregateException.class, e -> ApiException.notFound());
        // Missing, or deleted (AggregateDeletedException is a subtype): DRF's 404.
        row(rows, AggregateNotFoundException.class, e -> ApiException.notFound());
        row(rows, ParentGroupNotFoundException.class, e -> ApiException.field("parent", Hyperlinks.OBJECT_DOES_NOT_EXIST));
        row(rows, GroupOwnParentException.class, e -> ApiException.field("parent", GroupOwnParentException.MESSAGE));
        row(rows, GroupCycleException.class, e -> ApiException.field("parent", GroupCycleException.MESSAGE));
        row(rows, MemberGroupNotFoundException.class,
                e -> ApiException.field("organization_groups", Hyperlinks.OBJECT_DOES_NOT_EXIST));
        // A provider deleted between the edge's check and the command (API.md section 12.3, E1).
        row(rows, ProviderNotFoundException.class,
                e -> ApiException.field("customer", Hyperlinks.OBJECT_DOES_NOT_EXIST));
        // A plan uuid that its offering does not know: no such plan, as DRF's 404 (E9, E10).
        row(rows, PlanNotFoundException.class, e -> ApiException.notFound());
        // The edge validates names first; this is the aggregate's backstop, worded as the edge would word it.
        row(rows, InvalidNameException.class,
                e -> ApiException.field("name", e.blank() ? ErrorBodies.BLANK : ErrorBodies.TOO_LONG));
        row(rows, StaleGroupVersionException.class, e -> ApiException.detail(HttpStatus.PRECONDITION_FAILED,
                "The organization group has changed since it was read."));
        // A lost race that escaped the retries of Messaging (API.md section 5).
        row(rows, ConcurrencyException.class, e -> ApiException.detail(HttpStatus.CONFLICT, ErrorBodies.CONCURRENT_CHANGES));
        row(rows, HttpRequestMethodNotSupportedException.class, ErrorTable::methodNotAllowed);
        row(rows, NoResourceFoundException.class, e -> ApiException.notFound());
        row(rows, NoHandlerFoundException.class, e -> ApiException.notFound());
        row(rows, HttpMediaTypeNotAcceptableException.class,
                e -> ApiException.detail(HttpStatus.NOT_ACCEPTABLE, ErrorBodies.NOT_ACCEPTABLE));
        row(rows, HttpMediaTypeNotSupportedException.class, e -> ApiException.detail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ErrorBodies.unsupportedMediaType(e.getContentType() == null ? "" : e.getContentType().toString())));
        return rows;
    }

    /**
     * @param failure anything thrown while a request was handled
     * @return 503 {@code {"detail":"Service temporarily unavailable, try again later."}} when the failure comes
     *         from a database that cannot be reached ({@link DatabaseUnavailable}), whatever wraps it; else the
     *         answer of the first row matching the failure or, failing that, one of its causes (Axon and Spring may
     *         wrap a domain exception); empty when no row matches: an unexpected failure
     */
    public static Optional<ApiException> answer(Throwable failure) {
        if (DatabaseUnavailable.causes(failure)) {
            return Optional.of(ApiException.detail(HttpStatus.SERVICE_UNAVAILABLE, ErrorBodies.SERVICE_UNAVAILABLE));
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Map.Entry<Class<? extends Throwable>, Function<Throwable, ApiException>> row : ROWS.entrySet()) {
                if (row.getKey().isInstance(t)) {
                    return Optional.of(row.getValue().apply(t));
                }
            }
        }
        return Optional.empty();
    }

    /** @return the exception types the table maps, in the order they are tried */
    public static List<Class<? extends Throwable>> types() {
        return List.copyOf(ROWS.keySet());
    }

    /**
     * 405 with {@code Allow}, as DRF answers a method the resource does not have: e.g. {@code GET, POST, HEAD,
     * OPTIONS}, in DRF's order. Spring reports only the mapped methods, but HEAD (wherever GET is mapped) and
     * OPTIONS are served too, and {@code Allow} must list every method the resource supports (RFC 9110).
     */
    private static ApiException methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        Set<HttpMethod> supported = e.getSupportedHttpMethods();
        HttpHeaders headers = new HttpHeaders();
        if (supported != null) {
            Set<HttpMethod> allowed = new HashSet<>(supported);
            if (allowed.contains(HttpMethod.GET)) {
                allowed.add(HttpMethod.HEAD);
            }
            allowed.add(HttpMethod.OPTIONS);
            headers.set(HttpHeaders.ALLOW, DRF_METHOD_ORDER.stream().filter(allowed::contains).map(HttpMethod::name)
                    .collect(Collectors.joining(", ")));
        }
        return new ApiException(HttpStatus.METHOD_NOT_ALLOWED,
                ErrorBodies.detail(ErrorBodies.methodNotAllowed(e.getMethod())), headers);
    }
}
