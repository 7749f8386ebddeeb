package org.orggroups.app.web.schema;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Describes uuids as this service writes and reads them (API.md section 1) instead of as {@code format: uuid}.
 * <p>
 * Waldur's schema says {@code format: uuid}, which means the dashed RFC 4122 text, but both Waldur and this service
 * render a uuid as 32 hex digits without dashes. A generator maps {@code format: uuid} to a uuid type, and Java's
 * (Jackson's {@code UUID} reader) refuses the undashed form, so a generated Java client could not read a single
 * group. Every {@code format: uuid} that springdoc writes (from {@code @Schema(format = "uuid")}, here or on the
 * controllers still to come) is therefore replaced by a plain string with a pattern: {@value #RENDERED} where the
 * service renders it (component schemas and answers), {@value #ACCEPTED} where it reads one (parameters and request
 * bodies: dashed or not, any letter case). Clients then hold the uuid as the string they were given and send it back
 * unchanged; Python's {@code UUID()} accepts either form, so a client generated from Waldur's schema keeps working.
 */
@Component
public class HexUuids implements OpenApiCustomizer {

    /** A uuid as rendered: 32 lowercase hex digits. */
    public static final String RENDERED = "^[0-9a-f]{32}$";
    /** A uuid as accepted: with or without dashes, any letter case. */
    public static final String ACCEPTED = "^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$";

    private static final String UUID = "uuid";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> rewrite(schema, RENDERED, visited()));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem item : openApi.getPaths().values()) {
            parameters(item.getParameters());
            for (Operation operation : item.readOperations()) {
                parameters(operation.getParameters());
                if (operation.getRequestBody() != null) {
                    content(operation.getRequestBody().getContent(), ACCEPTED);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> content(response.getContent(), RENDERED));
                }
            }
        }
    }

    private static void parameters(List<Parameter> parameters) {
        if (parameters != null) {
            parameters.forEach(parameter -> rewrite(parameter.getSchema(), ACCEPTED, visited()));
        }
    }

    private static void content(Content content, String pattern) {
        if (content != null) {
            content.values().stream().map(MediaType::getSchema).forEach(schema -> rewrite(schema, pattern, visited()));
        }
    }

    private static Set<Schema<?>> visited() {
        return Collections.newSetFromMap(new IdentityHashMap<>());
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void rewrite(Schema<?> schema, String pattern, Set<Schema<?>> visited) {
        if (schema == null || !visited.add(schema)) {
            return;
        }
        if (UUID.equals(schema.getFormat())) {
            schema.setFormat(null);
            schema.setPattern(pattern);
        }
        List<Schema<?>> nested = new ArrayList<>();
        if (schema.getProperties() != null) {
            nested.addAll((Collection) schema.getProperties().values());
        }
        nested.add(schema.getItems());
        if (schema.getAdditionalProperties() instanceof Schema<?> additional) {
            nested.add(additional);
        }
        for (List<Schema> composed : new List[] {schema.getAllOf(), schema.getOneOf(), schema.getAnyOf()}) {
            if (composed != null) {
                composed.forEach(part -> nested.add(part));
            }
        }
        nested.forEach(child -> rewrite(child, pattern, visited));
    }
}
