package org.orggroups.app.web.schema;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.stereotype.Component;

/**
 * Says that the values of a {@code Map<String, Object>} answer may be any JSON value. springdoc writes such a map as
 * {@code additionalProperties: {type: object}}, which the first string or number in the answer contradicts (a
 * version's {@code id}, a projection's {@code name}); a bare {@code type: object} under {@code additionalProperties}
 * is always that inference, since a described class is a {@code $ref} and a described map has its own value schema.
 * It becomes {@code {}}: any value.
 */
@Component
public class AnyMapValues implements OpenApiCustomizer {

    @Override
    public void customise(OpenAPI openApi) {
        Set<Schema<?>> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        if (openApi.getComponents() != null && openApi.getComponents().getSchemas() != null) {
            openApi.getComponents().getSchemas().values().forEach(schema -> rewrite(schema, visited));
        }
        if (openApi.getPaths() == null) {
            return;
        }
        for (PathItem item : openApi.getPaths().values()) {
            for (Operation operation : item.readOperations()) {
                if (operation.getRequestBody() != null) {
                    content(operation.getRequestBody().getContent(), visited);
                }
                if (operation.getResponses() != null) {
                    operation.getResponses().values().forEach(response -> content(response.getContent(), visited));
                }
            }
        }
    }

    private static void content(Content content, Set<Schema<?>> visited) {
        if (content != null) {
            content.values().stream().map(MediaType::getSchema).forEach(schema -> rewrite(schema, visited));
        }
    }

    private static void rewrite(Schema<?> schema, Set<Schema<?>> visited) {
        if (schema == null || !visited.add(schema)) {
            return;
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> values) {
            if (isBareObject(values)) {
                schema.setAdditionalProperties(new Schema<>());
            } else {
                rewrite(values, visited);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(property -> rewrite(property, visited));
        }
        rewrite(schema.getItems(), visited);
    }

    private static boolean isBareObject(Schema<?> schema) {
        return "object".equals(schema.getType()) && schema.get$ref() == null && schema.getProperties() == null
                && schema.getAdditionalProperties() == null && schema.getAllOf() == null && schema.getOneOf() == null
                && schema.getAnyOf() == null;
    }
}
