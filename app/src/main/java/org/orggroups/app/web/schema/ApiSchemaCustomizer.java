package org.orggroups.app.web.schema;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;

/**
 * Writes the answers declared by {@link ApiResponsesFor}: moves springdoc's generated success answer to the
 * declared status, adds its headers, and adds each error status with its DRF body (API.md section 1, "errors").
 * Operations without the annotation are left as springdoc and their own annotations make them.
 */
@Component
public class ApiSchemaCustomizer implements OperationCustomizer {

    /** What each error status means here (API.md sections 1 to 5). */
    private static final Map<Integer, String> ERRORS = Map.of(
            400, "Invalid input: field errors (`ValidationError`), or `{\"detail\": ...}` for a body that is not JSON.",
            401, "A bad token, or none where one is needed (`WWW-Authenticate: Token`).",
            403, "The user may not do this (writes need a staff user).",
            404, "Not found, or an invalid page.",
            409, "The write kept conflicting with concurrent changes; retry.",
            412, "`If-Match` names a version the group has moved on from.",
            413, "The body is over 1 MiB.",
            429, "Too many attempts; retry later.");

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        ApiResponsesFor declared = handlerMethod.getMethodAnnotation(ApiResponsesFor.class);
        if (declared == null) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        ApiResponse success = responses.values().stream().findFirst().orElseGet(ApiResponse::new);
        responses.clear();
        success.description(HttpStatus.valueOf(declared.status()).getReasonPhrase());
        if (declared.noBody()) {
            success.content(null);
        }
        for (ResponseHeader header : declared.headers()) {
            // required: the service sends each declared header on every such answer, and a check can rely on it
            success.addHeaderObject(header.headerName(), new Header().description(header.description()).required(true)
                    .schema(header.integer() ? new IntegerSchema() : new StringSchema()));
        }
        responses.addApiResponse(Integer.toString(declared.status()), success);
        Arrays.stream(declared.errors()).sorted().forEach(status ->
                responses.addApiResponse(Integer.toString(status), error(status)));
        operation.setResponses(responses);
        return operation;
    }

    private static ApiResponse error(int status) {
        // a status without a meaning of its own here is still documented, by its reason phrase
        String description = ERRORS.getOrDefault(status, HttpStatus.valueOf(status).getReasonPhrase() + ".");
        Schema<?> body = status == 400
                ? new Schema<>().oneOf(List.of(new Schema<>().$ref(ApiSchema.VALIDATION_ERROR_REF),
                        new Schema<>().$ref(ApiSchema.ERROR_DETAIL_REF)))
                : new Schema<>().$ref(ApiSchema.ERROR_DETAIL_REF);
        ApiResponse response = new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(body)));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate",
                    new Header().description("`Token`").required(true).schema(new StringSchema()));
        }
        return response;
    }
}
