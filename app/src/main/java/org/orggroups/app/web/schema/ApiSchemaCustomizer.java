package org.orggroups.app.web.schema;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.orggroups.app.web.error.ErrorBodies;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes the answers declared by {@link ApiResponsesFor}: moves springdoc's generated success answer to the
 * declared status, with its description, headers and body forms, and adds each error status with its DRF body
 * (API.md section 1, "errors"). Every controller operation declares its answers this way.
 */
@Component
public class ApiSchemaCustomizer implements OperationCustomizer {

    private static final String JSON = org.springframework.http.MediaType.APPLICATION_JSON_VALUE;

    /** What each error status means wherever an operation gives no words of its own (API.md sections 1 to 5). */
    private static final Map<Integer, String> ERRORS = Map.ofEntries(
            Map.entry(400, "Invalid input: field errors (`ValidationError`), or `{\"detail\": ...}` for a body that "
                    + "is not JSON."),
            Map.entry(401, "No credentials where a token is needed (`{\"detail\": \"Authentication credentials were "
                    + "not provided.\"}`), or a bad token (`{\"detail\": \"Invalid token.\"}`); with "
                    + "`WWW-Authenticate: Token`."),
            Map.entry(403, "The user may not do this: writes and the staff-only operations need a staff user "
                    + "(`{\"detail\": \"You do not have permission to perform this action.\"}`)."),
            Map.entry(404, "Not found (`{\"detail\": \"Not found.\"}`), or a page that is not a positive integer, "
                    + "`last`, or within the list (`{\"detail\": \"Invalid page.\"}`)."),
            Map.entry(409, "The write kept conflicting with concurrent changes; retry."),
            Map.entry(412, "`If-Match` names a version the group has moved on from."),
            Map.entry(413, "The body is over 1 MiB (`{\"detail\": \"Request body too large.\"}`)."),
            Map.entry(406, "`Accept` excludes JSON (`{\"detail\": \"Could not satisfy the request Accept "
                    + "header.\"}`); a write is refused before it acts."),
            Map.entry(415, "The body is not declared JSON (`{\"detail\": \"Unsupported media type \\\"<type>\\\" in "
                    + "request.\"}`)."),
            Map.entry(429, "Too many attempts; retry after `Retry-After` seconds."),
            Map.entry(503, "The database cannot be reached, or the request waited past `ORGGROUPS_HTTP_MAX_WAIT` "
                    + "for its turn on a busy node (`{\"detail\": \"" + ErrorBodies.SERVICE_UNAVAILABLE
                    + "\"}`); a write so answered was not recorded, unless the connection broke while it "
                    + "committed."));

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        ApiResponsesFor declared = handlerMethod.getMethodAnnotation(ApiResponsesFor.class);
        if (declared == null) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse success = responses.values().stream().findFirst().orElseGet(ApiResponse::new);
        responses.clear();
        success.description(declared.description().isEmpty()
                ? HttpStatus.valueOf(declared.status()).getReasonPhrase() : declared.description());
        if (declared.noBody()) {
            success.content(null);
        }
        if (declared.listOf() != Void.class) {
            success.content(json(new ArraySchema().items(reference(declared.listOf()))));
        }
        if (!declared.csv().isEmpty()) {
            success.getContent().addMediaType("text/csv",
                    new MediaType().schema(new StringSchema().description(declared.csv())));
        }
        for (ResponseHeader header : declared.headers()) {
            Schema<?> schema = header.integer() ? new IntegerSchema() : new StringSchema();
            if (header.format() != null) {
                schema.format(header.format());
            }
            // required: the service sends each declared header on every such answer, and a check can rely on it
            success.addHeaderObject(header.headerName(),
                    new Header().description(header.description()).required(true).schema(schema));
        }
        responses.addApiResponse(Integer.toString(declared.status()), success);
        Map<Integer, ApiResponse> errors = new TreeMap<>();
        for (int status : declared.errors()) {
            // a status without a meaning of its own here is still documented, by its reason phrase
            errors.put(status, error(status,
                    ERRORS.getOrDefault(status, HttpStatus.valueOf(status).getReasonPhrase() + "."),
                    ErrorBody.STANDARD));
        }
        // Every operation negotiates its answer, and every one that reads a body checks its type (API.md section 1).
        errors.put(HttpStatus.NOT_ACCEPTABLE.value(), error(HttpStatus.NOT_ACCEPTABLE.value(),
                ERRORS.get(HttpStatus.NOT_ACCEPTABLE.value()), ErrorBody.STANDARD));
        // Every operation reads the database, the token lookup at least (API.md section 1).
        errors.put(HttpStatus.SERVICE_UNAVAILABLE.value(), error(HttpStatus.SERVICE_UNAVAILABLE.value(),
                ERRORS.get(HttpStatus.SERVICE_UNAVAILABLE.value()), ErrorBody.STANDARD));
        if (operation.getRequestBody() != null) {
            errors.put(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(), error(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value(),
                    ERRORS.get(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value()), ErrorBody.STANDARD));
        }
        for (Refusal refusal : declared.refusals()) {
            if (errors.put(refusal.status(), error(refusal.status(), refusal.description(), refusal.body())) != null) {
                throw new IllegalStateException(handlerMethod + " declares " + refusal.status() + " twice");
            }
        }
        errors.forEach((status, response) -> responses.addApiResponse(Integer.toString(status), response));
        operation.setResponses(responses);
        return operation;
    }

    private static ApiResponse error(int status, String description, ErrorBody body) {
        ApiResponse response = new ApiResponse().description(description).content(json(schema(status, body)));
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            response.addHeaderObject(HttpHeaders.WWW_AUTHENTICATE,
                    new Header().description("`Token`").required(true).schema(new StringSchema().example("Token")));
        }
        if (status == HttpStatus.TOO_MANY_REQUESTS.value()) {
            response.addHeaderObject(HttpHeaders.RETRY_AFTER,
                    new Header().description("Seconds to wait.").required(true).schema(new IntegerSchema()));
        }
        return response;
    }

    private static Schema<?> schema(int status, ErrorBody body) {
        return switch (body) {
            case STANDARD -> status == HttpStatus.BAD_REQUEST.value() ? fieldsOrDetail()
                    : new Schema<>().$ref(ApiSchema.ERROR_DETAIL_REF);
            case FIELDS_OR_DETAIL -> fieldsOrDetail();
            case VALIDATION_ERROR -> new Schema<>().$ref(ApiSchema.VALIDATION_ERROR_REF);
            case TIMESTAMP_ERROR -> new ObjectSchema().description(ErrorBody.TIMESTAMP_ERROR_DESCRIPTION);
            case NESTED_FIELDS -> new ObjectSchema().description(ErrorBody.NESTED_FIELDS_DESCRIPTION);
        };
    }

    private static Schema<?> fieldsOrDetail() {
        return new Schema<>().oneOf(List.of(new Schema<>().$ref(ApiSchema.VALIDATION_ERROR_REF),
                new Schema<>().$ref(ApiSchema.ERROR_DETAIL_REF)));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType(JSON, new MediaType().schema(schema));
    }

    /** @return a reference to the schema component springdoc makes of {@code type} */
    private static Schema<?> reference(Class<?> type) {
        return ModelConverters.getInstance().resolveAsResolvedSchema(new AnnotatedType(type).resolveAsRef(true)).schema;
    }
}
