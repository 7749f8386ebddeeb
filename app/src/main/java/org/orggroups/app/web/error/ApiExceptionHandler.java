package org.orggroups.app.web.error;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.async.AsyncRequestNotUsableException;

/**
 * The one place where failures thrown below a controller become HTTP answers, all in Django REST framework's
 * shape (API.md section 1). Which failure gets which answer is {@link ErrorTable}; anything it does not know
 * becomes a plain 500 {@code {"detail": ...}} and one log line (with the request's correlation id), never a
 * stack trace in the response. Every error is JSON whatever the request's {@code Accept} header asks for (the
 * content type is set here, so no content negotiation can turn a 404 into a 500 or a 406).
 */
@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    /**
     * The client went away while the answer was being written (a closed connection, a load generator
     * stopping): there is nobody left to answer and nothing wrong on our side, so no error is logged.
     */
    @ExceptionHandler(AsyncRequestNotUsableException.class)
    public void clientGone(AsyncRequestNotUsableException e) {
        LOG.debug("Client disconnected before the response was written: {}", e.getMessage());
    }

    /**
     * @return the answer {@link ErrorTable} gives the failure; else 500 {@code {"detail":"A server error
     *         occurred."}}, the failure logged with its stack trace
     */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, Object>> handle(Exception e) {
        return ErrorTable.answer(e).map(answer -> {
            if (answer.status() == HttpStatus.SERVICE_UNAVAILABLE) {
                // One line per request while the database is away: what failed, without a stack trace.
                LOG.warn("Answered 503, the database cannot be reached: {}", e.toString());
            }
            return render(answer);
        }).orElseGet(() -> {
            LOG.error("Unexpected failure while handling a request", e);
            return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                    .body(ErrorBodies.detail(ErrorBodies.SERVER_ERROR));
        });
    }

    private static ResponseEntity<Map<String, Object>> render(ApiException e) {
        return ResponseEntity.status(e.status()).headers(e.headers()).contentType(MediaType.APPLICATION_JSON)
                .body(e.body());
    }
}
