package org.orggroups.app.web.schema;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document's fixed parts, around what springdoc generates from the annotated controllers (every
 * {@code @RestController} under {@code /api/} and {@code /api-auth/} appears without further configuration):
 * the title, a relative server (so the document is the same whichever host serves it), the {@value #TOKEN}
 * security scheme, and the shared error bodies {@value #VALIDATION_ERROR} and {@value #ERROR_DETAIL}, defined only
 * here. Annotations refer to them as {@link #VALIDATION_ERROR_REF} and {@link #ERROR_DETAIL_REF}.
 */
@Configuration(proxyBeanMethods = false)
public class ApiSchema {

    /** Waldur's name for the token scheme: header {@code Authorization: Token <key>} (API.md section 2). */
    public static final String TOKEN = "tokenAuth";
    /** DRF's field errors: {@code {"<field>": ["message", ...]}}. */
    public static final String VALIDATION_ERROR = "ValidationError";
    /** DRF's other errors: {@code {"detail": "message"}}. */
    public static final String ERROR_DETAIL = "ErrorDetail";
    public static final String VALIDATION_ERROR_REF = "#/components/schemas/" + VALIDATION_ERROR;
    public static final String ERROR_DETAIL_REF = "#/components/schemas/" + ERROR_DETAIL;

    /**
     * @return the document's base: reads need no token (an empty requirement), writes declare
     *         {@value #TOKEN} on their operation
     */
    @Bean
    public OpenAPI orgGroupsOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Organization groups service").version("0.1.0")
                        .description("Waldur's organization groups and customers API, event-sourced. "
                                + "The human contract is docs/API.md."))
                .servers(List.of(new Server().url("/")))
                .components(new Components()
                        .addSecuritySchemes(TOKEN, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name("Authorization")
                                .description("Token-based authentication: `Authorization: Token <key>` "
                                        + "(the keyword in any letter case)."))
                        .addSchemas(VALIDATION_ERROR, validationError())
                        .addSchemas(ERROR_DETAIL, errorDetail()))
                .addSecurityItem(new SecurityRequirement().addList(TOKEN))
                .addSecurityItem(new SecurityRequirement());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema<?> validationError() {
        Schema<?> schema = new ObjectSchema()
                .description("Field errors, as Django REST framework gives them: each field's messages. "
                        + "Errors of the body as a whole are under `non_field_errors`.");
        ((Schema) schema).additionalProperties(new ArraySchema().items(new StringSchema()));
        // a declared property makes generators write a class for this body: as a bare map, Java generators cannot
        // write the oneOf of the 400 answers (ValidationError or ErrorDetail) in compilable code
        schema.addProperty("non_field_errors", new ArraySchema().items(new StringSchema())
                .description("Errors of the body as a whole."));
        return schema;
    }

    private static Schema<?> errorDetail() {
        return new ObjectSchema().description("An error that concerns no single field.")
                .addProperty("detail", new StringSchema().description("What went wrong."))
                .addRequiredItem("detail");
    }
}
