package org.orggroups.app.web.error;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.orggroups.command.GroupCycleException;
import org.orggroups.command.GroupOwnParentException;
import org.orggroups.command.MemberGroupNotFoundException;
import org.orggroups.command.ParentGroupNotFoundException;
import org.orggroups.command.StaleGroupVersionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The one place where failures become HTTP answers, all in Django REST framework's shape (API.md section 1).
 * Domain refusals of the aggregates map to the contract's statuses and texts; anything unexpected becomes a
 * plain 500 {@code {"detail": ...}} and one log line (with the request's correlation id), never a stack trace
 * in the response. Every error is JSON whatever the request's {@code Accept} header asks for (the content type is
 * set here, so no content negotiation can turn a 404 into a 500).
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);
    /** The order of DRF's {@code http_method_names}, in which it lists {@code Allow}. */
    private static final List<HttpMethod> DRF_METHOD_ORDER = List.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT,
            HttpMethod.PATCH, HttpMethod.DELETE, HttpMethod.HEAD, HttpMethod.OPTIONS);

    /** An error already in the contract's shape. */
    @ExceptionHandler(ApiException.class)
    public ResponseEntity<Map<String, Object>> api(ApiException e) {
        return ResponseEntity.status(e.status()).headers(e.headers()).contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }

    /** A missing or deleted aggregate: DRF's 404. */
    @ExceptionHandler(AggregateNotFoundException.class)
    public ResponseEntity<Map<String, Object>> aggregateNotFound(AggregateNotFoundException e) {
        return api(ApiException.notFound());
    }

    @ExceptionHandler(ParentGroupNotFoundException.class)
    public ResponseEntity<Map<String, Object>> parentNotFound(ParentGroupNotFoundException e) {
        return api(ApiException.field("parent", "Invalid hyperlink - Object does not exist."));
    }

    @ExceptionHandler(GroupOwnParentException.class)
    public ResponseEntity<Map<String, Object>> ownParent(GroupOwnParentException e) {
        return api(ApiException.field("parent", "Organization group cannot be parent of itself."));
    }

    @ExceptionHandler(GroupCycleException.class)
    public ResponseEntity<Map<String, Object>> cycle(GroupCycleException e) {
        return api(ApiException.field("parent", "Organization group cannot be moved under its own descendant."));
    }

    @ExceptionHandler(MemberGroupNotFoundException.class)
    public ResponseEntity<Map<String, Object>> memberGroupNotFound(MemberGroupNotFoundException e) {
        return api(ApiException.field("organization_groups", "Invalid hyperlink - Object does not exist."));
    }

    @ExceptionHandler(StaleGroupVersionException.class)
    public ResponseEntity<Map<String, Object>> stale(StaleGroupVersionException e) {
        return api(ApiException.detail(HttpStatus.PRECONDITION_FAILED,
                "The organization group has changed since it was read."));
    }

    /**
     * 405 with {@code Allow}, as DRF answers a method the resource does not have: e.g. {@code GET, POST, HEAD,
     * OPTIONS}, in DRF's order. Spring reports only the mapped methods, but HEAD (wherever GET is mapped) and
     * OPTIONS are served too, and {@code Allow} must list every method the resource supports (RFC 9110).
     */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    public ResponseEntity<Map<String, Object>> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
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
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBodies.detail("Method \"" + e.getMethod() + "\" not allowed."));
    }

    /** An unknown path. */
    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    public ResponseEntity<Map<String, Object>> noRoute(Exception e) {
        return api(ApiException.notFound());
    }

    /**
     * The client went away while the answer was being written (a closed connection, a load generator
     * stopping): there is nobody left to answer and nothing wrong on our side, so no error is logged.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException e) {
        LOG.debug("Client disconnected before the response was written: {}", e.getMessage());
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    public ResponseEntity<Map<String, Object>> notAcceptable(HttpMediaTypeNotAcceptableException e) {
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                .header(HttpHeaders.CONTENT_TYPE, "application/json")
                .body(ErrorBodies.detail("Could not satisfy the request Accept header."));
    }

    /** Anything else: a bug or an outage. Logged with its stack trace; the client sees no internals. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        LOG.error("Unexpected failure while handling a request", e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorBodies.detail(ErrorBodies.SERVER_ERROR));
    }
}
